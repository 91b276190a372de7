import ArenaCore
import ArenaHTTP
import Foundation
import Hummingbird
import Mustache

/// Problem pages (in a contest and in the archive), the archive list, and statement files.
struct ProblemPagesController: Sendable {
    let store: ContestStore
    let renderer: PageRenderer
    /// Whether this process serves the submission role (then the page carries the submit form).
    let submitEnabled: Bool
    /// Rendered problem bodies by (contest, label, version, language): versions are immutable.
    let bodies = ImmutableCache<String, (String, String)>()
    /// Whole pages by (body, viewer, CSRF token); bounded.
    let pages = ImmutableCache<String, String>(limit: 2_000)

    struct LanguageOption: MustacheParent {
        let id: String
        let name: String

        func child(named field: String) -> Any? { field == "id" ? id : (field == "name" ? name : nil) }
    }

    /// The page: the cached body and what depends on the viewer.
    struct PageModel: MustacheParent {
        let bodyHTML: String
        let label: String?
        let submitEnabled: Bool
        let submitAction: String
        let submitLanguages: [LanguageOption]
        let loggedIn: Bool

        func child(named field: String) -> Any? {
            switch field {
            case "bodyHTML": bodyHTML
            case "label": label
            case "submitEnabled": submitEnabled
            case "submitAction": submitAction
            case "submitLanguages": submitLanguages
            case "loggedIn": loggedIn
            default: nil
            }
        }
    }

    /// The statement part of a problem page: the same for every viewer of a (contest, label,
    /// version, language), so it is rendered once and kept.
    struct ProblemView {
        let title: String
        let label: String?
        let contestId: String?
        let contestName: String?
        let problemId: String
        let versionId: Int64
        let statementHTML: String?
        let notice: String?
        let samplesHTML: String
        let languages: [LanguageLink]
        /// Stored, because templates read stored properties only.
        let hasLanguages: Bool
        let timeLimit: String
        let memory: String
        let kind: String
        let credits: String?
        let source: String?
    }

    struct LanguageLink {
        let code: String
        let url: String
        let current: Bool
    }

    struct ArchiveView {
        let problems: [ProblemRow]
    }

    func addRoutes(to router: Router<ArenaRequestContext>) {
        router.get("/contests/{id}/problems/{label}") { request, context in
            let contest = try await store.contest(try context.parameters.require("id"), for: context.identity)
            let label = try context.parameters.require("label")
            guard contest.phase() != "upcoming" || context.identity?.isJury == true else {
                throw UserError.forbidden("The problems of \(contest.name) are hidden until it starts.")
            }
            guard let problem = try await store.problems(of: contest.id).first(where: { $0.label == label }),
                  let version = try await store.version(problem.versionId) else { throw UserError.notFound("\(contest.name) has no problem \(label).") }
            let base = "/contests/\(contest.id)/problems/\(label)"
            return page(version, label: label, contest: contest, base: base, memoryMiB: problem.memoryMiB, request: request, context: context)
        }
        router.get("/problems") { _, context in
            var rows: [ProblemRow] = []
            for (id, versionId) in try await store.archive(jury: context.identity?.isJury ?? false) {
                guard let version = try await store.version(versionId) else { continue }
                rows.append(ProblemRow(label: "", problemId: id, name: version.name, timeLimit: Format.limit(version.timeLimit),
                                       memory: "\(version.memoryMiB) MiB", points: nil, rgb: nil, url: "/problems/\(id)"))
            }
            return renderer.render("contests/archive", title: "Problem archive", model: ArchiveView(problems: rows), context: context)
        }
        router.get("/problems/{id}") { request, context in
            let id = try context.parameters.require("id")
            let visible = try await store.archive(jury: context.identity?.isJury ?? false).contains { $0.0 == id }
            guard visible, let version = try await store.currentVersion(of: id) else {
                throw UserError.notFound("No problem \(id) in the archive.")
            }
            return page(version, label: nil, contest: nil, base: "/problems/\(id)", request: request, context: context)
        }
        router.get("/problems/files/{hash}/{file}") { _, context in
            let hash = try context.parameters.require("hash"), file = try context.parameters.require("file")
            guard let (type, bytes) = try await store.asset(hash: hash, path: file) else { throw UserError.notFound("No such statement file.") }
            // Immutable (keyed by content hash); a setter's SVG can never run script from our origin.
            return Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=31536000, immutable",
                                                   .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'",
                                                   .init("X-Content-Type-Options")!: "nosniff"],
                            body: .init(byteBuffer: bytes))
        }
    }

    /// `memoryMiB`: the limit the contest judges with (its default where the package sets none).
    func page(_ version: ProblemVersion, label: String?, contest: Contest?, base: String, memoryMiB: Int? = nil, request: Request,
              context: ArenaRequestContext) -> Response {
        let wanted = request.uri.queryParameters["lang"].map(String.init)
        let statement = version.statement(wanted)
        let memory = memoryMiB ?? version.memoryMiB
        let key = "\(contest?.id ?? "")|\(label ?? "")|\(version.id)|\(statement?.language ?? "")|\(memory)"
        let (title, body) = bodies.value(key) {
            render(version, statement: statement, label: label, contest: contest, base: base, memoryMiB: memory)
        }
        // The whole page is a pure function of the body and the viewer (identity and CSRF token),
        // so a viewer reloading a problem during a contest gets the page from memory.
        let viewer = context.identity.map { "\($0.userId)|\($0.displayName)|\($0.roles.map(\.rawValue))" } ?? "-"
        let html = pages.value("\(key)|\(viewer)|\(context.csrfToken)") {
            let model = PageModel(
                bodyHTML: body, label: label, submitEnabled: submitEnabled,
                submitAction: contest.map { "/contests/\($0.id)/submit" } ?? "/problems/\(version.problemId)/submit",
                submitLanguages: Self.languages, loggedIn: context.identity != nil)
            return renderer.document("contests/problem", title: title, model: model, context: context)
        }
        return PageRenderer.html(html)
    }

    static let languages = LanguageCatalog.all.map { LanguageOption(id: $0.id, name: $0.name) }

    func render(_ version: ProblemVersion, statement: StatementJSON?, label: String?, contest: Contest?, base: String,
                memoryMiB: Int) -> (String, String) {
        let languages = version.languages.count > 1 ? version.languages.map {
            LanguageLink(code: $0, url: "\(base)?lang=\($0)", current: $0 == statement?.language)
        } : []
        let name = statement.map(\.name).flatMap { $0.isEmpty ? nil : $0 } ?? version.name
        let title = (label.map { "\($0). " } ?? "") + name
        let kind = version.isInteractive ? "Interactive" : (version.isScoring ? "Scoring" : "")
        let view = ProblemView(
            title: title, label: label, contestId: contest?.id, contestName: contest?.name, problemId: version.problemId, versionId: version.id,
            statementHTML: statement?.html, notice: statement?.notice ?? (statement == nil ? "This problem has no statement." : nil),
            samplesHTML: statement?.samples ?? "", languages: languages, hasLanguages: !languages.isEmpty, timeLimit: Format.limit(version.timeLimit),
            memory: "\(memoryMiB) MiB", kind: kind, credits: version.credits, source: version.source)
        return (title, renderer.fragment("contests/problem-body", model: view))
    }
}
