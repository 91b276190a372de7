import ArenaApp
import Logging
import ArenaStorage
import PostgresNIO

/// Runs `body` with a connected DatabaseClient, then shuts it down.
func withDatabase<T: Sendable>(_ config: ArenaConfig, logger: Logger, _ body: @Sendable @escaping (DatabaseClient) async throws -> T) async throws -> T {
    try await config.database.withClient(logger: logger, maxConnections: 2, body)
}

/// Runs `body` on a database with every migration applied.
func withMigratedDatabase<T: Sendable>(_ common: CommonOptions, _ body: @Sendable @escaping (DatabaseClient, Logger) async throws -> T) async throws -> T {
    let config = try common.config()
    let logger = common.logger()
    return try await withDatabase(config, logger: logger) { db in
        try await Migrator(client: db, migrations: ApplicationBuilder.allMigrations(), logger: logger).migrate()
        return try await body(db, logger)
    }
}
