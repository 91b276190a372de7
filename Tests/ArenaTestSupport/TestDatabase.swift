import ArenaApp
import ArenaStorage
import Foundation
import Logging
import PostgresNIO

/// A throwaway database for one test, copied from a migrated template, so tests run in parallel
/// against a real PostgreSQL without seeing each other's rows.
public struct TestDatabase: Sendable {
    /// Where the database is.
    public let config: DatabaseConfig
    /// Quiet logger for tests.
    public static let logger: Logger = {
        var logger = Logger(label: "test")
        logger.logLevel = ProcessInfo.processInfo.environment["TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .error
        return logger
    }()

    /// The server tests use (`ARENA_DATABASE_URL` or the default).
    public static func serverConfig() throws -> DatabaseConfig {
        try DatabaseConfig(url: ProcessInfo.processInfo.environment["ARENA_DATABASE_URL"] ?? DatabaseConfig.defaultURL)
    }

    /// Creates an empty database (no migrations) and runs `body` with it; drops it afterwards.
    public static func withEmpty<T: Sendable>(_ body: (TestDatabase) async throws -> T) async throws -> T {
        try await with(template: "template0", body)
    }

    /// Creates a database with every migration applied and runs `body` with it; drops it afterwards.
    public static func withMigrated<T: Sendable>(_ body: (TestDatabase) async throws -> T) async throws -> T {
        try await with(template: try await TemplateMaker.shared.template(), body)
    }

    private static func with<T: Sendable>(template: String, _ body: (TestDatabase) async throws -> T) async throws -> T {
        let server = try serverConfig()
        let name = "arena_test_\(UInt64.random(in: 0...UInt64.max))"
        do {
            try await admin(server) { try await $0.query("CREATE DATABASE \(unescaped: name) TEMPLATE \(unescaped: template)", logger: logger) }
        } catch {
            // PSQLError's description hides the server's message: a failing suite should say it.
            throw TestDatabaseError(message: "CREATE DATABASE \(name) TEMPLATE \(template): \(String(reflecting: error))")
        }
        let database = TestDatabase(config: server.with(database: name))
        do {
            let result = try await body(database)
            try await drop(name, server)
            return result
        } catch {
            try? await drop(name, server)
            throw error
        }
    }

    /// Runs `body` with a running client on this database.
    public func withClient<T: Sendable>(_ body: @escaping @Sendable (DatabaseClient) async throws -> T) async throws -> T {
        try await Self.run(config, body)
    }

    static func drop(_ name: String, _ server: DatabaseConfig) async throws {
        try await admin(server) { try await $0.query("DROP DATABASE IF EXISTS \(unescaped: name) WITH (FORCE)", logger: logger) }
    }

    static func admin<T: Sendable>(_ server: DatabaseConfig, _ body: @escaping @Sendable (DatabaseClient) async throws -> T) async throws -> T {
        try await run(server, body)
    }

    static func run<T: Sendable>(_ config: DatabaseConfig, _ body: @escaping @Sendable (DatabaseClient) async throws -> T) async throws -> T {
        try await config.withClient(logger: logger, maxConnections: 8, body)
    }
}

/// A test database could not be made; the message has the server's own words.
public struct TestDatabaseError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Makes the migrated template once per process (named by the migrations' checksums, so a
/// changed migration gets a fresh template).
actor TemplateMaker {
    static let shared = TemplateMaker()
    private var made: Task<String, any Error>?

    func template() async throws -> String {
        if let made { return try await made.value }
        let task = Task { try await Self.make() }
        made = task
        return try await task.value
    }

    private static func make() async throws -> String {
        let migrations = ApplicationBuilder.allMigrations()
        let digest = migrations.map { "\($0.group)/\($0.name):\($0.checksum)" }.joined(separator: ",")
        var hasher = 1469598103934665603 as UInt64
        for byte in digest.utf8 { hasher = (hasher ^ UInt64(byte)) &* 1099511628211 }
        let name = "arena_tpl_\(String(hasher, radix: 16))"
        let server = try TestDatabase.serverConfig()
        let logger = TestDatabase.logger
        let exists = try await TestDatabase.admin(server) { client in
            // One maker at a time across processes.
            try await client.withTransaction(logger: logger) { conn in
                try await conn.query("SELECT pg_advisory_xact_lock(4242)", logger: logger)
                let rows = try await conn.query("SELECT 1 FROM pg_database WHERE datname = \(name)", logger: logger)
                for try await _ in rows { return true }
                return false
            }
        }
        if exists { return name }
        let building = name + "_\(UInt32.random(in: 0...UInt32.max))"
        try await TestDatabase.admin(server) { try await $0.query("CREATE DATABASE \(unescaped: building) TEMPLATE template0", logger: logger) }
        try await TestDatabase.run(server.with(database: building)) { client in
            try await Migrator(client: client, migrations: migrations, logger: logger).migrate()
        }
        try await TestDatabase.admin(server) { client in
            do {
                try await client.query("ALTER DATABASE \(unescaped: building) RENAME TO \(unescaped: name)", logger: logger)
            } catch {
                try await client.query("DROP DATABASE IF EXISTS \(unescaped: building)", logger: logger)  // another process won
            }
        }
        return name
    }
}
