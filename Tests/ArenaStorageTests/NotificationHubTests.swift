import ArenaStorage
import ArenaTestSupport
import Foundation
import PostgresNIO
import ServiceLifecycle
import Testing

@Suite struct NotificationHubTests {
    /// One hub (one connection) wakes the waiters of each channel on its own `pg_notify`, and
    /// stops at graceful shutdown.
    @Test func oneConnectionWakesEachChannel() async throws {
        try await TestDatabase.withEmpty { database in
            try await database.withClient { db in
                let hub = NotificationHub(client: db, logger: TestDatabase.logger)
                let first = hub.channel("arena_test_a"), second = hub.channel("arena_test_b")
                #expect(hub.channel("arena_test_a") === first)
                let group = ServiceGroup(services: [hub], logger: TestDatabase.logger)
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { try await group.run() }
                    for channel in [first, second] {
                        // Notify until the hub is listening.
                        let woke = try await Self.wakes(channel, within: 20) {
                            try await db.query("SELECT pg_notify(\(channel.name), '')", logger: TestDatabase.logger)
                        }
                        #expect(woke, "\(channel.name)")
                    }
                    // Both channels share one connection.
                    let listeners = try await db.query(
                        "SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
                        logger: TestDatabase.logger)
                    for try await count in listeners.decode(Int.self) { #expect(count == 1) }
                    await group.triggerGracefulShutdown()
                    try await tasks.waitForAll()
                }
            }
        }
    }

    /// Sends `notify` every 100 ms until a waiter on `channel` wakes (true) or `seconds` pass.
    static func wakes(_ channel: NotificationChannel, within seconds: Double, notify: @escaping @Sendable () async throws -> Void) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let started = Date()
            async let waited: Void = channel.wait(timeout: .seconds(5))
            try await Task.sleep(for: .milliseconds(50))
            try await notify()
            await waited
            if Date().timeIntervalSince(started) < 4 { return true }
        }
        return false
    }

    @Test func waitEndsOnSignalTimeoutOrCancellation() async {
        let channel = NotificationChannel.local("local")
        await channel.wait(timeout: .zero)  // a timer that fires at once is not lost
        async let signalled: Void = channel.wait(timeout: .seconds(3600))
        try? await Task.sleep(for: .milliseconds(50))
        channel.signal()
        await signalled
        let waiter = Task { await channel.wait(timeout: .seconds(3600)) }
        waiter.cancel()
        await waiter.value
    }
}
