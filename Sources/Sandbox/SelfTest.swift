import Foundation

extension Sandbox {
    /// Checks which isolation and accounting mechanisms work here by running probes in the
    /// sandbox (`arena judge --self-test`). `isSafe` is false if bwrap, the pid, network or
    /// mount isolation, or the capability drop does not work.
    public static func selfTest() async -> SelfTestReport {
        let config = SandboxConfiguration.detect()
        var checks: [SelfTestReport.Check] = []
        func add(_ name: String, _ ok: Bool, _ detail: String, required: Bool = false) {
            checks.append(.init(name: name, ok: ok, detail: detail, required: required))
        }
        guard let bwrap = config.bwrapPath else {
            add("bwrap", false, "not found (apt-get install bubblewrap)", required: true)
            return SelfTestReport(checks: checks)
        }
        add("bwrap", true, bwrap, required: true)
        switch config.identity {
        case .dropTo(let uid, _): add("unprivileged user namespace", true, "bwrap runs as host uid \(uid)")
        case .currentUser: add("unprivileged user namespace", true, "bwrap runs as host uid \(getuid())")
        case .rootUserNamespace:
            add("unprivileged user namespace", false, "unavailable: bwrap runs as root (files appear root-owned)")
        }
        add("staged /etc and /dev", config.stagedRoot != nil,
            config.stagedRoot ?? "not available: each /etc entry and device is bound on its own (slower)")
        switch config.cgroups {
        case .v2(let dir): add("cgroup v2", true, dir)
        case .v1(let memory, let pids, let cpuacct):
            add("cgroup v1 memory", memory != nil, memory ?? "not available (RLIMIT_AS instead)")
            add("cgroup v1 pids", pids != nil, pids ?? "not available (RLIMIT_NPROC instead)")
            add("cgroup v1 cpuacct", cpuacct != nil, cpuacct ?? "not available (rusage instead)")
        case .none: add("cgroups", false, "none usable: rlimits only (RLIMIT_AS, RLIMIT_NPROC)")
        }

        let box = FileManager.default.temporaryDirectory.appendingPathComponent("arena-selftest-\(UUID().uuidString)").path
        let marker = box + "-host-marker"
        defer { try? FileManager.default.removeItem(atPath: box); try? FileManager.default.removeItem(atPath: marker) }
        do {
            try FileManager.default.createDirectory(atPath: box, withIntermediateDirectories: true)
            try Data("secret".utf8).write(to: URL(fileURLWithPath: marker))
        } catch {
            add("work directory", false, "cannot create \(box): \(error)", required: true)
            return SelfTestReport(checks: checks)
        }
        let script = """
            echo uid=$(id -u); echo pid=$$; echo host=$(hostname)
            for ns in pid net ipc uts cgroup user mnt; do echo ns_$ns=$(readlink /proc/self/ns/$ns); done
            echo ifaces=$(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | tr '\\n' ,)
            echo capeff=$(grep CapEff /proc/self/status | cut -f2)
            test -e /etc/shadow && echo shadow=visible || echo shadow=hidden
            test -e \(marker) && echo marker=visible || echo marker=hidden
            test -e /work && echo work=visible || echo work=hidden
            echo fsize=$(ulimit -f) nofile=$(ulimit -n) stack=$(ulimit -s) cpu=$(ulimit -t)
            touch /box/written && echo box=writable || echo box=readonly
            echo seccomp=$(grep '^Seccomp:' /proc/self/status | cut -f2) nonewprivs=$(grep '^NoNewPrivs:' /proc/self/status | cut -f2)
            cat /proc/1/environ >/dev/null 2>&1 && echo init=dumpable || echo init=protected
            """
        let limits = SandboxLimits(cpuSeconds: 2, memoryBytes: 64 << 20, outputBytes: 1 << 16, fileSizeBytes: 1 << 20)
        let sandbox = Sandbox(configuration: config)
        let probe: SandboxResult
        do {
            probe = try await sandbox.run(SandboxRequest(argv: ["/bin/sh", "-c", script], workDir: box, limits: limits))
        } catch {
            add("sandbox run", false, "\(error)", required: true)
            return SelfTestReport(checks: checks)
        }
        let facts = Dictionary(String(decoding: probe.stdout, as: UTF8.self).split(separator: "\n").flatMap { line in
            line.split(separator: " ").compactMap { field -> (String, String)? in
                let pair = field.split(separator: "=", maxSplits: 1)
                return pair.count == 2 ? (String(pair[0]), String(pair[1])) : nil
            }
        }, uniquingKeysWith: { first, _ in first })
        add("sandbox run", probe.exitCode == 0, "exit \(probe.exitCode.map(String.init) ?? "-"), \(String(format: "%.1f", probe.wallSeconds * 1000)) ms", required: true)
        for ns in ["pid", "net", "mnt", "ipc", "uts", "cgroup", "user"] {
            let inside = facts["ns_" + ns] ?? "?"
            let host = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/" + ns)) ?? "??"
            add("\(ns) namespace", inside != "?" && inside != host, inside, required: ["pid", "net", "mnt"].contains(ns))
        }
        let ifaces = facts["ifaces"] ?? "?"
        add("network isolation", ifaces == "lo,", "interfaces: \(ifaces)", required: true)
        add("capabilities dropped", facts["capeff"] == "0000000000000000", "CapEff \(facts["capeff"] ?? "?")", required: true)
        add("runs unprivileged", facts["uid"] != "0", "uid inside \(facts["uid"] ?? "?")")
        let hidden = facts["shadow"] == "hidden" && facts["marker"] == "hidden" && facts["work"] == "hidden"
        add("host files hidden", hidden, "/etc/shadow \(facts["shadow"] ?? "?"), host /tmp \(facts["marker"] ?? "?"), /work \(facts["work"] ?? "?")", required: true)
        add("work dir /box", facts["box"] == "writable", facts["box"] ?? "?", required: true)
        add("rlimits", facts["fsize"] == "2048" && facts["cpu"] == "3",
            "fsize=\(facts["fsize"] ?? "?") nofile=\(facts["nofile"] ?? "?") stack=\(facts["stack"] ?? "?") cpu=\(facts["cpu"] ?? "?")")
        add("seccomp filter", facts["seccomp"] == "2" && facts["nonewprivs"] == "1",
            "mode \(facts["seccomp"] ?? "?") (2 = filter), no_new_privs \(facts["nonewprivs"] ?? "?"); " + SeccompPolicy.summary,
            required: true)
        add("init non-dumpable", facts["init"] == "protected", "pid 1 (\(SandboxInitBinary.name)) \(facts["init"] ?? "?")", required: true)
        add("accounting", probe.cpuSeconds > 0 && probe.peakMemoryBytes > 0,
            String(format: "cpu %.4f s, peak %.1f MiB", probe.cpuSeconds, Double(probe.peakMemoryBytes) / 1048576))

        // Memory limit: grep buffers a 200 MB line, under a 64 MiB limit.
        let hog = "head -c 200000000 /dev/zero | tr '\\0' a | grep -c x"
        if let result = try? await sandbox.run(SandboxRequest(argv: ["/bin/sh", "-c", hog], workDir: box, limits: limits)) {
            add("memory limit", result.limitHit == .memory,
                "limit hit: \(result.limitHit?.rawValue ?? "none"), peak \(result.peakMemoryBytes >> 20) MiB")
        }
        return SelfTestReport(checks: checks)
    }
}
