import Logging
import PostgresNIO

extension PostgresClient {
    /// `withTransaction`, but an error thrown by `body` comes out as itself (PostgresNIO wraps
    /// it in `PostgresTransactionError`), so a `UserError` inside a transaction stays a 4xx.
    public func transaction<Result: Sendable>(logger: Logger, _ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        do {
            return try await withTransaction(logger: logger) { try await body($0) }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error
        }
    }
}

extension PostgresClient {
    /// Runs `body`'s reads in one read-only REPEATABLE READ transaction: every statement sees
    /// the same snapshot, so a value read first and rows read after agree.
    public func snapshot<Result: Sendable>(logger: Logger, _ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await withConnection { conn in
            try await conn.query("START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
            do {
                let result = try await body(conn)
                try await conn.query("COMMIT", logger: logger)
                return result
            } catch {
                _ = try? await conn.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }
}
