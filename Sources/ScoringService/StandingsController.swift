import ArenaCore
import ArenaHTTP
import Foundation
import Hummingbird
import ScoringRules

/// `GET /api/v1/contests/{id}/standings[?since=VERSION]`: the standings the identity may see,
/// or the rows changed after VERSION.
struct StandingsController: Sendable {
    let reader: StandingsReader
    let directory: any ContestDirectory
    let consumer: StandingsConsumer

    static let operations: [APIOperation] = [
        APIOperation("get", "/api/v1/contests/{id}/standings",
                     "Standings: the public view, the jury's live view, or yours; with `since`, the rows changed after that version",
                     tag: "scoring", responses: [200: "Standings", 400: "Bad `since`", 404: "No such contest"]),
        APIOperation("post", "/api/v1/contests/{id}/standings/recompute", "Recompute the standings from the whole event log (admin)",
                     tag: "scoring", auth: "admin", responses: [200: "Recomputed: the new version", 404: "No such contest"]),
    ]

    func recompute(_ context: ArenaRequestContext) async throws -> Int64 {
        _ = try context.require(.admin)
        let id = try context.parameters.require("id")
        _ = try await directory.scoringInfo(contestId: id, identity: context.identity)
        try await consumer.recompute(id)
        return try await reader.states([id])[id]?.version ?? 0
    }

    func addRoutes(to router: Router<ArenaRequestContext>) {
        router.get("/api/v1/contests/{id}/standings") { request, context in
            let id = try context.parameters.require("id")
            let since = try StandingsSince.parse(request.uri.queryParameters["since"].map(String.init))
            let info = try await directory.scoringInfo(contestId: id, identity: context.identity)
            let view = standingsView(for: context.identity)
            let slice = try await reader.slice(contestId: id, view: view, since: since)
            return JSONBody.response(text: try reader.json(slice, view: view, contestId: id, info: info))
        }
        router.post("/api/v1/contests/{id}/standings/recompute") { _, context in
            JSONBody.response(["version": try await recompute(context)])
        }
        // The same from the standings page's admin button (a form, CSRF-checked).
        router.post("/contests/{id}/standings/recompute") { _, context in
            _ = try await recompute(context)
            return PageRenderer.redirect(to: "/contests/\(try context.parameters.require("id"))/standings")
        }
    }
}
