import Foundation
import Glibc
import SandboxShim
import Synchronization

/// Finds the cgroup directories this process may create run cgroups under.
enum CgroupProbe {
    /// v2 if our own v2 cgroup delegates memory and pids to children (its `subtree_control`
    /// lists them: e.g. a systemd unit with `Delegate=yes`); else v1 controllers; else none.
    static func detect() -> SandboxConfiguration.CgroupMode {
        let mounts = cgroupMounts()
        let own = ownCgroups()
        if let v2 = mounts.first(where: { $0.isV2 }), let path = own[""] {
            let dir = v2.directory(for: path)
            let subtree = Set((readText(dir + "/cgroup.subtree_control") ?? "").split(whereSeparator: \.isWhitespace))
            if subtree.contains("memory"), subtree.contains("pids"), access(dir, W_OK) == 0 {
                return .v2(dir)
            }
        }
        func v1(_ controller: String) -> String? {
            guard let mount = mounts.first(where: { $0.controllers.contains(controller) }),
                  let path = own[controller] else { return nil }
            let dir = mount.directory(for: path)
            return access(dir, W_OK) == 0 ? dir : nil
        }
        let memory = v1("memory"), pids = v1("pids"), cpuacct = v1("cpuacct")
        if memory == nil, pids == nil, cpuacct == nil { return .none }
        return .v1(memory: memory, pids: pids, cpuacct: cpuacct)
    }

    /// Removes empty run cgroups left behind by processes that died (named `arena-sandbox-PID-N`).
    static func removeStale(_ mode: SandboxConfiguration.CgroupMode) {
        for parent in mode.parents {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] {
                let parts = name.split(separator: "-")
                guard name.hasPrefix(RunCgroups.prefix), parts.count == 4, let pid = Int32(parts[2]),
                      pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
                _ = arena_kill_listed(parent + "/" + name + "/cgroup.procs")
                rmdir(parent + "/" + name)
            }
        }
    }

    struct Mount {
        var root: String
        var point: String
        var controllers: Set<String>
        var isV2: Bool
        func directory(for path: String) -> String {
            var relative = path
            if root != "/", relative.hasPrefix(root) { relative = String(relative.dropFirst(root.count)) }
            if relative == "/" { relative = "" }
            return point + relative
        }
    }

    /// cgroup mounts from /proc/self/mountinfo.
    static func cgroupMounts() -> [Mount] {
        guard let text = readText("/proc/self/mountinfo") else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let halves = line.components(separatedBy: " - ")
            guard halves.count == 2 else { return nil }
            let left = halves[0].split(separator: " "), right = halves[1].split(separator: " ")
            guard left.count >= 5, right.count >= 3 else { return nil }
            let type = String(right[0])
            guard type == "cgroup" || type == "cgroup2" else { return nil }
            let options = Set(right[2].split(separator: ",").map(String.init))
            return Mount(root: String(left[3]), point: String(left[4]), controllers: options, isV2: type == "cgroup2")
        }
    }

    /// Controller name → own cgroup path ("" is the v2 hierarchy), from /proc/self/cgroup.
    static func ownCgroups() -> [String: String] {
        var result: [String: String] = [:]
        for line in (readText("/proc/self/cgroup") ?? "").split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            if fields[1].isEmpty { result[""] = String(fields[2]) }
            for controller in fields[1].split(separator: ",") { result[String(controller)] = String(fields[2]) }
        }
        return result
    }
}

extension SandboxConfiguration.CgroupMode {
    /// The parent directories run cgroups are created in.
    var parents: [String] {
        switch self {
        case .v2(let dir): [dir]
        case .v1(let memory, let pids, let cpuacct): [memory, pids, cpuacct].compactMap { $0 }
        case .none: []
        }
    }
}

private let runCounter = Atomic<Int>(0)

/// The cgroups of one run: created with its limits before the run, read and removed after.
struct RunCgroups: Sendable {
    static let prefix = "arena-sandbox-"

    let v2: Bool
    let memoryDir: String?
    let pidsDir: String?
    let cpuDir: String?
    /// Every created directory (one per hierarchy).
    let dirs: [String]

