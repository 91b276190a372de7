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
    private let client: PostgresClient
    private let logger: Logger
    private let channels = NIOLockedValueBox<[String: NotificationChannel]>([:])

    /// Creates the hub; ask it for channels, then run it as a service.
    public init(client: PostgresClient, logger: Logger) {
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
                        connection.addListener(channel: channel.name) { _, _ in channel.signal() }
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
            try? await Task.sleep(for: .seconds(1))
        }
    }
}

/// One notification channel's waiters (see `NotificationHub`).
public final class NotificationChannel: Sendable {
    /// The Postgres channel name.
    public let name: String
    private let waiters = NIOLockedValueBox<[UUID: CheckedContinuation<Void, Never>]>([:])

    init(name: String) {
        self.name = name
    }

    /// A channel that no hub listens to: only `signal()` and timeouts wake its waiters.
    public static func local(_ name: String) -> NotificationChannel {
        NotificationChannel(name: name)
    }

    /// Wakes every current waiter (also what a notification does; no database round trip).
    public func signal() {
        let woken = waiters.withLockedValue { waiters -> [CheckedContinuation<Void, Never>] in
            defer { waiters.removeAll() }
            return Array(waiters.values)
        }
        for continuation in woken { continuation.resume() }
    }

    /// Returns at the next signal, after `timeout`, or when the task is cancelled.
    public func wait(timeout: Duration) async {
        let id = UUID()
        let timer = NIOLockedValueBox<Task<Void, Never>?>(nil)
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // Registered before the timer starts, so the timer cannot fire into nothing; a
                // cancellation that came before registering is caught by the check after it.
                waiters.withLockedValue { $0[id] = continuation }
                timer.withLockedValue { timer in
                    timer = Task {
                        try? await Task.sleep(for: timeout)
                        self.resume(id)
                    }
                }
                if Task.isCancelled { resume(id) }
            }
        } onCancel: {
            resume(id)
        }
        timer.withLockedValue { $0?.cancel() }
    }

    private func resume(_ id: UUID) {
        waiters.withLockedValue { $0.removeValue(forKey: id) }?.resume()
    }

    /// Runs `body` now and again after every signal (or `timeout`), until graceful shutdown: the
    /// loop of a consumer that re-reads its tables when woken. Errors are logged, not fatal.
    public func repeatOnSignal(timeout: Duration, logger: Logger, label: String, _ body: @escaping @Sendable () async throws -> Void) async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await body()
                } catch is CancellationError {
                    return
                } catch {
                    if Task.isCancelled { return }
                    logger.error("\(label) failed: \(String(reflecting: error))")
                }
                await self.wait(timeout: timeout)
            }
        }
    }
}
