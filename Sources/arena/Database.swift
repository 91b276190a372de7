import ArenaApp
import Logging
import PostgresNIO

/// Runs `body` with a connected PostgresClient, then shuts it down.
func withDatabase<T: Sendable>(_ config: ArenaConfig, logger: Logger, _ body: @Sendable @escaping (PostgresClient) async throws -> T) async throws -> T {
    let client = config.database.makeClient(logger: logger, maxConnections: 2)
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { await client.run(); return nil }
        defer { group.cancelAll() }
        let result = try await body(client)
        return result
    }
}
