import Foundation
import Glibc
import SandboxShim
import Synchronization

/// Everything the C shim needs for one spawn, as plain values.
struct SpawnPlan: Sendable {
    var executable: String
    var argv: [String]
    var env: [String]
    /// fds for 0, 1, 2 in the child; -1 means /dev/null.
    var stdio: [Int32] = [-1, -1, -1]
    /// fds placed at 3, 4, … in the child.
    var keepFDs: [Int32] = []
    /// Open `cgroup.procs` files the child joins.
    var cgroupFDs: [Int32] = []
    /// (resource, soft, hard).
    var rlimits: [(Int32, UInt64, UInt64)] = []
    var dropUID: Int32 = -1
    var dropGID: Int32 = -1
    /// A kept network namespace the child enters before exec (`NetNamespaces`), or -1.
    var netFD: Int32 = -1
    /// Read ends of the stdout/stderr pipes, -1 if not captured.
    var capture: [Int32] = [-1, -1]
    /// Where captured bytes go: -1 memory, else this fd.
    var sinks: [Int32] = [-1, -1]
    var outputLimit: UInt64 = 1 << 20
    var wallLimit: Double = 10
    var cpuLimit: Double = 0
    var cpuFD: Int32 = -1
    var cpuFormat: Int32 = 0
    var procsPath: String?
    var cancelFD: Int32 = -1
    /// fds the parent closes once the child exists (its copies of the pipe write ends).
    var closeAfterSpawn: [Int32] = []
}

/// What the shim observed.
struct SpawnOutcome: Sendable {
    var status: Int32
    var rusageCPU: Double
    var maxRSSBytes: Int
    var wallSeconds: Double
    var killReason: Int32
    var output: [[UInt8]]
    var truncated: [Bool]

    /// Exit code of bwrap if it exited normally.
    var exitCode: Int32? { status & 0x7f == 0 ? (status >> 8) & 0xff : nil }
    /// Signal that killed bwrap itself, if any.
    var signal: Int32? { status & 0x7f != 0 && status & 0x7f != 0x7f ? status & 0x7f : nil }
}