    /// Creates the run's cgroups and writes the limits. Throws if a directory cannot be made.
    init(mode: SandboxConfiguration.CgroupMode, limits: SandboxLimits) throws {
        let name = Self.prefix + "\(getpid())-\(runCounter.wrappingAdd(1, ordering: .relaxed).newValue)"
        let pidsMax = String(limits.processes + 2) // + bwrap's monitor and its pid-1 init
        switch mode {
        case .none:
            (v2, memoryDir, pidsDir, cpuDir, dirs) = (false, nil, nil, nil, [])
        case .v2(let parent):
            let dir = parent + "/" + name
            try Self.make(dir)
            (v2, memoryDir, pidsDir, cpuDir, dirs) = (true, dir, dir, dir, [dir])
            try Self.write(dir + "/memory.max", String(limits.memoryBytes))
            Self.writeOptional(dir + "/memory.swap.max", "0")
            Self.writeOptional(dir + "/memory.oom.group", "1")
            try Self.write(dir + "/pids.max", pidsMax)
        case .v1(let memory, let pids, let cpuacct):
            var made: [String] = []
            func make(_ parent: String?) throws -> String? {
                guard let parent else { return nil }
                let dir = parent + "/" + name
                do { try Self.make(dir) } catch { made.forEach { rmdir($0) }; throw error }
                made.append(dir)
                return dir
            }
            let memoryDir = try make(memory), pidsDir = try make(pids), cpuDir = try make(cpuacct)
            (v2, self.memoryDir, self.pidsDir, self.cpuDir, dirs) = (false, memoryDir, pidsDir, cpuDir, made)
            if let memoryDir {
                try Self.write(memoryDir + "/memory.limit_in_bytes", String(limits.memoryBytes))
                Self.writeOptional(memoryDir + "/memory.memsw.limit_in_bytes", String(limits.memoryBytes))
                Self.writeOptional(memoryDir + "/memory.swappiness", "0")
            }
            if let pidsDir { try Self.write(pidsDir + "/pids.max", pidsMax) }
        }
    }

    /// `cgroup.procs` of each hierarchy: the child writes its pid to each before exec.
    var procsFiles: [String] { dirs.map { $0 + "/cgroup.procs" } }
    /// A `cgroup.procs` that lists every process of the run (for killing), if any.
    var listing: String? { (pidsDir ?? memoryDir ?? cpuDir).map { $0 + "/cgroup.procs" } }
    /// The CPU usage file and its format (0: nanoseconds, 1: cpu.stat).
    var cpuFile: (path: String, format: Int32)? {
        guard let cpuDir else { return nil }
        return v2 ? (cpuDir + "/cpu.stat", 1) : (cpuDir + "/cpuacct.usage", 0)
    }

    /// Peak memory in bytes, if the kernel reports it.
    var peakMemory: Int? {
        guard let memoryDir else { return nil }
        return Self.readInt(memoryDir + (v2 ? "/memory.peak" : "/memory.max_usage_in_bytes"))
    }
    /// Processes killed by the cgroup OOM killer.
    var oomKills: Int {
        guard let memoryDir else { return 0 }
        return Self.field(memoryDir + (v2 ? "/memory.events" : "/memory.oom_control"), "oom_kill") ?? 0
    }
    /// How often the memory limit was reached (v1 failcnt, v2 `max` events).
    var memoryLimitHits: Int {
        guard let memoryDir else { return 0 }
        return v2 ? Self.field(memoryDir + "/memory.events", "max") ?? 0
            : Self.readInt(memoryDir + "/memory.failcnt") ?? 0
    }
    /// How often a fork or clone failed on the pids limit.
    var pidsLimitHits: Int { pidsDir.flatMap { Self.field($0 + "/pids.events", "max") } ?? 0 }
    /// CPU time of every process of the run, in seconds.
    var cpuSeconds: Double? {
        guard let cpu = cpuFile else { return nil }
        if cpu.format == 0 { return Self.readInt(cpu.path).map { Double($0) / 1e9 } }
        return Self.field(cpu.path, "usage_usec").map { Double($0) / 1e6 }
    }

    /// Kills whatever is left and removes the directories (retrying while the kernel tears down).
    func destroy() {
        for attempt in 0..<200 {
            if let listing { _ = arena_kill_listed(listing) }
            var remaining = false
            for dir in dirs where rmdir(dir) != 0 && errno != ENOENT { remaining = true }
            if !remaining { return }
            usleep(attempt < 20 ? 500 : 5000)
        }
    }

    static func make(_ dir: String) throws {
        if mkdir(dir, 0o755) != 0 && errno != EEXIST {
            throw SandboxError("cannot create cgroup \(dir): \(String(cString: strerror(errno)))")
        }
    }

    static func write(_ path: String, _ value: String) throws {
        guard writeOptional(path, value) else {
            throw SandboxError("cannot write \(value) to \(path): \(String(cString: strerror(errno)))")
        }
    }

    @discardableResult
    static func writeOptional(_ path: String, _ value: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let bytes = Array(value.utf8)
        return Glibc.write(fd, bytes, bytes.count) == bytes.count
    }

    static func readInt(_ path: String) -> Int? {
        readText(path).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// The number after `key` in a `key value` per line file.
    static func field(_ path: String, _ key: String) -> Int? {
        for line in (readText(path) ?? "").split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, parts[0] == key { return Int(parts[1]) }
        }
        return nil
    }
}

/// Reads a small text file (procfs, cgroupfs) without Foundation's size assumptions.
func readText(_ path: String) -> String? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let got = read(fd, &buffer, buffer.count)
        if got <= 0 { break }
        bytes += buffer[0..<got]
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// Removes finished runs' cgroups on one background thread, off the caller's path.
final class CgroupReaper: Sendable {
    static let shared = CgroupReaper()
    private let queue = DispatchQueue(label: "arena.sandbox.cgroup-reaper")

    func remove(_ cgroups: RunCgroups) {
        guard !cgroups.dirs.isEmpty else { return }
        queue.async { cgroups.destroy() }
    }
}
