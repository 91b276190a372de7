import ArenaCore
import ArenaHTTP
import Foundation
import Hummingbird

/// The admin console for contests and problem imports.
struct AdminContestsController: Sendable {
    let store: ContestStore
    let sync: ProblemSync
    let renderer: PageRenderer

    struct ImportsView {
        let imports: [ImportRow]
        let message: String?
    }

    struct ImportRow {
        let id: Int64
        let when: String
        let problemId: String
        let status: String
        let failed: Bool
        let versionId: Int64?
        let commit: String?
        let errors: [String]
        let warnings: [String]
        let hasWarnings: Bool
    }

    struct ContestsView {
        let contests: [AdminContestRow]
        let error: String?
        let form: ContestForm
    }

    struct AdminContestRow {
        let card: ContestCard
        let published: Bool
        /// "frozen" / "unfrozen" when the contest has a freeze, else nil.
        let freeze: String?
        let unfrozen: Bool
    }

    struct ContestForm {
        var id = "", name = "", start = "", duration = "5:00:00", freeze = "1:00:00", scoring = "icpc", penalty = "20", problems = ""
    }

    func addRoutes(to router: Router<ArenaRequestContext>) {
        let admin = router.group("/admin").add(middleware: RoleGuard(.admin))
        admin.get("/imports") { request, context in
            try await imports(context, message: request.uri.queryParameters["message"].map(String.init))
        }
        admin.post("/imports/sync") { _, context in
            let message: String
            do {
                let outcomes = try await sync.sync()
                message = "Synced: \(outcomes.filter { $0.status == "new" }.count) new, \(outcomes.filter { $0.status == "unchanged" }.count) unchanged, \(outcomes.filter { $0.status == "failed" }.count) failed."
            } catch let error as UserError {
                message = error.message
            }
            return PageRenderer.redirect(to: "/admin/imports?message=" + Format.queryValue(message))
        }
        admin.get("/contests") { _, context in try await contests(context, error: nil, form: ContestForm(), status: .ok) }
        admin.post("/contests") { request, context in
            var request = request
            let fields = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
            var form = ContestForm()
            form.id = fields["id"] ?? ""; form.name = fields["name"] ?? ""; form.start = fields["start"] ?? ""
            form.duration = fields["duration"] ?? ""; form.freeze = fields["freeze"] ?? ""; form.scoring = fields["scoring"] ?? "icpc"
            form.penalty = fields["penalty"] ?? "20"; form.problems = fields["problems"] ?? ""
            do {
                try await store.save(try Self.definition(form), published: fields["published"] == "on", keepJudging: true)
                return PageRenderer.redirect(to: "/admin/contests")
            } catch let error as UserError {
                return try await contests(context, error: error.message, form: form, status: .unprocessableContent)
            }
        }
        admin.post("/contests/{id}/publish") { request, context in
            var request = request
            let fields = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
            try await store.setPublished(try context.parameters.require("id"), fields["published"] == "true")
            return PageRenderer.redirect(to: "/admin/contests")
        }
        // Unfreeze (or freeze again): the public standings follow within a second (a full recompute).
        admin.post("/contests/{id}/unfreeze") { request, context in
            var request = request
            let fields = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
            try await store.setUnfrozen(try context.parameters.require("id"), fields["unfrozen"] != "false")
            return PageRenderer.redirect(to: "/admin/contests")
        }
    }

    /// A contest from the admin form: problems as lines `A sumtwo` (label, problem id, optional points).
    static func definition(_ form: ContestForm) throws -> ContestDefinition {
        guard let start = ContestPackageReader.parseTime(form.start) ?? ContestPackageReader.parseTime(form.start + ":00Z") else {
            throw UserError.invalid("Start must be an ISO time such as 2026-12-01T10:00:00Z.")
        }
        guard let duration = ContestPackageReader.parseDuration(form.duration) else { throw UserError.invalid("Duration must look like 5:00:00.") }
        let freeze = form.freeze.isEmpty ? nil : ContestPackageReader.parseDuration(form.freeze)
        if !form.freeze.isEmpty && freeze == nil { throw UserError.invalid("Freeze must look like 1:00:00, or be empty.") }
        guard let penalty = Int(form.penalty) else { throw UserError.invalid("Penalty must be whole minutes.") }
        let problems = try form.problems.split(whereSeparator: \.isNewline).map { line -> ContestProblemDefinition in
            let parts = line.split(separator: " ").map(String.init)
            guard parts.count >= 2 else { throw UserError.invalid("Problem line \"\(line)\" must be: LABEL problem-id [points].") }
            return ContestProblemDefinition(problemId: parts[1], label: parts[0], points: parts.count > 2 ? Int(parts[2]) : nil, rgb: nil)
        }
        return ContestDefinition(id: form.id, name: form.name, start: start, duration: duration, freeze: freeze, scoring: form.scoring,
                                 penaltyMinutes: penalty, isPublic: true, openRegistration: true, problems: problems)
    }

    func imports(_ context: ArenaRequestContext, message: String?) async throws -> Response {
        let rows = try await store.imports().map {
            ImportRow(id: $0.id, when: Format.utc($0.at), problemId: $0.problemId ?? "?", status: $0.status, failed: $0.status == "failed",
                      versionId: $0.versionId, commit: $0.gitCommit.map { String($0.prefix(10)) }, errors: $0.errors,
                      warnings: $0.warnings, hasWarnings: !$0.warnings.isEmpty)
        }
        return renderer.render("contests/admin-imports", title: "Problem imports", model: ImportsView(imports: rows, message: message), context: context)
    }

    func contests(_ context: ArenaRequestContext, error: String?, form: ContestForm, status: HTTPResponse.Status) async throws -> Response {
        let rows = try await store.contests(for: context.identity).map { AdminContestRow(card: ContestCard($0), published: $0.published, freeze: $0.freeze == nil ? nil : ($0.unfrozen ? "lifted" : "on"), unfrozen: $0.unfrozen) }
        return renderer.render("contests/admin-contests", title: "Contests", model: ContestsView(contests: rows, error: error, form: form),
                               context: context, status: status)
    }
}
