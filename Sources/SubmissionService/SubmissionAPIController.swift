import ArenaCore
import ArenaHTTP
import Foundation
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

    static let operations: [APIOperation] = [
        APIOperation("post", "/api/v1/submissions", "Submit a solution; 202 means it is stored", tag: "submissions", auth: "user",
                     body: ["problem_id": "string", "contest_id?": "string", "language": "string", "source": "string"],
                     responses: [202: "Stored and queued", 400: "Bad source", 403: "Not allowed now", 404: "No such problem",
                                 413: "Source too large", 422: "Unknown language or empty source", 429: "Too many submissions"]),
        APIOperation("get", "/api/v1/submissions", "Submissions (yours; the jury sees all): filter by contest_id, problem_id, user",
                     tag: "submissions", auth: "user"),
        APIOperation("get", "/api/v1/submissions/{id}", "A submission: status, verdict, tests, compile output", tag: "submissions", auth: "user",
                     responses: [200: "OK", 404: "Not found or not yours"]),
        APIOperation("post", "/api/v1/submissions/{id}/rejudge", "Judge a submission again (jury)", tag: "submissions", auth: "jury",
                     responses: [202: "Queued"]),
        APIOperation("post", "/api/v1/submissions/rejudge", "Judge every submission of a contest problem again with its current version (jury): `{contest_id, problem_id}`",
                     tag: "submissions", auth: "jury", responses: [202: "Queued, with the count", 400: "Missing contest_id or problem_id"]),
    ]

    func addRoutes(to router: Router<ArenaRequestContext>) {
        router.post("/api/v1/submissions") { request, context in
            let identity = try context.requireUser()
            let body = try await request.decode(as: SubmitRequest.self, context: context)
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
            let list = try await store.list(userId: identity.isJury ? nil : identity.userId, username: user,
                                            contestId: query["contest_id"].map(String.init), problemId: query["problem_id"].map(String.init),
                                            verdict: query["verdict"].map(String.init), changedOnly: query["changed"] == "true")
            return JSONBody.response(list)
        }
        router.get("/api/v1/submissions/{id}") { _, context in
            let detail = try await SubmissionAccess.visible(try context.parameters.require("id", as: Int64.self), store: store, context: context)
            return JSONBody.response(SubmissionJSON(detail, jury: context.identity?.isJury ?? false))
        }
        router.post("/api/v1/submissions/rejudge") { request, context in
            let jury = try context.require(.jury)
            let body = try await request.decode(as: RejudgeRequest.self, context: context)
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
