import Foundation
import Glibc
import SandboxShim

/// Runs one program under bubblewrap with cgroup and rlimit limits (DESIGN.md §3, issue 4).
///
/// Each run: the request is checked, fds are opened for /box, the binds and the streams, fresh
/// cgroups are made with the limits, and a dedicated thread clones a child that joins the
/// cgroups, sets rlimits, drops to the sandbox uid and execs bwrap. The thread watches wall
/// time, cgroup CPU time and output size, reaps, and the cgroups are read and removed.
public struct Sandbox: Sendable {
    /// The machine setup in use.
    public let configuration: SandboxConfiguration
    let bwrap: BwrapArguments
    /// The machine's run slots: judges hold one for each test case and compilation.
    public let slots: RunSlots

    /// Creates a sandbox; the default configuration is probed once per process.
    public init(configuration: SandboxConfiguration = .detect(), slots: RunSlots = .machine) {
        self.configuration = configuration
        self.slots = slots
        self.bwrap = BwrapArguments(configuration: configuration)
    }

    /// Runs a request to completion. Throws `SandboxError` when the judge (not the program) is at
    /// fault — bwrap missing, bad request, cgroup failure — and `CancellationError` if cancelled.
    public func run(_ request: SandboxRequest) async throws -> SandboxResult {
        // `closeAfterStart` is ours from here on: closed by the shim, or below if we never get there.
        let fds = FDSet()
        let handOver = Array(Set(request.closeAfterStart))
        handOver.forEach(fds.adopt)
        defer { fds.closeAll() }
        try Task.checkCancellation()  // e.g. cancelled while it waited for a run slot
        guard let bwrapPath = configuration.bwrapPath else { throw SandboxError("bwrap is not installed") }
        guard let initPath = configuration.initPath else {
            throw SandboxError("\(SandboxInitBinary.name) was not found beside the executable (swift build --product \(SandboxInitBinary.name), or set ARENA_SANDBOX_INIT)")
        }
        try RequestCheck.validate(request, configuration: configuration)
        let bindInit = configuration.stagedRoot == nil
        var plan = SpawnPlan(executable: bwrapPath, argv: [bwrapPath] + bwrap.arguments(for: request, bindInit: bindInit),
                             env: environment(for: request))
        let limits = request.limits
        plan.outputLimit = UInt64(limits.outputBytes)
        plan.wallLimit = limits.effectiveWallSeconds
        plan.cpuLimit = limits.cpuSeconds
        if case .dropTo(let uid, let gid) = configuration.identity {
            plan.dropUID = Int32(bitPattern: uid)
            plan.dropGID = Int32(bitPattern: gid)
        }

        // A kept network namespace, given back once the run (every process of it) has ended.
        let net = bwrap.keptNetwork ? try NetNamespaces.shared.take() : nil
        defer { if let net { NetNamespaces.shared.give(net) } }
        plan.netFD = net ?? -1
        try prepareBinds(request, into: &plan, fds: fds)
        if bindInit { plan.keepFDs.append(try fds.openPath(initPath, directory: false)) }
        plan.stdio[0] = try input(request.stdin, fds: fds)
        for (index, io) in [request.stdout, request.stderr].enumerated() {
            try output(io, index: index, into: &plan, fds: fds)
        }

        let cgroups = try RunCgroups(mode: configuration.cgroups, limits: limits)
        var handedOff = false
        defer { if !handedOff { cgroups.destroy() } }
        for path in cgroups.procsFiles { plan.cgroupFDs.append(try fds.open(path, O_WRONLY)) }
        if let cpu = cgroups.cpuFile {
            plan.cpuFD = try fds.open(cpu.path, O_RDONLY)
            plan.cpuFormat = cpu.format
        }
        plan.procsPath = cgroups.listing
        plan.rlimits = rlimits(for: limits, cgroups: cgroups, keptFDs: plan.keepFDs.count)

        plan.closeAfterSpawn = fds.release(plan.closeAfterSpawn + handOver) // the shim closes them now
        let outcome = try await Spawner.run(plan)
        if outcome.killReason == Int32(ARENA_KILL_CANCEL.rawValue) { throw CancellationError() }
        let result = interpret(outcome, limits: limits, cgroups: cgroups)
        // Removing the cgroups (~0.3 ms, more while the kernel tears the namespaces down) need
        // not delay the caller: the run is over, every counter is read.
        handedOff = true
        CgroupReaper.shared.remove(cgroups)
        return result
    }

