import ArenaStorage
import Logging
import PostgresNIO

/// Applies migrations: all pending ones in one transaction, under an advisory lock, so that two
/// processes starting together cannot race; applied ones are recorded and never re-run, and an
/// applied migration whose SQL changed is an error naming it.
public struct Migrator: Sendable {
    /// The advisory lock key (arbitrary, fixed: "arena" in ASCII).
    static let lockKey: Int64 = 0x6172_656E_61
    private let client: DatabaseClient
    private let migrations: [Migration]
    private let logger: Logger

    /// Creates a migrator over the given migrations (of every role in this process).
    public init(client: DatabaseClient, migrations: [Migration], logger: Logger) {
        self.client = client
        self.migrations = migrations.sorted { ($0.group, $0.name) < ($1.group, $1.name) }
        self.logger = logger
    }

    /// Applies what is pending and returns the names applied now.
    @discardableResult
    public func migrate() async throws -> [String] {
        try await client.transaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            try await connection.query("CREATE SCHEMA IF NOT EXISTS arena_meta", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS arena_meta.migrations (
                    grp text NOT NULL, name text NOT NULL, checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (grp, name))
                """, logger: logger)
            let applied = try await Self.applied(on: connection, logger: logger)
            var done: [String] = []
            for migration in migrations {
                let key = "\(migration.group)/\(migration.name)"
                if let checksum = applied[key] {
                    guard checksum == migration.checksum else { throw MigrationError.changed(key) }
                    continue
                }
                try await connection.query("CREATE SCHEMA IF NOT EXISTS \(unescaped: migration.group)", logger: logger)
                do {
                    // The extended protocol takes one statement; a PL/pgSQL block runs several.
                    try await connection.query(PostgresQuery(unsafeSQL: "DO $arena_migration$ BEGIN \(migration.sql)\nEND $arena_migration$"), logger: logger)
                } catch {
                    throw MigrationError.failed(key, String(reflecting: error))
                }
                try await connection.query(
                    "INSERT INTO arena_meta.migrations (grp, name, checksum) VALUES (\(migration.group), \(migration.name), \(migration.checksum))",
                    logger: logger)
                logger.info("applied migration \(key)")
                done.append(key)
            }
            return done
        }
    }

    /// The migrations not yet applied (empty means the schema is current); throws if one changed.
    public func pending() async throws -> [String] {
        let applied: [String: String]
        do {
            applied = try await client.withConnection { try await Self.applied(on: $0, logger: logger) }
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "42P01" {
            applied = [:]  // arena_meta.migrations does not exist yet
        }
        var pending: [String] = []
        for migration in migrations {
            let key = "\(migration.group)/\(migration.name)"
            guard let checksum = applied[key] else { pending.append(key); continue }
            if checksum != migration.checksum { throw MigrationError.changed(key) }
        }
        return pending
    }

    private static func applied(on connection: PostgresConnection, logger: Logger) async throws -> [String: String] {
        var result: [String: String] = [:]
        let rows = try await connection.query("SELECT grp, name, checksum FROM arena_meta.migrations", logger: logger)
        for try await (group, name, checksum) in rows.decode((String, String, String).self) {
            result["\(group)/\(name)"] = checksum
        }
        return result
    }
}

/// Why migrating failed.
public enum MigrationError: Error, CustomStringConvertible, Equatable {
    /// An applied migration's SQL differs from what was applied.
    case changed(String)
    /// A migration's SQL failed.
    case failed(String, String)

    /// A message naming the migration.
    public var description: String {
        switch self {
        case .changed(let name): "migration \(name) was changed after it was applied; add a new migration instead"
        case .failed(let name, let reason): "migration \(name) failed: \(reason)"
        }
    }
}
