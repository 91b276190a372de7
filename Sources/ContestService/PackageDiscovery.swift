import ArenaCore
import Foundation

/// Finds problem packages under the paths a setter names: a package itself (it holds
/// `problem.yaml`), or a folder or git checkout holding packages (searched two levels deep).
enum PackageDiscovery {
    static func packages(in paths: [URL]) -> [URL] {
        var found: [URL] = []
        for path in paths {
            let url = path.standardizedFileURL
            if isPackage(url) { found.append(url); continue }
            for child in children(url) {
                if isPackage(child) { found.append(child); continue }
                found.append(contentsOf: children(child).filter(isPackage))
            }
        }
        return found
    }

    static func isPackage(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent("problem.yaml").path)
    }

    static func children(_ url: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { url.appendingPathComponent($0) }
            .filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }
    }

    /// The commit checked out in the git work tree holding `url`, if any.
    static func gitCommit(at url: URL) -> String? {
        let git = HostProcess.runBlocking(["/usr/bin/git", "-C", url.path, "rev-parse", "HEAD"])
        return git.status == 0 ? git.text.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }
}
