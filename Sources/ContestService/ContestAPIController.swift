import ArenaCore
import ArenaHTTP
import Foundation
import Hummingbird

/// `/api/v1/problems*` and `/api/v1/contests*`.
struct ContestAPIController: Sendable {
    let store: ContestStore

    static let problem = APISchema.object(
        required: ["id": .text, "version": .integer(), "name": .text, "types": .array(.text), "time_limit": .number, "memory_mib": .integer()],
        optional: ["statement_html": .text, "statement_language": .text, "samples_html": .text])
    static let contestProblem = APISchema.object(
        required: ["label": .text, "problem_id": .text, "name": .text, "time_limit": .number, "memory_mib": .integer()],
        optional: ["points": .integer(), "rgb": .text])
    static let contest = APISchema.object(
        required: ["id": .text, "name": .text, "start_time": .dateTime, "end_time": .dateTime, "duration": .integer(), "scoring": .text,
                   "penalty_time": .integer(), "phase": .string(values: ["upcoming", "running", "finished"])],
        optional: ["scoreboard_freeze_duration": .integer(), "problems": .array(contestProblem)])

    static let operations: [APIOperation] = [
        APIOperation("get", "/api/v1/problems", "Problems in the archive", tag: "contests",
                     responses: [200: APIResponse("The archive", .array(problem))]),
        APIOperation("get", "/api/v1/problems/{id}", "A problem: statement HTML, samples, limits", tag: "contests",
                     responses: [200: APIResponse("The problem", problem), 404: APIResponse("Not in the archive", .error)]),
        APIOperation("get", "/api/v1/contests", "Contests you may see", tag: "contests",
                     responses: [200: APIResponse("Contests, newest start first", .array(contest))]),
        APIOperation("get", "/api/v1/contests/{id}", "A contest with its problems (once started)", tag: "contests",
                     responses: [200: APIResponse("The contest", contest), 404: APIResponse("No such contest, or hidden", .error)]),
        APIOperation("post", "/api/v1/contests/{id}/register", "Register for a contest", tag: "contests", auth: "user",
                     responses: [200: APIResponse("Registered", .object(required: ["registered": .boolean])),
                                 403: APIResponse("Invitation only or finished", .error), 404: APIResponse("No such contest, or hidden", .error)]),
    ]

    struct ProblemJSON: Encodable {
        let id: String
        let version: Int64
        let name: String
        let types: [String]
        let timeLimit: Double
        let memoryMib: Int
        let statementHtml: String?
        let statementLanguage: String?
        let samplesHtml: String?
    }

    struct ContestJSON: Encodable {
        let id: String
        let name: String
        let startTime: Date
        let endTime: Date
        let duration: Int
        let scoreboardFreezeDuration: Int?
        let scoring: String
        let penaltyTime: Int
        let phase: String
        let problems: [ContestProblemJSON]?
    }

    struct ContestProblemJSON: Encodable {
        let label: String
        let problemId: String
        let name: String
        let timeLimit: Double
        let memoryMib: Int
        let points: Int?
        let rgb: String?
    }

    func addRoutes(to router: Router<ArenaRequestContext>) {
        router.get("/api/v1/problems") { _, context in
            var list: [ProblemJSON] = []
            for (_, versionId) in try await store.archive(jury: context.identity?.isJury ?? false) {
                if let v = try await store.version(versionId) { list.append(json(v, full: false)) }
            }
            return JSONBody.response(list)
        }
        router.get("/api/v1/problems/{id}") { _, context in
            let id = try context.parameters.require("id")
            guard try await store.archive(jury: context.identity?.isJury ?? false).contains(where: { $0.0 == id }),
                  let version = try await store.currentVersion(of: id) else { throw UserError.notFound("No problem \(id).") }
            return JSONBody.response(json(version, full: true))
        }
        router.get("/api/v1/contests") { _, context in
            JSONBody.response(try await store.contests(for: context.identity).map { json($0, problems: nil) })
        }
        router.get("/api/v1/contests/{id}") { _, context in
            let contest = try await store.contest(try context.parameters.require("id"), for: context.identity)
            let visible = contest.phase() != "upcoming" || context.identity?.isJury == true
            let problems = visible ? try await store.problems(of: contest.id).map {
                ContestProblemJSON(label: $0.label, problemId: $0.problemId, name: $0.name, timeLimit: $0.timeLimit,
                                   memoryMib: $0.memoryMiB, points: $0.points, rgb: $0.rgb)
            } : nil
            return JSONBody.response(json(contest, problems: problems))
        }
        router.post("/api/v1/contests/{id}/register") { _, context in
            let identity = try context.requireUser()
            let contest = try await store.contest(try context.parameters.require("id"), for: identity)
            try await store.register(contest, identity)
            return JSONBody.response(["registered": true])
        }
    }

    func json(_ v: ProblemVersion, full: Bool) -> ProblemJSON {
        let statement = full ? v.statement(nil) : nil
        return ProblemJSON(id: v.problemId, version: v.id, name: v.name, types: v.types, timeLimit: v.timeLimit, memoryMib: v.memoryMiB,
                           statementHtml: statement?.html, statementLanguage: statement?.language, samplesHtml: statement?.samples)
    }

    func json(_ c: Contest, problems: [ContestProblemJSON]?) -> ContestJSON {
        ContestJSON(id: c.id, name: c.name, startTime: c.start, endTime: c.end, duration: c.duration, scoreboardFreezeDuration: c.freeze,
                    scoring: c.scoring, penaltyTime: c.penaltyMinutes, phase: c.phase(), problems: problems)
    }
}
