import Foundation
import Logging
import NIOConcurrencyHelpers
import PostgresNIO
import ServiceLifecycle

/// The process's PostgreSQL client: a PostgresNIO pool behind a watch that fails requests fast
/// while the database is unreachable and serves again as soon as it is back.
///
/// PostgresNIO's pool queues requests while it cannot connect (until a 60 s circuit breaker) and
/// retries with a backoff that grows to a minute, so an outage used to hang requests and the
/// server came back seconds after the database did. Here one connection of its own (outside the
/// pool) watches the database: it notices a closed or refused connection at once and a silent server within
/// `probeTimeout`. Then the client is "unreachable": every call throws `DatabaseUnavailable` at
/// once (a 503), and the pool, whose queued requests would wait, is replaced by a fresh one (the
/// old one's waiters fail at once). While unreachable the watch tries to connect every
/// `retryInterval`; the first success makes it reachable again, and the fresh pool, which never
/// failed, connects on the next request.
public final class DatabaseClient: Service, Sendable {
    /// How often the watch asks a reachable database whether it is still there.
    public static let probeInterval: Duration = .seconds(1)
    /// How long a probe (connect or `SELECT 1`) may take before the database counts as unreachable
    /// (a stopped server refuses or closes at once; this is for a silent one, and long enough that
    /// a busy machine is not taken for an outage).
    public static let probeTimeout: Duration = .seconds(5)
    /// How often the watch tries to reconnect while the database is unreachable.
    public static let retryInterval: Duration = .milliseconds(100)

    private let config: DatabaseConfig
    private let maxConnections: Int
    private let logger: Logger
    private let state: NIOLockedValueBox<State>
    /// Wakes the watch early (a request saw a connection fail) and waiters for the database's return.
    private let changes = NotificationChannel.local("database")

    struct State {
        var current: PostgresClient
        var running: [ObjectIdentifier: Task<Void, Never>] = [:]
        var reachable = true
        var started = false
    }

    /// Creates the client; run it as a service (it runs its pool).
    public init(config: DatabaseConfig, maxConnections: Int, logger: Logger) {
        self.config = config
        self.maxConnections = maxConnections
        self.logger = logger
        state = NIOLockedValueBox(State(current: PostgresClient(configuration: config.clientConfiguration(maxConnections: maxConnections),
                                                                backgroundLogger: logger)))
    }

    /// Whether the database answered the last probe.
    public var isReachable: Bool { state.withLockedValue(\.reachable) }

    /// The pool to use now, or `DatabaseUnavailable` while the database is unreachable.
    func pool() throws -> PostgresClient {
        let (reachable, current) = state.withLockedValue { ($0.reachable, $0.current) }
        guard reachable else { throw DatabaseUnavailable() }
        return current
    }

    /// Runs a query (`PostgresClient.query`).
    @discardableResult
    public func query(_ query: PostgresQuery, logger: Logger? = nil, file: String = #fileID, line: Int = #line) async throws -> PostgresRowSequence {
        try await observing { try await pool().query(query, logger: logger, file: file, line: line) }
    }

