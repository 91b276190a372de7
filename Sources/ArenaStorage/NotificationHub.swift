import Foundation
import Logging
import NIOConcurrencyHelpers
import PostgresNIO
import ServiceLifecycle

/// Wakes waiters when a Postgres channel is notified (LISTEN on one pooled connection).
/// A notification is only a wake-up: waiters always re-read the tables, so a missed one costs at
/// most the waiter's timeout, never data. `signal()` wakes local waiters without a round trip.
public final class NotificationHub: Service, Sendable {
    private let client: PostgresClient
    private let channel: String
    private let logger: Logger
    private let waiters = NIOLockedValueBox<[UUID: CheckedContinuation<Void, Never>]>([:])

    /// Creates a hub for `channel`; run it as a service.
    public init(client: PostgresClient, channel: String, logger: Logger) {
        self.client = client
        self.channel = channel
        self.logger = logger
    }

    /// Listens until cancelled, reconnecting after errors.
    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.listen() }
        signal()
    }

    private func listen() async {
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    for try await _ in try await connection.listen(self.channel) { self.signal() }
                }
            } catch is CancellationError {
                return
            } catch {
                if Task.isCancelled { return }
                logger.warning("LISTEN \(channel) failed, retrying: \(error)")
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// Wakes every current waiter.
    public func signal() {
        let woken = waiters.withLockedValue { waiters -> [CheckedContinuation<Void, Never>] in
            defer { waiters.removeAll() }
            return Array(waiters.values)
        }
        for continuation in woken { continuation.resume() }
    }

    /// Returns at the next signal, or after `timeout`.
    public func wait(timeout: Duration) async {
        let id = UUID()
        await withCheckedContinuation { continuation in
            waiters.withLockedValue { $0[id] = continuation }
            // Registered first, so the timer can never fire before there is something to resume.
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                self?.resume(id)
            }
        }
    }

    private func resume(_ id: UUID) {
        waiters.withLockedValue { $0.removeValue(forKey: id) }?.resume()
    }
}

extension NotificationHub {
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
                    logger.error("\(label) failed: \(String(reflecting: error))")
                }
                await self.wait(timeout: timeout)
            }
        }
    }
}
