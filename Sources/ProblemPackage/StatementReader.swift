import ArenaMarkdown
import Foundation

/// Finds and renders the statements: `statement/` (2023-07-draft, 2025-09) or `problem_statement/`
/// (legacy), either accepted in any version, holding `problem.<lang>.{md,tex,pdf}` and their assets.
struct StatementReader {
    let root: URL
    let version: FormatVersion
    let converter: LaTeXConverter?
    let constants: [String: String]
    let samples: [TestCase]

    private static let kinds: [String: StatementKind] = ["md": .markdown, "tex": .latex, "pdf": .pdf]
    private static let kindOrder: [StatementKind] = [.markdown, .latex, .pdf]

    func read(_ d: inout Diagnostics) -> [Statement] {
        let names = version == .legacy ? ["problem_statement", "statement"] : ["statement", "problem_statement"]
        guard let dir = names.map({ root.appendingPathComponent($0) }).first(where: PackagePaths.isDirectory) else {
            d.error(names[0], "missing: expected \(names[0])/problem.<lang>.md (or .tex, .pdf)")
            return []
        }
        let folder = dir.lastPathComponent
        var statements: [Statement] = []
        var sources: Set<String> = []
        for file in PackagePaths.entries(of: dir) where PackagePaths.isFile(file) {
            guard let (language, kind) = Self.parse(file.lastPathComponent) else { continue }
            sources.insert(file.lastPathComponent)
            statements.append(render(file, language: language, kind: kind, &d))
        }
        if statements.isEmpty {
            d.error(folder, "holds no statement: expected \(folder)/problem.<lang>.md (or .tex, .pdf)")
        }
        let assets = PackagePaths.files(under: dir).map { PackagePaths.relative($0, to: dir) }.filter { !sources.contains($0) }
        for index in statements.indices { statements[index].assets = assets }
        return statements.sorted {
            ($0.language, Self.kindOrder.firstIndex(of: $0.kind) ?? 0) < ($1.language, Self.kindOrder.firstIndex(of: $1.kind) ?? 0)
        }
    }

    /// `problem.sv.md` → (`sv`, markdown); `problem.tex` → (`en`, latex).
    static func parse(_ name: String) -> (String, StatementKind)? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.first == "problem", parts.count == 2 || parts.count == 3,
              let last = parts.last, let kind = kinds[last] else { return nil }
        let language = parts.count == 3 ? parts[1] : "en"
        guard language.range(of: #"^[a-z]{2,3}(-[A-Za-z]{2})?$"#, options: .regularExpression) != nil else { return nil }
        return (language, kind)
    }

    private func render(_ file: URL, language: String, kind: StatementKind, _ d: inout Diagnostics) -> Statement {
        var statement = Statement(language: language, kind: kind, file: file, html: nil, notice: nil, problemName: nil,
                                  inlineSamples: [], assets: [])
        let path = d.relative(file)
        if kind == .pdf {
            statement.notice = "This statement is available as PDF only."
            return statement
        }
        guard let text = PackagePaths.text(file) else {
            d.error(path, "is not UTF-8 text")
            return statement
        }
        if text.range(of: "<script", options: .caseInsensitive) != nil {
            d.warning(path, "contains a raw <script> tag; it is removed from the rendered statement")
        }
        if text.range(of: "javascript:", options: .caseInsensitive) != nil {
            d.warning(path, "contains a javascript: URL; it is never rendered as a link")
        }
        var body: String
        if kind == .markdown {
            var source = text
            for (name, value) in constants { source = source.replacingOccurrences(of: "{{\(name)}}", with: value) }
            body = renderMarkdown(source)
        } else {
            let (name, latex) = LaTeXConverter.extractProblemName(text)
            statement.problemName = name
            guard let converter else {
                statement.notice = "This statement is available in LaTeX only (pandoc is not installed on the server)."
                return statement
            }
            switch converter.convert(latex, constants: constants) {
            case .success(let html):
                body = html
            case .failure(let failure):
                d.warning(path, failure.message)
                statement.notice = "This statement is available in LaTeX only (it could not be converted)."
                return statement
            }
        }
        (body, statement.inlineSamples) = SampleHTML.place(samples, in: body)
        statement.html = body
        return statement
    }
}
