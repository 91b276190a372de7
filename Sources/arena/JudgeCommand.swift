import ArenaApp
import ArgumentParser
import Foundation
import Judge
import JudgeService
import Logging
import Sandbox
import ServiceLifecycle

/// `arena judge --server URL --token TOKEN [--parallel N]`, and `--self-test`.
struct JudgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "judge", abstract: "Run a judge worker (or check the sandbox with --self-test).")

    @Option(help: "Server URL (ARENA_SERVER_URL).") var server: String?
    @Option(help: "Judge token from `arena token create --role judge` (ARENA_JUDGE_TOKEN).") var token: String?
    @Option(help: "Submissions judged at once.") var parallel = 1
    @Option(help: "Name shown in the server's records.") var name: String?
    @Option(help: "Folder for cached packages and compiled programs (ARENA_DATA_DIR/judge).") var cacheDir: String?
    @Flag(help: "Print which isolation and accounting mechanisms work here; fail if the sandbox would be unsafe.") var selfTest = false
    @Option(help: "Log level: trace, debug, info, notice, warning, error (LOG_LEVEL, default info).") var logLevel: String?

    func run() async throws {
        if selfTest {
            let report = await Sandbox.selfTest()
            print(report.description)
            guard report.isSafe else { throw ExitCode(2) }
            return
        }
        let environment = ProcessInfo.processInfo.environment
        guard let server = server ?? environment["ARENA_SERVER_URL"] else { throw ValidationError("--server (or ARENA_SERVER_URL) is required") }
        guard let token = token ?? environment["ARENA_JUDGE_TOKEN"] else { throw ValidationError("--token (or ARENA_JUDGE_TOKEN) is required") }
        var logger = Logger(label: "arena-judge")
        logger.logLevel = Logger.Level(rawValue: logLevel ?? environment["LOG_LEVEL"] ?? "info") ?? .info
        let report = await Sandbox.selfTest()
        guard report.isSafe else {
            print(report.description)
            throw ValidationError("the sandbox is not safe on this machine; refusing to judge")
        }
        let cache = URL(fileURLWithPath: cacheDir ?? ((environment["ARENA_DATA_DIR"] ?? "data") + "/judge"))
        let worker = try JudgeWorkers.make(server: server, token: token, cache: cache, name: name ?? ProcessInfo.processInfo.hostName,
                                           parallel: parallel, logger: logger)
        let group = ServiceGroup(services: [worker], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
    }
}
