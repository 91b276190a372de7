import Foundation

/// The source format of a statement.
public enum StatementKind: String, Sendable, Codable {
    /// `problem.<lang>.md`.
    case markdown
    /// `problem.<lang>.tex`.
    case latex
    /// `problem.<lang>.pdf`.
    case pdf
}

/// A problem statement in one language.
public struct Statement: Sendable, Codable, Equatable {
    /// The language code (`en` when the file name has none).
    public var language: String
    /// Markdown, LaTeX or PDF.
    public var kind: StatementKind
    /// The statement file.
    public var file: URL
    /// Sanitised HTML of the body (no title); nil for PDF, or LaTeX without pandoc (see `notice`).
    public var html: String?
    /// Why `html` is missing or incomplete, shown to readers (e.g. "available in LaTeX only").
    public var notice: String?
    /// The name from `\problemname{}` (LaTeX), if any.
    public var problemName: String?
    /// Sample names (`sample/1`) already placed in `html` by `{{nextsample}}`/`{{remainingsamples}}`;
    /// the web layer shows the other samples after the statement.
    public var inlineSamples: [String]
    /// Other files in the statement folder (images…), relative to it, served under the problem's URL.
    public var assets: [String]

    /// Creates a statement.
    public init(language: String, kind: StatementKind, file: URL, html: String?, notice: String? = nil,
                problemName: String? = nil, inlineSamples: [String] = [], assets: [String] = []) {
        self.language = language
        self.kind = kind
        self.file = file
        self.html = html
        self.notice = notice
        self.problemName = problemName
        self.inlineSamples = inlineSamples
        self.assets = assets
    }
}
