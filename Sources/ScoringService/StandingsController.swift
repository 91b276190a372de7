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

    static let cell = APISchema.object(required: [
        "problem": .text, "label": .text, "solved": .boolean, "attempts": .integer(), "time_s": .nullable(.integer()), "score": .number,
        "pending": .integer(), "first": .boolean,
    ])
    static let row = APISchema.object(required: [
        "rank": .integer(), "user_id": .integer(), "user": .text, "solved": .integer(), "penalty": .integer(), "score": .number,
        "cells": .array(cell),
    ])
    static let standings = APISchema.object(
        required: ["version": .integer(), "frozen": .boolean, "snapshot": .boolean, "rows": .array(row)],
        optional: ["freezes_at": .dateTime])

    static let operations: [APIOperation] = [
        APIOperation("get", "/api/v1/contests/{id}/standings",
                     "Standings: the public view, the jury's live view, or yours; with `since`, the rows changed after that version",
                     tag: "scoring", query: [APIParameter("since", .integer(minimum: 0), "Only the rows changed after this standings version")],
                     responses: [200: APIResponse("Standings", standings), 404: APIResponse("No such contest, or hidden", .error)]),
        APIOperation("post", "/api/v1/contests/{id}/standings/recompute", "Recompute the standings from the whole event log (admin)",
                     tag: "scoring", auth: "admin",
                     responses: [200: APIResponse("Recomputed: the new version", .object(required: ["version": .integer()])),
                                 404: APIResponse("No such contest", .error)]),
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
            var response = JSONBody.response(text: try reader.json(slice, view: view, contestId: id, info: info))
            if let key = reader.sharedKey(slice, view: view, contestId: id, info: info) { response.cacheCompressed(as: "standings-api|" + key) }
            return response
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
