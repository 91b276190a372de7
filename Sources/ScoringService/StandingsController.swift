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

    static let operations: [APIOperation] = [
        APIOperation("get", "/api/v1/contests/{id}/standings",
                     "Standings: the public view, the jury's live view, or yours; with `since`, the rows changed after that version",
                     tag: "scoring", responses: [200: "Standings", 400: "Bad `since`", 404: "No such contest"]),
    ]

    func addRoutes(to router: Router<ArenaRequestContext>) {
        router.get("/api/v1/contests/{id}/standings") { request, context in
            let id = try context.parameters.require("id")
            let since = try StandingsSince.parse(request.uri.queryParameters["since"].map(String.init))
            let info = try await directory.scoringInfo(contestId: id, identity: context.identity)
            let slice = try await reader.slice(contestId: id, view: standingsView(for: context.identity), since: since)
            return JSONBody.response(StandingsJSON(slice, info: info))
        }
    }
}
