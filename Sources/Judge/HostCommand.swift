import Foundation

/// Runs a trusted host command (compiler version, toolchain location) outside the sandbox.
enum HostCommand {
    struct Output: Sendable {
        var status: Int32
        var text: String
    }

    /// Runs `argv` (argv[0] absolute) with a timeout; stdout and stderr are merged.
    static func run(_ argv: [String], timeout: Double = 30, environment: [String: String]? = nil) async -> Output? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: runBlocking(argv, timeout: timeout, environment: environment))
            }
        }
    }

    private static func runBlocking(_ argv: [String], timeout: Double, environment: [String: String]?) -> Output? {
        guard let program = argv.first else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Array(argv.dropFirst())
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timer.cancel()
        return Output(status: process.terminationStatus, text: String(decoding: data.prefix(1 << 16), as: UTF8.self))
    }

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
