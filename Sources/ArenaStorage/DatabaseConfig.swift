import Foundation
import Logging
import PostgresNIO

/// Where the database is, parsed from a `postgres://user:password@host:port/database` URL.
public struct DatabaseConfig: Sendable, Equatable {
    /// The default of `ARENA_DATABASE_URL` (DESIGN.md §6).
    public static let defaultURL = "postgres://arena:arena@127.0.0.1:5432/arena"

    /// Host name or address.
    public var host: String
    /// TCP port.
    public var port: Int
    /// Role to log in as.
    public var username: String
    /// Its password, if any.
    public var password: String?
    /// Database name.
    public var database: String

    /// Parses a database URL; the error names what is wrong with it.
    public init(url: String) throws {
        guard let components = URLComponents(string: url),
              components.scheme == "postgres" || components.scheme == "postgresql",
              let host = components.host, !host.isEmpty
        else { throw ConfigError("ARENA_DATABASE_URL must look like postgres://user:password@host:5432/database, got \(url)") }
        let database = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        guard !database.isEmpty else { throw ConfigError("ARENA_DATABASE_URL names no database: \(url)") }
        self.host = host
        self.port = components.port ?? 5432
        self.username = components.user ?? "arena"
        self.password = components.password
        self.database = database
    }

    /// The same server, another database (tests make one per suite).
    public func with(database: String) -> DatabaseConfig {
        var copy = self
        copy.database = database
        return copy
    }

    /// The URL form.
    public var url: String {
        let auth = password.map { "\(username):\($0)" } ?? username
        return "postgres://\(auth)@\(host):\(port)/\(database)"
    }

    /// Whether the server is on this machine (then no TLS).
    public var isLoopback: Bool { host == "127.0.0.1" || host == "localhost" || host == "::1" }

    /// A PostgresNIO pool configuration (no TLS on loopback; `prefer` elsewhere). A connection
    /// attempt gives up after 2 s, so nothing waits long on a database that does not answer
    /// (`DatabaseClient` fails requests at once while it is unreachable).
    public func clientConfiguration(maxConnections: Int = 20) -> PostgresClient.Configuration {
        var config = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database,
            tls: isLoopback ? .disable : .prefer(.makeClientConfiguration()))
        config.options.maximumConnections = maxConnections
        config.options.minimumConnections = 0
        config.options.connectTimeout = .seconds(2)
        return config
    }

    /// Runs `body` with a running client on this database, then stops the client (for commands
    /// and tests; a server adds its client as a service instead).
    public func withClient<T: Sendable>(logger: Logger, maxConnections: Int = 4,
                                        _ body: @Sendable @escaping (DatabaseClient) async throws -> T) async throws -> T {
        let client = makeClient(logger: logger, maxConnections: maxConnections)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { await client.run(); return nil }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    /// Makes a client; run it with `client.run()` (the composition root adds it as a service).
    public func makeClient(logger: Logger, maxConnections: Int = 20) -> DatabaseClient {
        DatabaseClient(config: self, maxConnections: maxConnections, logger: logger)
    }
}

/// A configuration mistake, reported as it is.
public struct ConfigError: Error, CustomStringConvertible {
    /// What is wrong.
    public let description: String
    /// Creates the error.
    public init(_ description: String) { self.description = description }
}