enum Spawner {
    /// Runs the plan on a new thread (the thread that forks must outlive the child, and the
    /// wait must not hold a cooperative-pool thread). Cancelling the task kills the run.
    static func run(_ plan: SpawnPlan) async throws -> SpawnOutcome {
        let cancel = CancelPipe()
        defer { cancel.close() }
        var plan = plan
        plan.cancelFD = cancel.readFD
        let finalPlan = plan
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<SpawnOutcome, Error>) in
                let thread = Thread {
                    continuation.resume(with: Result { try runBlocking(finalPlan) })
                }
                thread.stackSize = 1 << 20
                thread.start()
            }
        } onCancel: {
            cancel.fire()
        }
    }

    /// Spawns and watches on the calling thread.
    /// `plan.closeAfterSpawn` is always closed when this returns or throws.
    static func runBlocking(_ plan: SpawnPlan) throws -> SpawnOutcome {
        var handedOver = false
        defer { if !handedOver { plan.closeAfterSpawn.forEach { _ = Glibc.close($0) } } }
        var spec = arena_spawn()
        guard plan.keepFDs.count <= Int(ARENA_MAX_KEEP_FDS), plan.cgroupFDs.count <= Int(ARENA_MAX_CGROUPS),
              plan.rlimits.count <= Int(ARENA_MAX_RLIMITS)
        else { throw SandboxError("too many binds, cgroups or rlimits") }
        var devNull: Int32 = -1
        defer { if devNull >= 0 { close(devNull) } }
        if plan.stdio.contains(-1) {
            devNull = open("/dev/null", O_RDWR | O_CLOEXEC)
            guard devNull >= 0 else { throw SandboxError("cannot open /dev/null") }
        }
        spec.stdio = (plan.stdio[0] < 0 ? devNull : plan.stdio[0], plan.stdio[1] < 0 ? devNull : plan.stdio[1],
                      plan.stdio[2] < 0 ? devNull : plan.stdio[2])
        withUnsafeMutableBytes(of: &spec.keep_fds) { raw in
            for (i, fd) in plan.keepFDs.enumerated() { raw.storeBytes(of: fd, toByteOffset: i * 4, as: Int32.self) }
        }
        spec.keep_count = Int32(plan.keepFDs.count)
        withUnsafeMutableBytes(of: &spec.cgroup_fds) { raw in
            for (i, fd) in plan.cgroupFDs.enumerated() { raw.storeBytes(of: fd, toByteOffset: i * 4, as: Int32.self) }
        }
        spec.cgroup_count = Int32(plan.cgroupFDs.count)
        withUnsafeMutablePointer(to: &spec.rlimits) { pointer in
            pointer.withMemoryRebound(to: arena_rlimit.self, capacity: Int(ARENA_MAX_RLIMITS)) { limits in
                for (i, limit) in plan.rlimits.enumerated() {
                    limits[i] = arena_rlimit(resource: limit.0, soft: limit.1, hard: limit.2)
                }
            }
        }
        spec.rlimit_count = Int32(plan.rlimits.count)
        spec.drop_uid = plan.dropUID
        spec.drop_gid = plan.dropGID
        spec.net_fd = plan.netFD
        spec.capture = (plan.capture[0], plan.capture[1])
        spec.sink = (plan.sinks[0], plan.sinks[1])
        spec.output_limit = plan.outputLimit
        spec.wall_limit = plan.wallLimit
        spec.cpu_limit = plan.cpuLimit
        spec.cpu_fd = plan.cpuFD
        spec.cpu_format = plan.cpuFormat
        spec.cancel_fd = plan.cancelFD
        guard plan.closeAfterSpawn.count <= Int(ARENA_MAX_CLOSE_FDS) else { throw SandboxError("too many fds to close") }
        withUnsafeMutableBytes(of: &spec.close_fds) { raw in
            for (i, fd) in plan.closeAfterSpawn.enumerated() { raw.storeBytes(of: fd, toByteOffset: i * 4, as: Int32.self) }
        }
        spec.close_count = Int32(plan.closeAfterSpawn.count)

        let argv = CStringArray(plan.argv), env = CStringArray(plan.env)
        var outcome = arena_outcome()
        handedOver = true
        let started: Int32 = plan.executable.withCString { path in
            (plan.procsPath ?? "").withCString { procs in
                spec.path = path
                spec.argv = UnsafePointer(argv.pointer)
                spec.envp = UnsafePointer(env.pointer)
                spec.procs_path = plan.procsPath == nil ? nil : procs
                return arena_spawn_run(&spec, &outcome)
            }
        }
        defer { arena_outcome_free(&outcome) }
        if started != 0 {
            let step = outcome.error_step.map { String(cString: $0) } ?? "spawn"
            throw SandboxError("running \(plan.executable) failed at \(step): \(String(cString: strerror(outcome.error)))")
        }
        func bytes(_ data: UnsafeMutablePointer<UInt8>?, _ length: Int) -> [UInt8] {
            guard let data, length > 0 else { return [] }
            return Array(UnsafeBufferPointer(start: data, count: length))
        }
        let ru = outcome.rusage
        let cpu = Double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + Double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6
        return SpawnOutcome(
            status: outcome.status, rusageCPU: cpu, maxRSSBytes: ru.ru_maxrss * 1024,
            wallSeconds: outcome.wall_seconds, killReason: outcome.kill_reason,
            output: [bytes(outcome.data.0, outcome.length.0), bytes(outcome.data.1, outcome.length.1)],
            truncated: [outcome.truncated.0 != 0, outcome.truncated.1 != 0])
    }
}

/// A NULL-terminated `char *[]` that frees itself.
final class CStringArray {
    let pointer: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    private let count: Int

    init(_ strings: [String]) {
        count = strings.count
        pointer = .allocate(capacity: count + 1)
        for (i, string) in strings.enumerated() { pointer[i] = strdup(string) }
        pointer[count] = nil
    }

    deinit {
        for i in 0..<count { free(pointer[i]) }
        pointer.deallocate()
    }
}

/// A pipe whose read end the watch loop polls; writing a byte cancels the run.
final class CancelPipe: Sendable {
    private let fds: Mutex<(read: Int32, write: Int32)>
    let readFD: Int32

    init() {
        var pair: [Int32] = [-1, -1]
        if arena_pipe(&pair, 1) != 0 { pair = [-1, -1] }
        fds = Mutex((pair[0], pair[1]))
        readFD = pair[0]
    }

    func fire() {
        fds.withLock { fds in
            if fds.write >= 0 { var byte: UInt8 = 1; _ = Glibc.write(fds.write, &byte, 1) }
        }
    }

    func close() {
        fds.withLock { fds in
            if fds.read >= 0 { Glibc.close(fds.read) }
            if fds.write >= 0 { Glibc.close(fds.write) }
            fds = (-1, -1)
        }
    }
}