    /// Leases a connection for `body` (`PostgresClient.withConnection`).
    public func withConnection<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await observing { try await pool().withConnection { try await body($0) } }
    }

    /// `body` in a transaction; an error thrown by `body` comes out as itself (see `PostgresClient.transaction`).
    public func transaction<Result: Sendable>(logger: Logger, _ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await observing { try await pool().transaction(logger: logger, body) }
    }

    /// `transaction` under PostgresNIO's name.
    public func withTransaction<Result: Sendable>(logger: Logger, _ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await transaction(logger: logger, body)
    }

    /// `body`'s reads in one read-only REPEATABLE READ transaction (see `PostgresClient.snapshot`).
    public func snapshot<Result: Sendable>(logger: Logger, _ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await observing { try await pool().snapshot(logger: logger, body) }
    }

    /// Returns when the database is reachable, or after `timeout` (for loops that retry).
    public func waitUntilReachable(timeout: Duration) async {
        let deadline = ContinuousClock.now + timeout
        while !isReachable, ContinuousClock.now < deadline, !Task.isCancelled {
            await changes.wait(timeout: deadline - ContinuousClock.now)
        }
    }

    /// A connection-level failure wakes the watch, which probes at once.
    private func observing<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch {
            if DatabaseUnavailable.describes(error), !(error is DatabaseUnavailable) { changes.signal() }
            throw error
        }
    }

    /// Runs the pool (and its replacements) and the watch until graceful shutdown.
    public func run() async {
        let first = state.withLockedValue { state -> PostgresClient in
            precondition(!state.started, "DatabaseClient.run() runs once")
            state.started = true
            return state.current
        }
        start(first)
        await withTaskCancellationHandler {
            await cancelWhenGracefulShutdown { await self.watch() }
        } onCancel: {
            self.state.withLockedValue { $0.running.values.forEach { $0.cancel() } }
        }
        // The pool's own run ends at graceful shutdown (it inherits the shutdown signal).
        for task in state.withLockedValue({ Array($0.running.values) }) { await task.value }
    }

    private func start(_ client: PostgresClient) {
        let task = Task { await client.run() }
        state.withLockedValue { $0.running[ObjectIdentifier(client)] = task }
    }

    /// Probes while reachable; on a failure switches to unreachable and a fresh pool, then retries
    /// until the database answers.
    private func watch() async {
        var probe: PostgresConnection?
        var downSince: ContinuousClock.Instant?
        while !Task.isCancelled {
            do {
                if probe == nil || probe?.isClosed == true {
                    let connection = try await connect()
                    connection.closeFuture.whenComplete { _ in self.changes.signal() }
                    probe = connection
                }
                try await ask(probe!)
                if let since = downSince {
                    state.withLockedValue { $0.reachable = true }
                    changes.signal()
                    logger.notice("database reachable again after \(ContinuousClock.now - since)")
                    downSince = nil
                }
                // Until the interval passes, a request saw a connection fail, or the probe connection closed.
                if probe?.isClosed == false { await changes.wait(timeout: Self.probeInterval) }
            } catch {
                if let connection = probe { try? await connection.close() }
                probe = nil
                if Task.isCancelled { break }
                // One failure may be the probe's own (its backend ended): ask once more on a new connection.
                if downSince == nil, let connection = try? await connect() {
                    if (try? await ask(connection)) != nil {
                        connection.closeFuture.whenComplete { _ in self.changes.signal() }
                        probe = connection
                        continue
                    }
                    try? await connection.close()
                }
                if downSince == nil {
                    downSince = .now
                    logger.error("database unreachable, answering 503 until it is back: \(String(reflecting: error))")
                    replacePool()
                }
                try? await Task.sleep(for: Self.retryInterval)
            }
        }
        if let probe { try? await probe.close() }
    }

    /// Marks the database unreachable and swaps in a fresh pool; the old one is shut down, which
    /// fails its queued requests at once.
    private func replacePool() {
        let fresh = PostgresClient(configuration: config.clientConfiguration(maxConnections: maxConnections), backgroundLogger: logger)
        let old = state.withLockedValue { state -> Task<Void, Never>? in
            state.reachable = false
            let old = state.running.removeValue(forKey: ObjectIdentifier(state.current))
            state.current = fresh
            return old
        }
        start(fresh)
        old?.cancel()
    }

    private func connect() async throws -> PostgresConnection {
        var configuration = PostgresConnection.Configuration(
            host: config.host, port: config.port, username: config.username, password: config.password, database: config.database,
            tls: config.isLoopback ? .disable : .prefer(try NIOSSLContext(configuration: .makeClientConfiguration())))
        configuration.options.connectTimeout = .seconds(5)  // probeTimeout
        return try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
    }

    /// `SELECT 1`, closing the connection (which fails the query) if it takes longer than `probeTimeout`.
    private func ask(_ connection: PostgresConnection) async throws {
        let timer = Task {
            try await Task.sleep(for: Self.probeTimeout)
            try? await connection.close()
        }
        defer { timer.cancel() }
        try await connection.query("SELECT 1", logger: logger)
    }
}

/// The database cannot be reached: the request is answered 503 with `Retry-After`.
public struct DatabaseUnavailable: Error, CustomStringConvertible {
    /// Creates the error.
    public init() {}

    /// Says what happened.
    public var description: String { "The database is unreachable." }

    /// Whether `error` means the database is (or just became) unreachable rather than a bad query:
    /// a closed or refused connection, a server shutting down or starting, a pool shut down.
    public static func describes(_ error: any Error) -> Bool {
        if error is DatabaseUnavailable { return true }
        if let error = error as? PSQLError {
            switch error.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed, .queryCancelled:
                return true
            case .server:
                let state = error.serverInfo?[.sqlState] ?? ""
                return state.hasPrefix("57P") || state.hasPrefix("08")
            default:
                return false
            }
        }
        // The pool's own errors (e.g. its circuit breaker) come from a module Arena does not import.
        return String(describing: type(of: error)) == "ConnectionPoolError" || error is ChannelError
    }
}
