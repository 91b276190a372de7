import ArenaCore
import ArenaMarkdown
import Foundation
import ProblemPackage

/// What a problem version stores for pages: rendered statements (samples placed, relative
/// links pointing at the version's files), so a page view does no Markdown work.
struct StoredVersion {
    let name: String
    let types: [String]
    let timeLimit: Double
    let statementsJSON: String
    let samplesHTML: String

    /// A problem without an explicit limit (legacy packages derive it from accepted runs) gets 1 s
    /// until `arena problems verify` or a `.timelimit` file says otherwise.
    static let defaultTimeLimit = 1.0

    init(package: ProblemPackage) {
        name = package.metadata.name(in: "en").isEmpty ? package.shortName : package.metadata.name(in: "en")
        types = package.metadata.types.map(\.rawValue).sorted()
        timeLimit = package.metadata.timeLimit ?? Self.defaultTimeLimit
        let base = "/problems/files/\(package.contentHash)/"
        let samples = package.samples.enumerated().map { (index: $0.offset, sample: $0.element) }
        samplesHTML = samples.map { SampleHTML.render($0.sample, number: $0.index + 1) }.joined()
        let statements = package.statements.map { statement -> StatementJSON in
            let rest = samples.filter { !statement.inlineSamples.contains($0.sample.name) }
                .map { SampleHTML.render($0.sample, number: $0.index + 1) }.joined()
            return StatementJSON(language: statement.language, kind: statement.kind.rawValue,
                                 name: statement.problemName ?? package.metadata.name[statement.language] ?? "",
                                 html: statement.html.map { Self.rebase($0, base: base) }, notice: statement.notice, samples: rest)
        }
        statementsJSON = String(decoding: (try? JSONEncoder().encode(statements)) ?? Data("[]".utf8), as: UTF8.self)
    }

    /// Points relative `src`/`href` values at `base` (the version's statement files).
    static func rebase(_ html: String, base: String) -> String {
        let pattern = #"(src|href)="(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)([^"]*)""#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return html }
        let range = NSRange(html.startIndex..., in: html)
        return regex.stringByReplacingMatches(in: html, range: range, withTemplate: "$1=\"\(base)$2\"")
    }
}

/// One statement as stored in `problem_versions.statements`.
struct StatementJSON: Codable, Sendable {
    let language: String
    let kind: String
    let name: String
    let html: String?
    let notice: String?
    /// Samples not placed inside the statement, rendered, shown after it.
    let samples: String
}

/// Statement images and other files, stored per content hash and served under the problem.
enum StatementAssets {
    struct Asset {
        let path: String
        let contentType: String
        let bytes: [UInt8]
    }

    static let types = ["png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "svg": "image/svg+xml", "gif": "image/gif",
                        "pdf": "application/pdf", "txt": "text/plain; charset=utf-8"]

    static func collect(_ package: ProblemPackage) -> [Asset] {
        var seen = Set<String>()
        var assets: [Asset] = []
        for statement in package.statements {
            let folder = statement.file.deletingLastPathComponent()
            for path in statement.assets where !seen.contains(path) {
                let ext = (path as NSString).pathExtension.lowercased()
                guard let type = types[ext], let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path)
                else { continue }
                seen.insert(path)
                assets.append(Asset(path: path, contentType: type, bytes: [UInt8](data)))
            }
        }
        return assets
    }
}

/// The package as a gzip'd tar (symlinks inside the package resolved), stored per content hash
/// for judges to fetch.
enum PackageArchive {
    static func make(of root: URL) -> [UInt8]? {
        let tar = HostProcess.runBlocking(["/bin/tar", "-C", root.path, "--exclude=.git", "-czhf", "-", "."], mergeErrors: false)
        return tar.status == 0 ? [UInt8](tar.data) : nil
    }
}
