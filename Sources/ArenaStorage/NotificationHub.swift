import Foundation
import Logging
import NIOConcurrencyHelpers
import PostgresNIO
import ServiceLifecycle

/// Postgres LISTEN for one process: ONE pooled connection listens on every channel the roles
/// asked for, and wakes that channel's waiters when it is notified.
///
/// A notification is only a wake-up: waiters always re-read the tables, so a missed one costs at
/// most the waiter's timeout, never data (after a reconnect every channel is signalled once).
/// Shutdown cannot hang on it: the hub waits with `AsyncStream`s and cancellation-aware
/// continuations only, and a pending connection lease that is cancelled simply ends the loop.
public final class NotificationHub: Service, Sendable {
    private let client: DatabaseClient
    private let logger: Logger
    private let channels = NIOLockedValueBox<[String: NotificationChannel]>([:])

    /// Creates the hub; ask it for channels, then run it as a service.
    public init(client: DatabaseClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// The channel `name` (one object per name). Ask before `run()` starts: later channels are
    /// listened to from the next reconnect only.
    public func channel(_ name: String) -> NotificationChannel {
        channels.withLockedValue { channels in
            if let existing = channels[name] { return existing }
            let channel = NotificationChannel(name: name)
            channels[name] = channel
            return channel
        }
    }

    /// Listens until graceful shutdown or cancellation, reconnecting after errors; then wakes
    /// every waiter so nobody sleeps out its timeout on a hub that is gone.
    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.listen() }
        for channel in channels.withLockedValue({ Array($0.values) }) { channel.signal() }
    }

    private func listen() async {
        while !Task.isCancelled {
            let channels = self.channels.withLockedValue { Array($0.values) }
            if channels.isEmpty {  // no role asked for a channel: hold no connection
                while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
                return
            }
            do {
                try await client.withConnection { connection in
                    let contexts = channels.map { channel in
                        connection.addListener(channel: channel.name) { _, notification in channel.signal(payload: notification.payload) }
                    }
                    defer { contexts.forEach { $0.stop() } }
                    // Whatever was notified while we were not listening: waiters re-read now.
                    channels.forEach { $0.signal() }
                    // Until cancelled (the stream ends for a cancelled task) or the connection closes.
                    let (ended, continuation) = AsyncStream.makeStream(of: Void.self)
                    connection.closeFuture.whenComplete { _ in continuation.finish() }
                    for await _ in ended {}
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning("LISTEN failed, retrying: \(error)")
            }
            if Task.isCancelled { return }
            if client.isReachable {
                try? await Task.sleep(for: .seconds(1))
            } else {
                await client.waitUntilReachable(timeout: .seconds(10))  // listen again as soon as it is back
            }
        }
    }
}

/// One notification channel's waiters (see `NotificationHub`). A waiter waits for any
/// notification, or only for those whose payload's first word is its key (a submission's
/// progress wakes that submission's waiters, not everyone's), and gets the payload.
public final class NotificationChannel: Sendable {
    /// The Postgres channel name.
    public let name: String
    private let waiters = NIOLockedValueBox(Waiters())

    struct Waiters {
        var any: [UUID: CheckedContinuation<String?, Never>] = [:]
        var keyed: [String: [UUID: CheckedContinuation<String?, Never>]] = [:]
        /// How many notifications the channel has had (see `generation`).
        var generation: UInt64 = 0

        mutating func remove(_ id: UUID, key: String?) -> CheckedContinuation<String?, Never>? {
            guard let key else { return any.removeValue(forKey: id) }
            let found = keyed[key]?.removeValue(forKey: id)
            if keyed[key]?.isEmpty == true { keyed[key] = nil }
            return found
        }
    }

    init(name: String) {
        self.name = name
    }

    /// A channel that no hub listens to: only `signal()` and timeouts wake its waiters.
    public static func local(_ name: String) -> NotificationChannel {
        NotificationChannel(name: name)
    }