    /// A close-on-exec pipe, for connecting sandboxed programs (interactive problems): pass the
    /// ends as `.fd` and list them in `closeAfterStart`.
    public static func makePipe() throws -> (read: Int32, write: Int32) {
        var pair: [Int32] = [-1, -1]
        guard arena_pipe(&pair, 0) == 0 else { throw SandboxError("pipe: \(String(cString: strerror(errno)))") }
        return (pair[0], pair[1])
    }

    /// The program's environment: exactly the request's, with a default PATH.
    func environment(for request: SandboxRequest) -> [String] {
        var env = request.env
        if env["PATH"] == nil { env["PATH"] = configuration.defaultPath }
        return env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }

    /// Opens /box and the extra binds as O_PATH fds (so bwrap, unprivileged, needs no access to
    /// the host path) and gives writable ones to the sandbox uid.
    func prepareBinds(_ request: SandboxRequest, into plan: inout SpawnPlan, fds: FDSet) throws {
        let box = try fds.openPath(request.workDir, directory: true)
        if request.workDirWritable { try giveToSandbox(request.workDir) }
        plan.keepFDs.append(box)
        for bind in request.binds {
            plan.keepFDs.append(try fds.openPath(bind.host, directory: false))
            if bind.writable { try giveToSandbox(bind.host) }
        }
    }

    func giveToSandbox(_ path: String) throws {
        guard case .dropTo(let uid, let gid) = configuration.identity else { return }
        var info = stat()
        guard stat(path, &info) == 0 else { throw SandboxError("cannot stat \(path)") }
        if info.st_uid != uid, chown(path, uid, gid) != 0 {
            throw SandboxError("cannot give \(path) to uid \(uid): \(String(cString: strerror(errno)))")
        }
    }

    func input(_ io: SandboxIO, fds: FDSet) throws -> Int32 {
        switch io {
        case .null, .capture: return -1
        case .file(let path): return try fds.open(path, O_RDONLY)
        case .fd(let fd): shareIfPipe(fd); return fd
        }
    }

    func output(_ io: SandboxIO, index: Int, into plan: inout SpawnPlan, fds: FDSet) throws {
        switch io {
        case .null: plan.stdio[index + 1] = -1
        case .fd(let fd): shareIfPipe(fd); plan.stdio[index + 1] = fd
        case .capture, .file:
            var pair: [Int32] = [-1, -1]
            guard arena_pipe(&pair, 0) == 0 else { throw SandboxError("pipe: \(String(cString: strerror(errno)))") }
            fds.adopt(pair[0])
            fds.adopt(pair[1])
            shareIfPipe(pair[1])
            plan.stdio[index + 1] = pair[1]
            plan.closeAfterSpawn.append(pair[1])
            plan.capture[index] = pair[0]
            if case .file(let path) = io {
                plan.sinks[index] = try fds.open(path, O_WRONLY | O_CREAT | O_TRUNC, mode: 0o644)
            }
        }
    }

    /// Lets the sandbox uid reopen a pipe through /dev/stdout (pipes belong to their creator).
    func shareIfPipe(_ fd: Int32) {
        guard case .dropTo(let uid, let gid) = configuration.identity else { return }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFIFO { _ = fchown(fd, uid, gid) }
    }

