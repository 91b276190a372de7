import Foundation

/// The bwrap command line: a fixed prefix computed once, plus a few per-run arguments.
struct BwrapArguments: Sendable {
    /// Options shared by every run (namespaces, identity, read-only system view, /dev, /proc).
    let prefix: [String]

    /// The first fd number the child sees for binds: /box is 3, extra binds follow.
    static let firstBindFD: Int32 = 3

    /// Whether runs enter a kept network namespace (`NetNamespaces`) instead of bwrap making one.
    let keptNetwork: Bool

    init(configuration: SandboxConfiguration) {
        if case .dropTo = configuration.identity { keptNetwork = NetNamespaces.available } else { keptNetwork = false }
        // Every namespace anew (the network one only when no kept one is entered: see NetNamespaces).
        var args = keptNetwork ? ["--unshare-ipc", "--unshare-pid", "--unshare-uts", "--unshare-cgroup-try", "--unshare-user"]
            : ["--unshare-all", "--unshare-user"]
        if configuration.bwrapPath.map(Self.supportsDisableUserns) ?? false { args.append("--disable-userns") }
        // --as-pid-1: bwrap execs our init (non-dumpable, seccomp) as pid 1 instead of keeping an
        // init of its own, which is dumpable and could be ptraced or stopped by the program.
        args += ["--die-with-parent", "--new-session", "--cap-drop", "ALL", "--hostname", "arena", "--as-pid-1"]
        if configuration.identity == .rootUserNamespace { args += ["--uid", "65534", "--gid", "65534"] }
        let staged = configuration.stagedRoot
        for path in configuration.systemPaths where staged == nil || !path.hasPrefix("/etc/") {
            if SandboxConfiguration.isSymlink(path), let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                args += ["--symlink", target, path]
            } else {
                args += ["--ro-bind", path, path]
            }
        }
        if let staged {
            // One mount each. /dev stays a read-write bind (a read-only remount would add nodev);
            // the staged directory belongs to root, so the sandbox uid cannot add or change entries.
            args += ["--ro-bind", staged + "/etc", "/etc", "--dev-bind", staged + "/dev", "/dev"]
        } else {
            // A minimal /dev: no tty, no shm, no pts.
            for device in ["null", "zero", "full", "random", "urandom"] where access("/dev/" + device, F_OK) == 0 {
                args += ["--dev-bind", "/dev/" + device, "/dev/" + device]
            }
            args += ["--symlink", "/proc/self/fd", "/dev/fd"]
            for (index, name) in ["stdin", "stdout", "stderr"].enumerated() {
                args += ["--symlink", "/proc/self/fd/\(index)", "/dev/" + name]
            }
        }
        args += ["--proc", "/proc"]
        prefix = args
    }

    /// Per-run arguments: /tmp, /box (fd 3), extra binds (fd 4…), the init (next fd, unless it is
    /// in the staged /etc), cwd, then the init and the program.
    func arguments(for request: SandboxRequest, bindInit: Bool) -> [String] {
        var args = prefix
        args += ["--size", String(max(request.limits.memoryBytes, 1 << 20)), "--tmpfs", "/tmp"]
        var fd = Self.firstBindFD
        args += [request.workDirWritable ? "--bind-fd" : "--ro-bind-fd", String(fd), "/box"]
        for bind in request.binds {
            fd += 1
            args += [bind.writable ? "--bind-fd" : "--ro-bind-fd", String(fd), bind.inside]
        }
        if bindInit { args += ["--ro-bind-fd", String(fd + 1), SandboxConfiguration.initInside] }
        args += ["--remount-ro", "/", "--chdir", "/box", "--", SandboxConfiguration.initInside]
        return args + request.argv
    }

    /// bwrap 0.8+ understands `--disable-userns`; look for the option name in the binary.
    static func supportsDisableUserns(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        return data.range(of: Data("--disable-userns".utf8)) != nil
    }
}

/// Checks a request before anything is started, so mistakes are judging errors, not RTEs.
enum RequestCheck {
    static func validate(_ request: SandboxRequest, configuration: SandboxConfiguration) throws {
        guard let program = request.argv.first, !program.isEmpty else { throw SandboxError("empty argv") }
        guard request.limits.cpuSeconds > 0, request.limits.effectiveWallSeconds > 0,
              request.limits.memoryBytes > 0, request.limits.processes > 0, request.limits.openFiles > 3,
              request.limits.outputBytes >= 0, request.limits.fileSizeBytes >= 0
        else { throw SandboxError("invalid limits \(request.limits)") }
        for bind in request.binds {
            guard bind.inside.hasPrefix("/"), !bind.inside.split(separator: "/").contains(".."),
                  !["/", "/box", "/proc", "/dev", "/tmp"].contains(bind.inside)
            else { throw SandboxError("invalid bind target \(bind.inside)") }
        }
        if request.argv.contains(where: { $0.utf8.contains(0) }) || request.env.keys.contains(where: { $0.contains("=") }) {
            throw SandboxError("argv or environment contains NUL or '=' in a name")
        }
        guard let host = hostPath(of: program, request: request, configuration: configuration) else {
            throw SandboxError("program \(program) is not visible inside the sandbox")
        }
        guard access(host, X_OK) == 0 else { throw SandboxError("program \(program) (\(host)) is not executable") }
    }

    /// Where the sandbox's view of `program` lives on the host, if it is visible at all.
    static func hostPath(of program: String, request: SandboxRequest, configuration: SandboxConfiguration) -> String? {
        if !program.contains("/") {
            let path = request.env["PATH"] ?? configuration.defaultPath
            for dir in path.split(separator: ":") {
                if let host = hostPath(of: "\(dir)/\(program)", request: request, configuration: configuration),
                   access(host, X_OK) == 0 { return host }
            }
            return nil
        }
        let inside = program.hasPrefix("/") ? program : "/box/" + program
        if inside == "/box" || inside.hasPrefix("/box/") { return request.workDir + inside.dropFirst(4) }
        for bind in request.binds where inside == bind.inside || inside.hasPrefix(bind.inside + "/") {
            return bind.host + inside.dropFirst(bind.inside.count)
        }
        let visible = configuration.systemPaths.contains { inside == $0 || inside.hasPrefix($0 + "/") }
        return visible ? inside : nil
    }
}
