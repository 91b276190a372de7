import Foundation
import Glibc
import SandboxShim

/// A host directory prepared once per process with the sandbox's /etc (copies of the /etc
/// entries of `systemPaths`, a minimal passwd/group) and /dev (device nodes and fd links), so
/// bwrap binds two directories instead of a dozen entries: each bind costs ~0.1 ms per run.
/// The sandbox init is copied to `etc/arena/sandbox-init`, so it needs no mount of its own.
enum StagedRoot {
    static let prefix = "arena-sandbox-root-"

    /// Builds the directory; `nil` when it cannot (then every entry is bound on its own).
    static func build(systemPaths: [String], sandboxUID: UInt32, initPath: String?) -> String? {
        let root = FileManager.default.temporaryDirectory.path + "/" + prefix + String(getpid())
        try? FileManager.default.removeItem(atPath: root)
        guard mkdir(root, 0o755) == 0, mkdir(root + "/etc", 0o755) == 0, mkdir(root + "/dev", 0o755) == 0 else {
            return nil
        }
        for dir in [root, root + "/etc", root + "/dev"] { chmod(dir, 0o755) } // mkdir honours the umask
        do {
            for path in systemPaths where path.hasPrefix("/etc/") {
                let name = String(path.dropFirst(5))
                if name == "passwd" || name == "group" { continue }
                try copyTree(path, to: root + "/etc/" + name)
            }
            var passwd = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
            var group = "root:x:0:\nnogroup:x:65534:\n"
            if sandboxUID != 0 && sandboxUID != 65534 {
                passwd += "judge:x:\(sandboxUID):\(sandboxUID):judge:/box:/bin/sh\n"
                group += "judge:x:\(sandboxUID):\n"
            }
            try Data(passwd.utf8).write(to: URL(fileURLWithPath: root + "/etc/passwd"))
            try Data(group.utf8).write(to: URL(fileURLWithPath: root + "/etc/group"))
            chmod(root + "/etc/passwd", 0o644)
            chmod(root + "/etc/group", 0o644)
            try makeDevices(root + "/dev")
            if let initPath {
                let inside = root + SandboxConfiguration.initInside
                guard mkdir(URL(fileURLWithPath: inside).deletingLastPathComponent().path, 0o755) == 0,
                      let data = FileManager.default.contents(atPath: initPath) else { throw SandboxError("cannot stage the init") }
                try data.write(to: URL(fileURLWithPath: inside))
                chmod(inside, 0o755)
                chmod(URL(fileURLWithPath: inside).deletingLastPathComponent().path, 0o755)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: root)
            return nil
        }
        return root
    }

    /// Device nodes need root and a filesystem mounted without `nodev`.
    static func makeDevices(_ dev: String) throws {
        guard geteuid() == 0, arena_is_nodev(dev) == 0 else {
            throw SandboxError("cannot create device nodes in \(dev)")
        }
        for (name, minor) in [("null", 3), ("zero", 5), ("full", 7), ("random", 8), ("urandom", 9)] {
            guard arena_mknod_char(dev + "/" + name, 1, UInt32(minor)) == 0,
                  chmod(dev + "/" + name, 0o666) == 0
            else { throw SandboxError("mknod \(name) failed") }
        }
        let links = ["fd": "/proc/self/fd", "stdin": "/proc/self/fd/0", "stdout": "/proc/self/fd/1", "stderr": "/proc/self/fd/2"]
        for (name, target) in links where symlink(target, dev + "/" + name) != 0 {
            throw SandboxError("symlink \(name) failed")
        }
    }

    /// Copies files, directories and symbolic links (as links), keeping permission bits (never
    /// set-id bits), so the sandbox uid can read exactly what it could read on the host.
    static func copyTree(_ source: String, to target: String) throws {
        var info = stat()
        guard lstat(source, &info) == 0 else { return }
        switch info.st_mode & S_IFMT {
        case S_IFLNK:
            let destination = try FileManager.default.destinationOfSymbolicLink(atPath: source)
            guard symlink(destination, target) == 0 else { throw SandboxError("symlink \(target) failed") }
        case S_IFDIR:
            guard mkdir(target, 0o700) == 0 else { throw SandboxError("mkdir \(target) failed") }
            for name in try FileManager.default.contentsOfDirectory(atPath: source) {
                try copyTree(source + "/" + name, to: target + "/" + name)
            }
            chmod(target, info.st_mode & 0o755)
        case S_IFREG:
            guard let data = FileManager.default.contents(atPath: source) else { return } // unreadable: skip
            try data.write(to: URL(fileURLWithPath: target))
            chmod(target, info.st_mode & 0o755)
        default:
            return
        }
    }

    /// Removes staged roots of processes that are gone.
    static func removeStale() {
        let tmp = FileManager.default.temporaryDirectory.path
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            try? FileManager.default.removeItem(atPath: tmp + "/" + name)
        }
    }
}
