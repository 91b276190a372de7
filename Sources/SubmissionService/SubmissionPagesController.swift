import ArenaCore
import ArenaHTTP
import ArenaStorage
import Foundation
import Hummingbird

/// The submit form's targets, the submission page (with a live status fragment) and lists.
struct SubmissionPagesController: Sendable {
    let intake: Intake
    let store: SubmissionStore
    let rejudger: Rejudger
    let longPoll: StatusLongPoll
    let renderer: PageRenderer

    struct StatusView {
        let id: Int64
        /// Changes whenever the fragment would: the long-poll's `after`.
        let token: String
        let done: Bool
        let statusText: String
        let verdict: String?
        let verdictTitle: String?
        let score: String?
        let time: String?
        let memory: String?
        let tests: [TestRow]
        let hasTests: Bool
    }

    struct TestRow {
        let number: Int
        let name: String
        let verdict: String
        let time: String
        let memory: String
        let message: String?
    }

    struct PageView {
        let status: StatusView
        let problemId: String
        let contestId: String?
        let language: String
        let user: String
        let submitted: String
        let source: String
        let compileOutput: String?
        /// Every judgement, for the jury (empty for the owner).
        let history: [HistoryRow]
        /// Whether there was more than one judgement (a rejudge). Stored: templates see stored properties only.
        let rejudged: Bool
    }

    struct HistoryRow {
        let id: Int64
        let reason: String
        let when: String
        let verdict: String
        let time: String
        let judge: String
    }

    struct ListView {
        let rows: [ListRow]
        let contestId: String?
        let jury: Bool
        /// The jury's filters, as typed (echoed back into the form).
        let user: String, problem: String, verdict: String, changed: Bool
        let message: String?
        /// Jury: submissions of the contest at JE, to review (0 hides the notice).
        let judgingErrors: Int
        /// The problem the rejudge button names; nil (no button) until the jury filters by one.
        let rejudgeProblem: String?
    }

    struct ListRow {
        let id: Int64
        let user: String
        let problemId: String
        let language: String
        let when: String
        let verdict: String
        let verdictClass: String
        let time: String
        /// The verdict before the latest rejudge, when it differs.
        let before: String?
    }

    func addRoutes(to router: Router<ArenaRequestContext>) {
        router.post("/contests/{id}/submit") { request, context in
            try await submitForm(request, context, contestId: try context.parameters.require("id"))
        }
        router.post("/problems/{id}/submit") { request, context in try await submitForm(request, context, contestId: nil) }
        router.get("/submissions/{id}") { _, context in
            let detail = try await SubmissionAccess.visible(try context.parameters.require("id", as: Int64.self), store: store, context: context)
            let jury = context.identity?.isJury ?? false
            let history = jury ? try await store.judgements(of: detail.id).map {
                HistoryRow(id: $0.id, reason: $0.reason, when: Format.utcSeconds($0.createdAt), verdict: $0.verdict?.rawValue ?? "pending",
                           time: $0.timeMs.map { "\($0) ms" } ?? "", judge: $0.judge ?? "")
            } : []
            let view = PageView(status: Self.status(detail, jury: jury), problemId: detail.problemId, contestId: detail.contestId,
                                language: detail.language, user: detail.username, submitted: Format.utcSeconds(detail.submittedAt), source: detail.source,
                                compileOutput: detail.compileOutput.flatMap { $0.isEmpty ? nil : $0 }, history: history,
                                rejudged: history.count > 1)
            return renderer.render("submissions/submission", title: "Submission \(detail.id)", model: view, context: context)
        }
        // The live status fragment, as a long-poll (`StatusLongPoll`): with `after=TOKEN` it answers
        // when the status differs from that token (a judge's progress or result notifies), or after 20 s.
        router.get("/submissions/{id}/status") { request, context in
            let id = try context.parameters.require("id", as: Int64.self)
            let identity = try context.requireUser()
            let read: @Sendable () async throws -> SubmissionDetail = { try await SubmissionAccess.visible(id, store: store, context: context) }
            let status: StatusView
            if let after = request.uri.queryParameters["after"].map(String.init) {
                status = try await longPoll.wait(submission: id, user: identity.userId, after: after, jury: identity.isJury, read: read)
            } else {
                status = Self.status(try await read(), jury: identity.isJury)
            }
            return renderer.render("submissions/status", title: "", model: status, context: context)
        }
        router.get("/contests/{id}/submissions") { request, context in
            let identity = try context.requireUser()
            let contestId = try context.parameters.require("id")
            let query = request.uri.queryParameters
            let filter = { (name: String) -> String? in query[name[...]].map(String.init).flatMap { $0.isEmpty ? nil : $0 } }
            let jury = identity.isJury
            let list = try await store.list(userId: jury ? nil : identity.userId, username: jury ? filter("user") : nil, contestId: contestId,
                                            problemId: filter("problem"), verdict: filter("verdict"), changedOnly: jury && query["changed"] == "on")
            let rows = list.map { s in
                ListRow(id: s.id, user: s.username, problemId: s.problemId, language: s.language, when: Format.utcSeconds(s.submittedAt),
                        verdict: s.verdict?.rawValue ?? s.status, verdictClass: "verdict-\(s.verdict?.rawValue ?? "pending")",
                        time: s.timeMs.map { "\($0) ms" } ?? "",
                        before: s.previousVerdict.flatMap { $0 == s.verdict ? nil : $0.rawValue })
            }
            let view = ListView(rows: rows, contestId: contestId, jury: jury, user: filter("user") ?? "", problem: filter("problem") ?? "",
                                verdict: filter("verdict") ?? "", changed: query["changed"] == "on", message: filter("message"),
                                judgingErrors: jury ? try await store.judgingErrorCount(contestId: contestId) : 0,
                                rejudgeProblem: filter("problem"))
            return renderer.render("submissions/list", title: "Submissions", model: view, context: context)
        }
        // The jury rejudges every submission of one problem; the list then shows what changed.
        router.post("/contests/{id}/submissions/rejudge") { request, context in
            let jury = try context.require(.jury)
            let contestId = try context.parameters.require("id")
            var request = request
            let fields = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
            guard let problem = fields["problem"], !problem.isEmpty else { throw UserError.badRequest("Choose the problem to rejudge.") }
            let count = try await rejudger.rejudgeAll(contestId: contestId, problemId: problem, identity: jury)
            let message = "Rejudging \(count) submission\(count == 1 ? "" : "s") of \(problem)."
            return PageRenderer.redirect(to: "/contests/\(contestId)/submissions?problem=\(Format.queryValue(problem))&message=\(Format.queryValue(message))")
        }
    }

