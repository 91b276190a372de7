import Foundation
import SandboxShim

/// How the sandbox is set up on this machine: found once by `detect()`, fixed afterwards.
public struct SandboxConfiguration: Sendable {
    /// Which cgroup hierarchy limits memory and processes and measures CPU time.
    public enum CgroupMode: Sendable, Equatable {
        /// cgroup v2: the directory (own cgroup) under which run cgroups are created.
        case v2(String)
        /// cgroup v1: per-controller parent directories (own cgroup in each hierarchy); `nil` if absent.
        case v1(memory: String?, pids: String?, cpuacct: String?)
        /// No usable cgroups: rlimits only (RLIMIT_AS for memory, RLIMIT_NPROC for processes).
        case none
    }

    /// Who bwrap runs as on the host.
    public enum Identity: Sendable, Equatable {
        /// We are root: drop to this unprivileged host uid/gid before starting bwrap, which then
        /// uses an unprivileged user namespace. Files the program writes belong to this uid.
        case dropTo(uid: UInt32, gid: UInt32)
        /// Not root: run bwrap as the current user, in a user namespace.
        case currentUser
        /// Root, and unprivileged user namespaces do not work: bwrap runs as root with a user
        /// namespace mapping the program's uid to host root (capabilities dropped). Less safe.
        case rootUserNamespace
    }

    /// Path of the `bwrap` executable, or `nil` if none was found (runs then fail).
    public var bwrapPath: String?
    /// The cgroup mode.
    public var cgroups: CgroupMode
    /// The host identity bwrap runs as.
    public var identity: Identity
    /// Host paths bound read-only at the same place: the toolchain and runtime, nothing else.
    /// Symbolic links (such as `/lib -> usr/lib`) are recreated as links.
    public var systemPaths: [String]
    /// `PATH` given to programs whose request does not set one.
    public var defaultPath: String
    /// Seconds added to the CPU limit for the per-process RLIMIT_CPU backstop.
    public var cpuGraceSeconds: Double
    /// A root-owned host directory with `etc/` (copies of the /etc entries of `systemPaths`, a
    /// minimal passwd/group) and `dev/` (device nodes, fd links), bound as /etc and /dev with one
    /// mount each; `nil` binds every entry on its own (slower: ~0.1 ms per bind per run).
    /// Copies are taken once per process: restart the judge after changing the host's /etc.
    public var stagedRoot: String?
    /// Host path of `arena-sandbox-init`, pid 1 of every run: non-dumpable, it installs the
    /// seccomp filter and starts the program. `nil`: not found, and every run fails (a judging
    /// error) rather than run without the filter.
    public var initPath: String?

    /// Where the init appears inside the sandbox (in the staged /etc, or bound there on its own).
    public static let initInside = "/etc/arena/sandbox-init"

    /// Creates a configuration by hand (tests, unusual machines); `detect()` is the usual way.
    public init(
        bwrapPath: String?, cgroups: CgroupMode, identity: Identity, systemPaths: [String],
        defaultPath: String = "/usr/local/bin:/usr/bin:/bin", cpuGraceSeconds: Double = 0.5,
        stagedRoot: String? = nil, initPath: String? = SandboxInitBinary.locate()
    ) {
        self.bwrapPath = bwrapPath
        self.cgroups = cgroups
        self.identity = identity
        self.systemPaths = systemPaths
        self.defaultPath = defaultPath
        self.cpuGraceSeconds = cpuGraceSeconds
        self.stagedRoot = stagedRoot
        self.initPath = initPath
    }

    /// The configuration for this machine, probed once per process (bwrap, cgroups, identity).
    public static func detect() -> SandboxConfiguration { detected }

