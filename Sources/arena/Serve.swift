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

    func run() async throws {
        var config = try common.config()
        config.roles = try ArenaConfig.parseRoles(roles)
        if let host { config.host = host }
        if let port { config.port = port }
        config.migrate = !noMigrate
        config.judges = judges
        let logger = common.logger()
        logger.info("serving roles \(config.roles.map(\.rawValue).sorted().joined(separator: ",")) on \(config.host):\(config.port)")
        let app = try await ApplicationBuilder.build(config: config, logger: logger)
        try await app.runService()
    }
}