    func rlimits(for limits: SandboxLimits, cgroups: RunCgroups, keptFDs: Int) -> [(Int32, UInt64, UInt64)] {
        func same(_ resource: __rlimit_resource, _ value: Int) -> (Int32, UInt64, UInt64) {
            (Int32(resource.rawValue), UInt64(max(value, 0)), UInt64(max(value, 0)))
        }
        let cpu = UInt64((limits.cpuSeconds + configuration.cpuGraceSeconds).rounded(.up))
        var result = [
            (Int32(RLIMIT_CPU.rawValue), cpu, cpu + 1),
            same(RLIMIT_FSIZE, limits.fileSizeBytes),
            same(RLIMIT_NOFILE, max(limits.openFiles, 3 + keptFDs + 8)), // bwrap needs a few of its own
            same(RLIMIT_STACK, limits.effectiveStackBytes),
            same(RLIMIT_CORE, 0),
        ]
        if cgroups.memoryDir == nil { result.append(same(RLIMIT_AS, limits.memoryBytes)) }
        if cgroups.pidsDir == nil, case .dropTo = configuration.identity {
            let nproc = UInt64(limits.processes + 2)
            result.append((arena_rlimit_nproc(), nproc, nproc))
        }
        return result
    }

    /// Turns what the shim saw and the cgroup counters into a result.
    func interpret(_ outcome: SpawnOutcome, limits: SandboxLimits, cgroups: RunCgroups) -> SandboxResult {
        var result = SandboxResult(wallSeconds: outcome.wallSeconds, stdout: outcome.output[0], stderr: outcome.output[1])
        // bwrap reports a program killed by signal N as exit status 128 + N.
        if let code = outcome.exitCode {
            if code > 128, code <= 128 + 64 { result.signal = code - 128 } else { result.exitCode = code }
        } else {
            result.signal = outcome.signal
        }
        result.cpuSeconds = cgroups.cpuSeconds ?? outcome.rusageCPU
        result.peakMemoryBytes = cgroups.peakMemory ?? outcome.maxRSSBytes
        let failed = result.exitCode != 0
        let killedBy = { (reason: arena_kill_reason) in outcome.killReason == Int32(reason.rawValue) }
        if killedBy(ARENA_KILL_OUTPUT) || outcome.truncated.contains(true) {
            result.limitHit = .output
        } else if cgroups.oomKills > 0 {
            result.limitHit = .memory
        } else if killedBy(ARENA_KILL_CPU) || result.cpuSeconds > limits.cpuSeconds || result.signal == SIGXCPU {
            result.limitHit = .cpu
        } else if killedBy(ARENA_KILL_WALL) {
            result.limitHit = .wall
        } else if result.signal == SIGXFSZ {
            result.limitHit = .fileSize
        } else if failed, cgroups.pidsLimitHits > 0 {
            result.limitHit = .processes
        } else if failed, result.peakMemoryBytes >= limits.memoryBytes * 9 / 10,
                  cgroups.memoryDir == nil || cgroups.memoryLimitHits > 0 {
            result.limitHit = .memory
        }
        return result
    }
}

/// File descriptors owned by one run, closed together at the end.
final class FDSet: @unchecked Sendable {
    private var fds: [Int32] = []

    func open(_ path: String, _ flags: Int32, mode: mode_t = 0) throws -> Int32 {
        let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
        guard fd >= 0 else { throw SandboxError("cannot open \(path): \(String(cString: strerror(errno)))") }
        fds.append(fd)
        return fd
    }

    func openPath(_ path: String, directory: Bool) throws -> Int32 {
        let fd = arena_open_path(path, directory ? 1 : 0)
        guard fd >= 0 else { throw SandboxError("cannot open \(path): \(String(cString: strerror(errno)))") }
        fds.append(fd)
        return fd
    }

    func adopt(_ fd: Int32) { fds.append(fd) }

    /// Stops owning these fds (someone else closes them now) and returns them.
    func release(_ released: [Int32]) -> [Int32] {
        for fd in released { if let index = fds.firstIndex(of: fd) { fds.remove(at: index) } }
        return released
    }

    func closeAll() {
        fds.forEach { _ = Glibc.close($0) }
        fds = []
    }
}
