import Glibc
import SandboxShim
import Synchronization

/// Network namespaces made once and kept, one per run at a time: making a fresh one for every
/// run (bwrap `--unshare-net`) registers its sysctl tables and loopback and tears them down
/// again, about half a millisecond of kernel time per run, the largest part of the sandbox's
/// overhead. A kept namespace has only the loopback interface and nothing outlives a run in it
/// (its processes are killed with their pid namespace and cgroups), and runs at the same time
/// never share one, so programs can no more reach each other than with fresh ones.
/// Only when bwrap starts as root (`.dropTo`): entering a namespace needs CAP_SYS_ADMIN.
final class NetNamespaces: Sendable {
    static let shared = NetNamespaces()
    /// Idle namespaces kept (more are made while many runs overlap, and closed after).
    static let kept = 16
    private let idle = Mutex<[Int32]>([])

    /// Whether namespaces can be made here (tried once per process).
    static let available: Bool = {
        guard geteuid() == 0 else { return false }
        let fd = arena_make_netns()
        guard fd >= 0 else { return false }
        shared.give(fd)
        return true
    }()

    /// An idle namespace, or a new one.
    func take() throws -> Int32 {
        if let fd = idle.withLock({ $0.popLast() }) { return fd }
        let fd = arena_make_netns()
        guard fd >= 0 else { throw SandboxError("cannot make a network namespace: \(String(cString: strerror(errno)))") }
        return fd
    }

    /// Back to the idle ones once its run has ended.
    func give(_ fd: Int32) {
        let keep = idle.withLock { idle -> Bool in
            guard idle.count < Self.kept else { return false }
            idle.append(fd)
            return true
        }
        if !keep { close(fd) }
    }
}
