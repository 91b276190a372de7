import Foundation

/// Walks every file of a package: checks symlinks (inside the package: followed; absolute, escaping
/// or broken: an error) and computes the content hash.
///
/// The hash is SHA-256 over, for each file in byte order of its relative path: the path, a NUL, the
/// byte count as 8 bytes big-endian, and the bytes (symlinks resolved). Names starting with `.`
/// (`.git`, `.gitignore`) are left out, as the format ignores them, except `.timelimit` at the root.
struct PackageFiles {
    /// The package root, symlinks resolved.
    let root: URL
    /// Regular files by relative path, each with the real file it resolves to.
    private(set) var files: [(path: String, real: URL)] = []

    /// Scans `root`, recording link problems.
    init(root: URL, _ d: inout Diagnostics) {
        self.root = root
        var visited: Set<String> = [root.path]
        walk(root, relative: "", visited: &visited, &d)
        files.sort { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
    }

    private mutating func walk(_ dir: URL, relative: String, visited: inout Set<String>, _ d: inout Diagnostics) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
        for name in names where !name.hasPrefix(".") || (relative.isEmpty && name == ".timelimit") {
            let url = dir.appendingPathComponent(name)
            let path = relative.isEmpty ? name : "\(relative)/\(name)"
            var real = url
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: url.path) {
                guard let resolved = checkLink(url, target: target, path: path, &d) else { continue }
                real = resolved
            }
            if PackagePaths.isDirectory(real) {
                guard visited.insert(real.path).inserted else {
                    d.error(path, "symlink loop")
                    continue
                }
                walk(real, relative: path, visited: &visited, &d)
                visited.remove(real.path)
            } else {
                files.append((path, real))
            }
        }
    }

    /// The real target of the link at `url`, or nil (and an error) when it leaves the package or is broken.
    private func checkLink(_ url: URL, target: String, path: String, _ d: inout Diagnostics) -> URL? {
        if target.hasPrefix("/") {
            d.error(path, "is a symlink to the absolute path \(target); links must be relative and stay inside the package")
            return nil
        }
        let resolved = url.resolvingSymlinksInPath().standardizedFileURL
        let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        guard resolved.path.hasPrefix(base) else {
            d.error(path, "is a symlink to \(target), outside the package")
            return nil
        }
        guard FileManager.default.fileExists(atPath: resolved.path) else {
            d.error(path, "is a broken symlink (to \(target))")
            return nil
        }
        return resolved
    }

    /// The content hash (hex SHA-256).
    func contentHash() -> String {
        var hasher = ContentHasher()
        for (path, real) in files {
            let data = FileManager.default.contents(atPath: real.path) ?? Data()
            hasher.update(Array(path.utf8) + [0])
            let count = UInt64(data.count)
            hasher.update((0..<8).reversed().map { UInt8(truncatingIfNeeded: count >> UInt64($0 * 8)) })
            hasher.update(data)
        }
        return hasher.hexDigest()
    }
}