    /// Wakes every current waiter, keyed or not (after a reconnect: anything may have changed).
    public func signal() {
        let woken = waiters.withLockedValue { waiters -> [CheckedContinuation<String?, Never>] in
            defer { waiters = Waiters(generation: waiters.generation &+ 1) }
            return Array(waiters.any.values) + waiters.keyed.values.flatMap(\.values)
        }
        for continuation in woken { continuation.resume(returning: nil) }
    }

    /// A notification with `payload`: wakes the waiters for any notification and those whose key
    /// is the payload's first word, handing them the payload (no database round trip).
    public func signal(payload: String) {
        let key = Self.key(of: payload)
        let woken = waiters.withLockedValue { waiters -> [CheckedContinuation<String?, Never>] in
            defer {
                waiters.any.removeAll()
                waiters.keyed[key] = nil
                waiters.generation &+= 1
            }
            return Array(waiters.any.values) + (waiters.keyed[key].map { Array($0.values) } ?? [])
        }
        for continuation in woken { continuation.resume(returning: payload) }
    }

    /// The first word of a payload (up to a space).
    public static func key(of payload: String) -> String {
        String(payload.prefix { $0 != " " })
    }

    /// How many waiters wait now (any and keyed), for tests and metrics.
    public var waiterCount: Int { waiters.withLockedValue { $0.any.count + $0.keyed.values.reduce(0) { $0 + $1.count } } }

    /// A count of the notifications so far: read it before reading what a notification would
    /// change, and pass it to `wait(key:timeout:since:)`, so one that comes in between is not missed.
    public var generation: UInt64 { waiters.withLockedValue(\.generation) }

    /// Returns at the next signal, after `timeout`, or when the task is cancelled.
    public func wait(timeout: Duration) async {
        _ = await wait(key: nil, timeout: timeout)
    }

    /// Returns the payload of the next notification keyed `key` (nil: any notification), or nil
    /// after `timeout`, at a `signal()` without payload, or when the task is cancelled; at once
    /// (nil) if the channel had any notification since `generation` was `since`.
    public func wait(key: String?, timeout: Duration, since: UInt64? = nil) async -> String? {
        let id = UUID()
        let timer = NIOLockedValueBox<Task<Void, Never>?>(nil)
        let payload = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // Registered before the timer starts, so the timer cannot fire into nothing; a
                // cancellation that came before registering is caught by the check after it.
                let missed = waiters.withLockedValue { waiters -> Bool in
                    if let since, waiters.generation != since { return true }
                    if let key { waiters.keyed[key, default: [:]][id] = continuation } else { waiters.any[id] = continuation }
                    return false
                }
                if missed { return continuation.resume(returning: nil) }
                timer.withLockedValue { timer in
                    timer = Task {
                        try? await Task.sleep(for: timeout)
                        self.resume(id, key: key)
                    }
                }
                if Task.isCancelled { resume(id, key: key) }
            }
        } onCancel: {
            resume(id, key: key)
        }
        timer.withLockedValue { $0?.cancel() }
        return payload
    }

    private func resume(_ id: UUID, key: String?) {
        waiters.withLockedValue { $0.remove(id, key: key) }?.resume(returning: nil)
    }

    /// Runs `body` now and again after every signal (or `timeout`), until graceful shutdown: the
    /// loop of a consumer that re-reads its tables when woken. Errors are logged, not fatal.
    public func repeatOnSignal(timeout: Duration, logger: Logger, label: String, _ body: @escaping @Sendable () async throws -> Void) async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                // A signal while `body` reads (after its read, before the wait) must not be slept
                // through until the timeout: it ends the wait at once and `body` runs again.
                let seen = self.generation
                do {
                    try await body()
                } catch is CancellationError {
                    return
                } catch is DatabaseUnavailable {
                    // Known outage: `DatabaseClient` logged it once; retry at the next signal or timeout.
                } catch {
                    if Task.isCancelled { return }
                    logger.error("\(label) failed: \(String(reflecting: error))")
                }
                _ = await self.wait(key: nil, timeout: timeout, since: seen)
            }
        }
    }
}
