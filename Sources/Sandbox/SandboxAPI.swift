/// Limits for one sandboxed run (issue 4). Sizes are bytes, times seconds.
public struct SandboxLimits: Sendable, Equatable {
    /// CPU time limit (user + system, all processes of the run).
    public var cpuSeconds: Double
    /// Wall-clock limit; `nil` means `2 × cpuSeconds + 1`.
    public var wallSeconds: Double?
    /// Memory limit (cgroup memory, including swap where the machine accounts it).
    public var memoryBytes: Int
    /// Maximum number of processes and threads alive at once.
    public var processes: Int
    /// Maximum bytes kept from each captured stream; more is cut and counts as `.output`.
    public var outputBytes: Int
    /// Largest file the program may write (RLIMIT_FSIZE); exceeding it counts as `.fileSize`.
    public var fileSizeBytes: Int
    /// Maximum open file descriptors (RLIMIT_NOFILE).
    public var openFiles: Int
    /// Stack size (RLIMIT_STACK); `nil` means the memory limit, as Codeforces does.
    public var stackBytes: Int?

    /// Creates limits; defaults suit a typical contest test.
    public init(
        cpuSeconds: Double = 1, wallSeconds: Double? = nil, memoryBytes: Int = 256 << 20,
        processes: Int = 64, outputBytes: Int = 64 << 20, fileSizeBytes: Int = 64 << 20,
        openFiles: Int = 64, stackBytes: Int? = nil
    ) {
        self.cpuSeconds = cpuSeconds
        self.wallSeconds = wallSeconds
        self.memoryBytes = memoryBytes
        self.processes = processes
        self.outputBytes = outputBytes
        self.fileSizeBytes = fileSizeBytes
        self.openFiles = openFiles
        self.stackBytes = stackBytes
    }

    /// The wall limit in effect: `wallSeconds` or `2 × cpuSeconds + 1`.
    public var effectiveWallSeconds: Double { wallSeconds ?? (2 * cpuSeconds + 1) }
    /// The stack limit in effect: `stackBytes` or the memory limit.
    public var effectiveStackBytes: Int { stackBytes ?? memoryBytes }
}

/// Where a standard stream of the sandboxed program goes.
public enum SandboxIO: Sendable, Equatable {
    /// `/dev/null`.
    case null
    /// A host file: read for stdin, created/truncated for stdout and stderr.
    case file(String)
    /// An inherited descriptor (e.g. a pipe end for interactive problems). The caller keeps
    /// ownership; list it in `SandboxRequest.closeAfterStart` to hand the judge's copy over, so
    /// the other side sees end-of-file when this program exits. Make such fds close-on-exec.
    case fd(Int32)
    /// stdout/stderr only: read into memory through a pipe, cut at `limits.outputBytes`.
    case capture
}

/// An extra host path made visible inside the sandbox.
public struct SandboxBind: Sendable, Equatable {
    /// The path on the host.
    public var host: String
    /// Where it appears inside the sandbox (absolute).
    public var inside: String
    /// Whether the program may write to it; read-only otherwise.
    public var writable: Bool

    /// Creates a bind, read-only by default.
    public init(host: String, inside: String, writable: Bool = false) {
        self.host = host
        self.inside = inside
        self.writable = writable
    }
}

/// One program to run in the sandbox.
public struct SandboxRequest: Sendable {
    /// Program and arguments; `argv[0]` is looked up in the sandbox's PATH if it has no slash.
    public var argv: [String]
    /// Host directory mounted at `/box`, the working directory of the program. The program runs
    /// as an unprivileged uid (65534 when the judge is root): files it must read need to be
    /// world-readable, and a writable work dir is handed to that uid (chown, not recursive).
    public var workDir: String
    /// Whether `/box` is writable.
    public var workDirWritable: Bool
    /// Extra binds, read-only unless marked writable.
    public var binds: [SandboxBind]
    /// The whole environment of the program (nothing is inherited). `PATH` defaults to the system one.
    public var env: [String: String]
    /// Standard input (`.capture` is treated as `.null`).
    public var stdin: SandboxIO
    /// Standard output.
    public var stdout: SandboxIO
    /// Standard error.
    public var stderr: SandboxIO
    /// Limits of the run.
    public var limits: SandboxLimits
    /// Descriptors the sandbox takes over and closes in this process as soon as the program has
    /// started (or when the run fails before that): the judge's copies of `.fd` pipe ends.
    public var closeAfterStart: [Int32]

