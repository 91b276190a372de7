import Foundation

/// Runs a trusted helper program on the host (git, tar, cp, a compiler's `--version`): never
/// untrusted code, which goes through the sandbox. The async form waits on a Dispatch thread,
/// never on one of Swift's few cooperative threads (on a 2-core machine there are two: a blocked
/// one stalls half of every async task in the process).
public enum HostProcess {
    /// What the program did.
    public struct Output: Sendable {
        /// The exit status; -1 when the program could not be started.
        public var status: Int32
        /// Its stdout (and stderr, when merged).
        public var data: Data
        /// `data` as text.
        public var text: String { String(decoding: data, as: UTF8.self) }
    }

    /// Runs `argv` (argv[0] absolute) to completion off the cooperative threads.
    public static func run(_ argv: [String], environment: [String: String]? = nil,
                           mergeErrors: Bool = true, timeout: Double? = nil) async -> Output {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: runBlocking(argv, environment: environment,
                                                           mergeErrors: mergeErrors, timeout: timeout))
            }
        }
    }

    /// Runs `argv` to completion on the calling thread; `timeout` seconds end it with SIGTERM.
    public static func runBlocking(_ argv: [String], environment: [String: String]? = nil,
                                   mergeErrors: Bool = true, timeout: Double? = nil) -> Output {
        guard let program = argv.first else { return Output(status: -1, data: Data()) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Array(argv.dropFirst())
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = mergeErrors ? pipe : FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return Output(status: -1, data: Data()) }
        let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        if let timeout { DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer) }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timer.cancel()
        return Output(status: process.terminationStatus, data: data)
    }
}
