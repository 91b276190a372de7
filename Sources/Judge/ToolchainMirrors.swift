import ArenaCore
import Foundation
import ProblemPackage

/// Makes a toolchain directory the sandbox user cannot reach (for example rustup's under a
/// private `/root`) usable: its `bin`, `lib` and `libexec` are mirrored once as hard links
/// (same filesystem, no copy) into the judge's cache, which the sandbox user can reach.
struct ToolchainMirrors: Sendable {
    let directory: URL?
    let sandboxUID: UInt32

    /// Whether the sandbox user can traverse every directory down to `path`.
    func isReachable(_ path: String) -> Bool { SandboxReach(sandboxUID: sandboxUID).isReachable(path) }

    /// The mirror of `path` (made on first use), or nil if it cannot be made reachable.
    func mirror(_ path: String) async -> String? {
        guard let directory else { return nil }
        let source = URL(fileURLWithPath: path)
        var hasher = ContentHasher()
        hasher.field(path)
        for sub in ["bin", "lib"] {
            let date = (try? FileManager.default.attributesOfItem(atPath: source.appendingPathComponent(sub).path)[.modificationDate]) as? Date
            hasher.field(String(date?.timeIntervalSince1970 ?? 0))
        }
        let target = directory.appendingPathComponent(String(hasher.hexDigest().prefix(24)))
        if Files.exists(target.appendingPathComponent("bin")) { return isReachable(target.path) ? target.path : nil }
        guard (try? Files.makeDirectory(directory)) != nil,
              let staging = try? Files.temporaryDirectory(in: directory, prefix: ".tmp") else { return nil }
        defer { Files.remove(staging) }
        for sub in ["bin", "lib", "libexec"] where Files.exists(source.appendingPathComponent(sub)) {
            let copy = await HostProcess.run(["/bin/cp", "-al", source.appendingPathComponent(sub).path, staging.path], timeout: 300)
            guard copy.status == 0 else { return nil }
        }
        try? FileManager.default.moveItem(at: staging, to: target)
        return Files.exists(target.appendingPathComponent("bin")) && isReachable(target.path) ? target.path : nil
    }
}
