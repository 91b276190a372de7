import ArenaApp
import ArenaCore
import ArenaHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ArenaStorage
import PostgresNIO

/// A running Arena router on a fresh migrated database, for HTTP-level tests.
public struct TestApp: Sendable {
    /// The client to send requests with.
    public let client: any TestClientProtocol
    /// The database client.
    public let db: DatabaseClient
    /// The configuration the app was built with.
    public let config: ArenaConfig
    /// The modules of its roles.
    public let modules: [any ArenaModule]

    /// The port of a live server (`live: true`), else nil.
    public var port: Int? { client.port }

    /// Builds the app with `roles` and runs `body` against it: through the router alone, or with
    /// `live: true` as a real server on a free loopback port (with its background services).
    public static func run(roles: Set<ServiceRole> = Set(ServiceRole.allCases), live: Bool = false,
                           configure: (inout ArenaConfig) -> Void = { _ in },
                           _ body: @escaping @Sendable (TestApp) async throws -> Void) async throws {
        try await TestDatabase.withMigrated { database in
            try await run(database: database.config, roles: roles, live: live, configure: configure, body)
        }
    }

    /// `run` on a database of the caller's (migrated), e.g. a `PrivatePostgres`.
    public static func run(database: DatabaseConfig, roles: Set<ServiceRole> = Set(ServiceRole.allCases), live: Bool = false,
                           configure: (inout ArenaConfig) -> Void = { _ in },
                           _ body: @escaping @Sendable (TestApp) async throws -> Void) async throws {
        var config = try ArenaConfig(environment: [:])
        config.database = database
        config.roles = roles
        config.dataDirectory = TestKeys.directory
        configure(&config)
        let frozen = config
        try await database.withClient(logger: TestDatabase.logger, maxConnections: 8) { db in
            let parts = try await ApplicationBuilder.makeRouter(config: frozen, database: db, logger: TestDatabase.logger)
            var app = Application(router: parts.router, server: parts.server, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                                  logger: TestDatabase.logger)
            app.addServices(parts.services)
            let modules = parts.modules
            try await app.test(live ? .live : .router) { client in
                try await body(TestApp(client: client, db: db, config: frozen, modules: modules))
            }
        }
    }
}

/// One key pair for all tests of a process, in a temporary folder.
public enum TestKeys {
    /// The folder holding `jwt-ed25519.pem`.
    public static let directory: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("arena-test-keys-\(getpid())").path
        _ = try? KeyStore.privateKey(file: nil, dataDirectory: dir)
        return dir
    }()
}
