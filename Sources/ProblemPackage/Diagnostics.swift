import Foundation

/// Errors and warnings gathered while a package is read, each naming a file relative to the package.
struct Diagnostics {
    /// The package root (symlinks resolved), used to make paths relative.
    let root: URL
    /// Problems that make the package unusable.
    private(set) var errors: [PackageProblem] = []
    /// Problems worth telling the setter about that do not stop an import.
    private(set) var warnings: [PackageProblem] = []

    /// Records an error about `file` (a path relative to the package).
    mutating func error(_ file: String, _ message: String, line: Int? = nil) {
        errors.append(PackageProblem(file: file, line: line, message: message))
    }

    /// Records a warning about `file` (a path relative to the package).
    mutating func warning(_ file: String, _ message: String, line: Int? = nil) {
        warnings.append(PackageProblem(file: file, line: line, message: message))
    }

    /// Runs `body`, recording what it finds as warnings only: for metadata that does not change how
    /// the problem is judged (licence, rights, credits, keywords), where the authors' tools accept
    /// what Arena would otherwise refuse.
    mutating func asWarnings<T>(_ body: (inout Diagnostics) -> T) -> T {
        var inner = Diagnostics(root: root)
        let value = body(&inner)
        warnings += inner.errors.map { PackageProblem(file: $0.file, line: $0.line, message: $0.message + " (ignored)") } + inner.warnings
        return value
    }

    /// `url`'s path relative to the package root (`""` for the root itself).
    func relative(_ url: URL) -> String {
        PackagePaths.relative(url, to: root)
    }
}

/// Small file-system helpers shared by the readers.
enum PackagePaths {
    /// `url`'s path relative to `root`, or its full path when it lies outside.
    static func relative(_ url: URL, to root: URL) -> String {
        let base = root.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        if path == base { return "" }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// The entries of `dir` sorted by name, without names that start with `.` (ignored by the format).
    static func entries(of dir: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { dir.appendingPathComponent($0) }
    }

    /// Whether `url` is a folder (following symlinks).
    static func isDirectory(_ url: URL) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
    }

    /// Whether `url` is an existing regular file (following symlinks).
    static func isFile(_ url: URL) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && !isDir.boolValue
    }

    /// Every regular file below `dir` (following symlinks), sorted by relative path.
    static func files(under dir: URL, depth: Int = 0) -> [URL] {
        guard depth < 32 else { return [] }
        return entries(of: dir).flatMap { url in
            isDirectory(url) ? files(under: url, depth: depth + 1) : [url]
        }
    }

    /// The contents of a text file, or nil when it is missing or not UTF-8.
    static func text(_ url: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
