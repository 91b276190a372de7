import ArenaCore
import ArenaHTTP
import Foundation
import HTTPTypes
import Hummingbird

/// `/api/v1/submissions*`.
struct SubmissionAPIController: Sendable {
    let intake: Intake
    let store: SubmissionStore
    let rejudger: Rejudger

    struct RejudgeRequest: Decodable {
        let contestId: String
        let problemId: String
    }

    struct SubmitRequest: Decodable {
        let problemId: String
        let contestId: String?
        let language: String
        let source: String
    }

    static let digits = APISchema.string(pattern: "^[0-9]+$")
    static let summary = APISchema.object(
        required: ["id": .integer(), "username": .text, "problem_id": .text, "language": .text, "submitted_at": .dateTime,
                   "status": .string(values: ["queued", "compiling", "running", "judged"])],
        optional: ["contest_id": .text, "verdict": APISchemas.verdict, "score": .number, "time_ms": .integer(), "memory_kb": .integer(),
                   "previous_verdict": APISchemas.verdict])
    static let detail = APISchema.object(
        required: ["id": .integer(), "user": .text, "problem_id": .text, "language": .text, "submitted_at": .dateTime,
                   "status": .string(values: ["queued", "compiling", "running", "judged"]), "tests": .array(APISchemas.testRun), "source": .text],
        optional: ["contest_id": .text, "verdict": APISchemas.verdict, "score": .number, "time_ms": .integer(), "memory_kb": .integer(),
                   "compile_output": .text, "progress": .text])

    static let submit = APIOperation("post", "/api/v1/submissions", "Submit a solution; 202 means it is stored", tag: "submissions", auth: "user",
        body: .object(required: ["problem_id": .text, "language": .text, "source": .text], optional: ["contest_id": .text]),
        responses: [202: APIResponse("Stored and queued (`id` is the submission id, as digits)",
                                     .object(required: ["id": digits, "status": .string(values: ["queued"])])),
                    403: APIResponse("Not allowed now (not registered, contest not running)", .error), 404: APIResponse("No such problem", .error),
                    422: APIResponse("Unknown language, empty or too large source", .error),
                    429: APIResponse("Too many submissions", .error, headers: ["Retry-After": "Seconds to wait"])])
    static let list = APIOperation("get", "/api/v1/submissions", "Submissions, newest first (yours; the jury sees all), a page at a time",
        tag: "submissions", auth: "user",
        query: [APIParameter("contest_id", .text, "Only this contest's"), APIParameter("problem_id", .text, "Only this problem's"),
                APIParameter("user", .text, "Only this user's (the jury; others may name only themselves)"),
                APIParameter("verdict", APISchemas.verdict, "Only with this verdict"),
                APIParameter("changed", .string(values: ["true", "false"]), "`true`: only those a rejudge gave another verdict"),
                APIParameter("limit", .integer(minimum: 1, maximum: SubmissionPage.maxLimit), "Rows per page (default \(SubmissionPage.defaultLimit))"),
                APIParameter("before", .integer(minimum: 1), "Only submissions with a smaller id: the cursor of the next page")],
        responses: [200: APIResponse("A page of submissions", .array(summary),
                                     headers: ["Link": "`<URL>; rel=\"next\"` when there are older submissions: the next page's address"]),
                    403: APIResponse("Another user's list asked by a non-jury user", .error)])
    static let show = APIOperation("get", "/api/v1/submissions/{id}", "A submission: status, verdict, tests, compile output", tag: "submissions",
        auth: "user", pathTypes: ["id": .integer()],
        responses: [200: APIResponse("The submission (samples only unless you are the jury)", detail),
                    404: APIResponse("Not found or not yours", .error)])
    static let rejudgeOne = APIOperation("post", "/api/v1/submissions/{id}/rejudge", "Judge a submission again (jury)", tag: "submissions",
        auth: "jury", pathTypes: ["id": .integer()],
        responses: [202: APIResponse("Queued", .object(required: ["status": .string(values: ["queued"])])),
                    404: APIResponse("No such submission", .error)])
    static let rejudgeAll = APIOperation("post", "/api/v1/submissions/rejudge",
        "Judge every submission of a contest problem again with its current version (jury)", tag: "submissions", auth: "jury",
        body: .object(required: ["contest_id": .text, "problem_id": .text]),
        responses: [202: APIResponse("Queued, with the count (as digits)", .object(required: ["status": .string(values: ["queued"]), "queued": digits])),
                    404: APIResponse("No such contest or problem", .error)])