    func submitForm(_ request: Request, _ context: ArenaRequestContext, contestId: String?) async throws -> Response {
        let identity = try context.requireUser()
        var request = request
        let body = Array(buffer: try await request.collectBody(upTo: context.maxUploadSize))
        let contentType = request.headers[.contentType] ?? ""
        let fields: (String) -> [UInt8]?
        if let form = MultipartForm(contentType: contentType, body: body) {
            fields = { form.fields[$0] }
        } else {
            let form = FormFields(String(decoding: body, as: UTF8.self))
            fields = { form[$0].map { Array($0.utf8) } }
        }
        let upload = fields("file") ?? []
        let source = upload.isEmpty ? (fields("source") ?? []) : upload
        let language = fields("language").map { String(decoding: $0, as: UTF8.self) } ?? ""
        let problem = try context.parameters.require("id")
        let id = try await intake.submit(identity: identity, problemId: contestId == nil ? problem : "",
                                         contestId: contestId, label: contestId == nil ? nil : fields("label").map { String(decoding: $0, as: UTF8.self) },
                                         language: language, source: source)
        return PageRenderer.redirect(to: "/submissions/\(id)")
    }

    static func status(_ d: SubmissionDetail, jury: Bool) -> StatusView {
        let done = d.status == "judged"
        let text: String
        switch d.status {
        case "queued": text = "In queue"
        case "compiling": text = "Compiling"
        case "running": text = d.progressTest.map { "Running on test \($0)" + (d.progressOf.map { " of \($0)" } ?? "") } ?? "Running"
        default: text = d.verdict?.title ?? "Judged"
        }
        let tests = d.tests.enumerated().filter { jury || $0.element.isSample }.map { index, t in
            TestRow(number: index + 1, name: t.name, verdict: t.verdict.rawValue, time: "\(t.timeMs) ms", memory: "\(t.memoryKb / 1024) MiB",
                    message: jury ? t.message : nil)
        }
        let token = "\(d.judgementId).\(d.status).\(d.progressTest ?? 0)"
        return StatusView(id: d.id, token: token, done: done, statusText: text, verdict: done ? d.verdict?.rawValue : nil, verdictTitle: done ? d.verdict?.title : nil,
                          score: d.score.map { String(format: "%g", $0) }, time: d.timeMs.map { "\($0) ms" },
                          memory: d.memoryKb.map { "\($0 / 1024) MiB" }, tests: tests, hasTests: !tests.isEmpty)
    }

}
