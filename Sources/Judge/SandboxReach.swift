import ArenaCore
import Foundation
import Glibc
import ProblemPackage
import Sandbox

/// Where the sandbox user can reach (issue 8). bwrap runs as that user and resolves every host
/// path it binds as that user, so the judge's folders — compiled programs, run folders,
/// packages — must be traversable by it (o+x on every parent). A clone under `/root` (0700) or
/// in a private temporary folder is not: such folders move to `/var/tmp/arena-judge-<uid>/<hash>`
/// (else the temporary folder), made by the judge with modes the sandbox user can traverse.
public struct SandboxReach: Sendable {
    /// The host uid bwrap runs as, or nil when it is the current user (who reaches its own folders).
    public let sandboxUID: UInt32?

    /// The reach of `sandbox`'s identity.
    public init(sandbox: SandboxConfiguration) {
        if case .dropTo(let uid, _) = sandbox.identity { sandboxUID = uid } else { sandboxUID = nil }
    }

    /// The reach of host uid `sandboxUID` (nil: the current user).
    public init(sandboxUID: UInt32?) { self.sandboxUID = sandboxUID }

    /// Whether the sandbox user can traverse every directory down to `path` (and `path` itself).
    public func isReachable(_ path: String) -> Bool {
        guard let sandboxUID else { return true }
        var current = URL(fileURLWithPath: path).standardizedFileURL
        while true {
            var info = stat()
            guard stat(current.path, &info) == 0 else { return false }
            let others = info.st_mode & 0o001 != 0
            let owner = info.st_uid == sandboxUID && info.st_mode & 0o100 != 0
            if !others && !owner { return false }
            if current.path == "/" { return true }
            current.deleteLastPathComponent()
        }
    }

    /// `folder` itself when the sandbox user reaches it (made if missing), else its stand-in
    /// under a reachable base, the same for the same `folder` on every start (caches survive).
    /// - Throws: `JudgeError.io` with what to do when no reachable place can be made.
    public func folder(for folder: URL) throws -> URL {
        try Files.makeDirectory(folder)
        if isReachable(folder.path) { return folder }
        var hasher = ContentHasher()
        hasher.field(folder.standardizedFileURL.path)
        let key = String(hasher.hexDigest().prefix(16))
        for base in ["/var/tmp", FileManager.default.temporaryDirectory.path, "/tmp"] where isReachable(base) {
            guard let root = try? ownFolder(base + "/arena-judge-\(geteuid())") else { continue }
            let standIn = root.appendingPathComponent(key).appendingPathComponent(folder.lastPathComponent)
            try Files.makeDirectory(standIn)
            var path = standIn
            while path.path != root.path { chmod(path.path, 0o711); path.deleteLastPathComponent() }
            if isReachable(standIn.path) { return standIn }
        }
        throw JudgeError.io("""
            \(folder.path) is not reachable by the sandbox user \(sandboxUID ?? 0) (a parent folder lacks o+x), and no folder \
            under /var/tmp or /tmp could be made instead: set ARENA_DATA_DIR (or --cache-dir) to a folder whose every parent \
            is o+x, e.g. /var/lib/arena
            """)
    }

    /// `/var/tmp/arena-judge-<uid>`: ours (not a link another user planted), 0711.
    private func ownFolder(_ path: String) throws -> URL {
        if mkdir(path, 0o711) != 0, errno != EEXIST { throw JudgeError.io("cannot create \(path)") }
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == geteuid()
        else { throw JudgeError.io("\(path) is not a folder of uid \(geteuid())") }
        chmod(path, 0o711)
        return URL(fileURLWithPath: path)
    }
}