    static let operations: [APIOperation] = [submit, list, show, rejudgeOne, rejudgeAll]

    func addRoutes(to router: Router<ArenaRequestContext>) {
        router.post("/api/v1/submissions") { request, context in
            let identity = try context.requireUser()
            let body = try await Self.submit.decodeRequired(SubmitRequest.self, from: request, context: context)
            let id = try await intake.submit(identity: identity, problemId: body.problemId, contestId: body.contestId, label: nil,
                                             language: body.language, source: Array(body.source.utf8))
            return JSONBody.response(["id": "\(id)", "status": "queued"], status: .accepted)
        }
        router.get("/api/v1/submissions") { request, context in
            let identity = try context.requireUser()
            let query = request.uri.queryParameters
            let user = query["user"].map(String.init)
            guard identity.isJury || user == nil || user == identity.username else {
                throw UserError.forbidden("You can list only your own submissions.")
            }
            let page = try SubmissionPage(query)
            let list = try await store.list(userId: identity.isJury ? nil : identity.userId, username: user,
                                            contestId: query["contest_id"].map(String.init), problemId: query["problem_id"].map(String.init),
                                            verdict: query["verdict"].map(String.init), changedOnly: query["changed"] == "true",
                                            before: page.before, limit: page.limit + 1)
            var response = JSONBody.response(Array(list.prefix(page.limit)))
            if list.count > page.limit, let last = list.prefix(page.limit).last {
                response.headers[HTTPField.Name("Link")!] = "<\(page.next(path: request.uri.path, query: request.uri.query, before: last.id))>; rel=\"next\""
            }
            return response
        }
        router.get("/api/v1/submissions/{id}") { _, context in
            let detail = try await SubmissionAccess.visible(try context.parameters.require("id", as: Int64.self), store: store, context: context)
            return JSONBody.response(SubmissionJSON(detail, jury: context.identity?.isJury ?? false))
        }
        router.post("/api/v1/submissions/rejudge") { request, context in
            let jury = try context.require(.jury)
            let body = try await Self.rejudgeAll.decodeRequired(RejudgeRequest.self, from: request, context: context)
            let count = try await rejudger.rejudgeAll(contestId: body.contestId, problemId: body.problemId, identity: jury)
            return JSONBody.response(["status": "queued", "queued": "\(count)"], status: .accepted)
        }
        router.post("/api/v1/submissions/{id}/rejudge") { _, context in
            try context.require(.jury)
            try await rejudger.rejudge(submissionId: try context.parameters.require("id", as: Int64.self))
            return JSONBody.response(["status": "queued"], status: .accepted)
        }
    }
}

/// Who may see a submission: its owner and the jury. Others get 404, as if it did not exist.
enum SubmissionAccess {
    static func visible(_ id: Int64, store: SubmissionStore, context: ArenaRequestContext) async throws -> SubmissionDetail {
        let identity = try context.requireUser()
        guard let detail = try await store.submission(id), detail.userId == identity.userId || identity.isJury else {
            throw UserError.notFound("No submission \(id) of yours.")
        }
        return detail
    }
}

/// The API's view of a submission: samples only for the owner, every test for the jury.
struct SubmissionJSON: Encodable {
    let id: Int64, user: String, problemId: String, contestId: String?, language: String, submittedAt: Date, status: String
    let verdict: String?, score: Double?, timeMs: Int?, memoryKb: Int?, compileOutput: String?, tests: [TestRunResult]
    let progress: String?, source: String

    init(_ d: SubmissionDetail, jury: Bool) {
        id = d.id; user = d.username; problemId = d.problemId; contestId = d.contestId; language = d.language; submittedAt = d.submittedAt
        status = d.status; verdict = d.verdict?.rawValue; score = d.score; timeMs = d.timeMs; memoryKb = d.memoryKb
        compileOutput = d.compileOutput; source = d.source
        tests = jury ? d.tests : d.tests.filter(\.isSample).map {
            TestRunResult(name: $0.name, verdict: $0.verdict, timeMs: $0.timeMs, memoryKb: $0.memoryKb, score: $0.score, isSample: true)
        }
        progress = d.status == "running" ? d.progressTest.map { "running on test \($0)" } : (d.status == "compiling" ? "compiling" : nil)
    }
}