    /// Creates a request; streams default to null input and captured output.
    public init(
        argv: [String], workDir: String, workDirWritable: Bool = true, binds: [SandboxBind] = [],
        env: [String: String] = [:], stdin: SandboxIO = .null, stdout: SandboxIO = .capture,
        stderr: SandboxIO = .capture, limits: SandboxLimits = SandboxLimits(), closeAfterStart: [Int32] = []
    ) {
        self.argv = argv
        self.workDir = workDir
        self.workDirWritable = workDirWritable
        self.binds = binds
        self.env = env
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.limits = limits
        self.closeAfterStart = closeAfterStart
    }
}

/// The limit a run was stopped by (or exceeded).
public enum SandboxLimit: String, Sendable, Equatable {
    /// CPU time.
    case cpu
    /// Wall-clock time.
    case wall
    /// Memory.
    case memory
    /// Captured output size.
    case output
    /// File size (RLIMIT_FSIZE, SIGXFSZ).
    case fileSize
    /// Number of processes or threads (a fork or thread creation failed).
    case processes
}

/// What happened in one run.
public struct SandboxResult: Sendable {
    /// Exit status if the program exited normally.
    public var exitCode: Int32?
    /// The signal that killed it, if any. bwrap reports death by signal N as status 128 + N, so
    /// a program that itself exits with 129…192 is reported as killed by signal (status − 128).
    public var signal: Int32?
    /// CPU time (user + system) of all processes of the run (cgroup accounting), bwrap's ~2–4 ms included.
    public var cpuSeconds: Double
    /// Wall-clock time from start to exit, including the sandbox's own setup (a few ms).
    public var wallSeconds: Double
    /// Peak memory (cgroup peak usage, bwrap's ~1–2 MB included; max RSS without cgroups).
    public var peakMemoryBytes: Int
    /// The limit that was hit, if any: judges map `.cpu`/`.wall` to TLE, `.memory` to MLE,
    /// `.output`/`.fileSize` to OLE, `.processes` to RTE. `.processes`, and a memory limit hit
    /// without an OOM kill, are only reported when the program also failed (exit ≠ 0 or signal).
    public var limitHit: SandboxLimit?
    /// Captured stdout (empty unless `.capture`), at most `limits.outputBytes`.
    public var stdout: [UInt8]
    /// Captured stderr (empty unless `.capture`), at most `limits.outputBytes`.
    public var stderr: [UInt8]

    /// Creates a result.
    public init(
        exitCode: Int32? = nil, signal: Int32? = nil, cpuSeconds: Double = 0, wallSeconds: Double = 0,
        peakMemoryBytes: Int = 0, limitHit: SandboxLimit? = nil, stdout: [UInt8] = [], stderr: [UInt8] = []
    ) {
        self.exitCode = exitCode
        self.signal = signal
        self.cpuSeconds = cpuSeconds
        self.wallSeconds = wallSeconds
        self.peakMemoryBytes = peakMemoryBytes
        self.limitHit = limitHit
        self.stdout = stdout
        self.stderr = stderr
    }

    /// Whether the program exited with status 0 and hit no limit.
    public var succeeded: Bool { exitCode == 0 && limitHit == nil }
}

/// Why the sandbox could not run a request (a judging error, never the submission's fault).
public struct SandboxError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { "sandbox: \(message)" }
}

/// The outcome of `Sandbox.selfTest()`: one line per mechanism.
public struct SelfTestReport: Sendable, CustomStringConvertible {
    /// One checked mechanism.
    public struct Check: Sendable {
        /// Mechanism name, e.g. `"network namespace"`.
        public var name: String
        /// Whether it works.
        public var ok: Bool
        /// Details (mode, path, or the error).
        public var detail: String
        /// Whether the sandbox is unsafe without it.
        public var required: Bool
        /// Creates a check.
        public init(name: String, ok: Bool, detail: String, required: Bool) {
            self.name = name
            self.ok = ok
            self.detail = detail
            self.required = required
        }
    }

    /// All checks, in order.
    public var checks: [Check]
    /// Creates a report.
    public init(checks: [Check]) { self.checks = checks }
    /// False if a required mechanism (bwrap, network isolation, …) does not work.
    public var isSafe: Bool { checks.allSatisfy { $0.ok || !$0.required } }
    /// Human-readable lines, e.g. `"ok   bwrap: /usr/bin/bwrap"`.
    public var lines: [String] {
        checks.map { "\($0.ok ? "ok  " : ($0.required ? "FAIL" : "no  ")) \($0.name): \($0.detail)" }
    }
    /// The lines joined, then a verdict line.
    public var description: String {
        (lines + [isSafe ? "sandbox is safe" : "SANDBOX IS UNSAFE"]).joined(separator: "\n")
    }
}
