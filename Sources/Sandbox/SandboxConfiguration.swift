import Foundation

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

    /// Creates a configuration by hand (tests, unusual machines); `detect()` is the usual way.
    public init(
        bwrapPath: String?, cgroups: CgroupMode, identity: Identity, systemPaths: [String],
        defaultPath: String = "/usr/local/bin:/usr/bin:/bin", cpuGraceSeconds: Double = 0.5
    ) {
        self.bwrapPath = bwrapPath
        self.cgroups = cgroups
        self.identity = identity
        self.systemPaths = systemPaths
        self.defaultPath = defaultPath
        self.cpuGraceSeconds = cpuGraceSeconds
    }

    /// The configuration for this machine, probed once per process (bwrap, cgroups, identity).
    public static func detect() -> SandboxConfiguration { detected }

    private static let detected: SandboxConfiguration = {
        let bwrap = findBwrap()
        let cgroups = CgroupProbe.detect()
        var config = SandboxConfiguration(
            bwrapPath: bwrap, cgroups: cgroups, identity: .currentUser,
            systemPaths: defaultSystemPaths())
        if geteuid() == 0 {
            config.identity = .dropTo(uid: 65534, gid: 65534)
            // Without unprivileged user namespaces, fall back to a namespace owned by root.
            if bwrap != nil, !IdentityProbe.works(config) { config.identity = .rootUserNamespace }
        }
        CgroupProbe.removeStale(cgroups)
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

/// Checks whether bwrap works after dropping to the sandbox uid (unprivileged user namespaces).
enum IdentityProbe {
    static func works(_ config: SandboxConfiguration) -> Bool {
        guard let bwrap = config.bwrapPath, case .dropTo(let uid, let gid) = config.identity else { return false }
        let args = BwrapArguments(configuration: config)
        var argv = [bwrap] + args.prefix
        argv += ["--tmpfs", "/tmp", "--chdir", "/", "--", "/bin/true"]
        var plan = SpawnPlan(executable: bwrap, argv: argv, env: ["PATH=/usr/bin:/bin"])
        plan.dropUID = Int32(bitPattern: uid)
        plan.dropGID = Int32(bitPattern: gid)
        plan.wallLimit = 5
        guard let outcome = try? Spawner.runBlocking(plan) else { return false }
        return outcome.exitCode == 0
    }
}
