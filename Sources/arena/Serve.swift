import ArenaApp
import ArgumentParser
import Hummingbird

/// `arena serve`: run the chosen roles in one process.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the chosen roles (all by default).")

    @OptionGroup var common: CommonOptions
    @Option(help: "Roles: all, or a comma list of web, auth, contests, submissions, scoring, leaderboard.")
    var roles = "all"
    @Option(help: "Listen address (ARENA_HOST, default 127.0.0.1).")
    var host: String?
    @Option(help: "Listen port (ARENA_PORT, default 8080).")
    var port: Int?
    @Option(help: "In-process judge workers (0: none; judges then run as `arena judge`).")
    var judges = 1
    @Flag(help: "Do not run migrations at start.")
    var noMigrate = false
    @Option(help: "Seconds a user waits between submissions (ARENA_SUBMISSION_GAP, default 5).")
    var submissionGap: String?
    @Option(help: "Seconds a judge's claim lasts without a heartbeat (ARENA_JUDGE_LEASE, default 30).")
    var judgeLease: Int?
    @Option(help: "Seconds an idle connection stays open (ARENA_IDLE_TIMEOUT, default 30).")
    var idleTimeout: String?
    @Option(help: "Seconds a request's headers may take (ARENA_HEADER_TIMEOUT, default 10).")
    var headerTimeout: String?
    @Option(help: "Seconds a request body may pause (ARENA_BODY_TIMEOUT, default 30).")
    var bodyTimeout: String?
    @Option(help: "Largest request head in bytes (ARENA_MAX_HEADER_BYTES, default 32768).")
    var maxHeaderBytes: String?
    @Option(help: "Comma-separated origins also allowed to open WebSockets (ARENA_ALLOWED_ORIGINS).")
    var allowedOrigins: String?

    func run() async throws {
        var config = try common.config()
        config.roles = try ArenaConfig.parseRoles(roles)
        if let host { config.host = host }
        if let port { config.port = port }
        config.migrate = !noMigrate
        config.judges = judges
        if let submissionGap { config.submissionGap = try ArenaConfig.seconds(submissionGap, "--submission-gap", allowZero: true) }
        if let judgeLease {
            guard judgeLease >= 1 else { throw ValidationError("--judge-lease must be whole seconds ≥ 1") }
            config.judgeLeaseSeconds = judgeLease
        }
        if let idleTimeout { config.connection.idleTimeout = .seconds(try ArenaConfig.seconds(idleTimeout, "--idle-timeout")) }
        if let headerTimeout { config.connection.headerTimeout = .seconds(try ArenaConfig.seconds(headerTimeout, "--header-timeout")) }
        if let bodyTimeout { config.connection.bodyTimeout = .seconds(try ArenaConfig.seconds(bodyTimeout, "--body-timeout")) }
        if let maxHeaderBytes { config.connection.maxHeaderBytes = try ArenaConfig.headerBytes(maxHeaderBytes, "--max-header-bytes") }
        if let allowedOrigins { config.allowedOrigins = try ArenaConfig.origins(allowedOrigins, "--allowed-origins") }
        let logger = common.logger()
        logger.info("serving roles \(config.roles.map(\.rawValue).sorted().joined(separator: ",")) on \(config.host):\(config.port)")
        let app = try await ApplicationBuilder.build(config: config, logger: logger)
        try await app.runService()
    }
}