    private static let detected: SandboxConfiguration = {
        let bwrap = findBwrap()
        let cgroups = CgroupProbe.detect()
        CgroupProbe.removeStale(cgroups)
        StagedRoot.removeStale()
        let paths = defaultSystemPaths()
        let root = geteuid() == 0
        let initPath = SandboxInitBinary.locate()
        let staged = root ? StagedRoot.build(systemPaths: paths, sandboxUID: 65534, initPath: initPath) : nil
        var config = SandboxConfiguration(
            bwrapPath: bwrap, cgroups: cgroups, identity: root ? .dropTo(uid: 65534, gid: 65534) : .currentUser,
            systemPaths: paths, stagedRoot: staged, initPath: initPath)
        guard root, bwrap != nil else { return config }
        // Prefer an unprivileged user namespace, then a root-owned one; staged /etc and /dev if they work.
        let stages: [String?] = staged == nil ? [nil] : [staged, nil]
        for identity in [config.identity, .rootUserNamespace] {
            for stage in stages {
                var candidate = config
                candidate.identity = identity
                candidate.stagedRoot = stage
                guard IdentityProbe.works(candidate) else { continue }
                if stage == nil, let staged { try? FileManager.default.removeItem(atPath: staged) }
                if let stage { arena_remove_tree_at_exit(stage) } // after a crash: the next detect()
                return candidate
            }
        }
        // Nothing works (the self-test says so); leave nothing behind.
        if let staged { try? FileManager.default.removeItem(atPath: staged) }
        config.stagedRoot = nil
        return config
    }()

    /// The usual read-only view: /usr (and the /bin, /lib… links or dirs), plus the few /etc
    /// entries runtimes read: the loader cache, alternatives (java, cc), passwd/group (so the
    /// sandbox uid has a name), Java's and Python's configuration. Each bind costs ~0.1 ms
    /// per run, so the list is short. Never /etc/shadow, /work, /root, /home or the host's /tmp.
    public static func defaultSystemPaths() -> [String] {
        var paths = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]
        paths += ["/etc/ld.so.cache", "/etc/alternatives", "/etc/passwd", "/etc/group"]
        let etc = (try? FileManager.default.contentsOfDirectory(atPath: "/etc")) ?? []
        paths += etc.filter { $0.hasPrefix("java-") || ($0.hasPrefix("python3.") && !$0.hasSuffix(".dpkg-old")) }
            .sorted().map { "/etc/" + $0 }
        return paths.filter { FileManager.default.fileExists(atPath: $0) || isSymlink($0) }
    }

    static func findBwrap() -> String? {
        var candidates = ["/usr/bin/bwrap", "/usr/local/bin/bwrap"]
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        candidates += path.split(separator: ":").map { "\($0)/bwrap" }
        return candidates.first { access($0, X_OK) == 0 }
    }

    static func isSymlink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }
}

/// Checks whether a configuration works: bwrap starts, /dev/null is writable, /etc readable.
enum IdentityProbe {
    static func works(_ config: SandboxConfiguration) -> Bool {
        guard let bwrap = config.bwrapPath, config.initPath != nil else { return false }
        let args = BwrapArguments(configuration: config)
        var argv = [bwrap] + args.prefix + ["--tmpfs", "/tmp"]
        var plan = SpawnPlan(executable: bwrap, argv: [], env: ["PATH=/usr/bin:/bin"])
        if config.stagedRoot == nil, let initPath = config.initPath {
            let fd = arena_open_path(initPath, 0)
            guard fd >= 0 else { return false }
            defer { close(fd) }
            plan.keepFDs = [fd]
            argv += ["--ro-bind-fd", String(BwrapArguments.firstBindFD), SandboxConfiguration.initInside]
        }
        argv += ["--chdir", "/", "--", SandboxConfiguration.initInside, "/bin/sh", "-c", "echo ok > /dev/null && test -r /etc/passwd"]
        plan.argv = argv
        if case .dropTo(let uid, let gid) = config.identity {
            plan.dropUID = Int32(bitPattern: uid)
            plan.dropGID = Int32(bitPattern: gid)
        }
        plan.wallLimit = 5
        guard let outcome = try? Spawner.runBlocking(plan) else { return false }
        return outcome.exitCode == 0
    }
}
