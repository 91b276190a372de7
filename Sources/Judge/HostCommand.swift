import Foundation

/// Finds host programs for toolchain probes (run them with `HostProcess`).
enum HostCommand {
    /// The first executable `name` in the `:`-separated `path`.
    static func find(_ name: String, in path: String) -> String? {
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The host PATH plus the usual per-user tool directories (rustup, cargo), for toolchain probes.
    static var hostPath: String {
        var parts = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        for extra in ["\(home)/.cargo/bin", "/usr/local/cargo/bin"] where !parts.contains(extra) { parts.append(extra) }
        return parts.joined(separator: ":")
    }
}
