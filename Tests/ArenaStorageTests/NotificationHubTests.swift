import ArenaStorage
import ArenaTestSupport
import Foundation
import Logging
import NIOConcurrencyHelpers
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

    /// A wait ends on a signal (with its payload), on its timeout or on cancellation (with nil),
    /// and leaves no waiter behind; a payload wakes only its key's waiters and the unkeyed ones.
    @Test func waitEndsOnSignalTimeoutOrCancellation() async throws {
        let channel = NotificationChannel.local("local")
        #expect(await channel.wait(key: nil, timeout: .zero) == nil)  // a timer that fires at once is not lost
        #expect(channel.waiterCount == 0)
        async let mine = channel.wait(key: "7", timeout: .seconds(60))
        async let any = channel.wait(key: nil, timeout: .seconds(60))
        async let other = channel.wait(key: "8", timeout: .seconds(60))
        while channel.waiterCount < 3 { try await Task.sleep(for: .milliseconds(5)) }
        channel.signal(payload: "7 running 3 10")
        #expect(await mine == "7 running 3 10")
        #expect(await any == "7 running 3 10")
        #expect(channel.waiterCount == 1)  // the waiter of "8" sleeps on
        let signalled = Date()
        channel.signal()  // no payload (a reconnect): everyone wakes, with nil
        #expect(await other == nil)
        #expect(Date().timeIntervalSince(signalled) < 30, "woken by the signal, not its 60 s timeout")
        #expect(channel.waiterCount == 0)
        let waiter = Task { await channel.wait(key: "9", timeout: .seconds(3600)) }
        while channel.waiterCount < 1 { try await Task.sleep(for: .milliseconds(5)) }
        waiter.cancel()
        #expect(await waiter.value == nil)
        #expect(channel.waiterCount == 0)
    }

    /// A notification that comes after a reader took `generation` but before it waits is not
    /// slept through (the status long-poll read the database, then a judge's progress committed,
    /// then it waited: it slept until its 20 s timeout).
    @Test func aNotificationBetweenReadAndWaitEndsTheWaitAtOnce() async throws {
        let channel = NotificationChannel.local("local")
        let before = channel.generation
        channel.signal(payload: "7 running 2 10")  // commits while the reader reads
        let asked = ContinuousClock.now
        #expect(await channel.wait(key: "7", timeout: .seconds(60), since: before) == nil)
        #expect(ContinuousClock.now - asked < .seconds(30), "the wait slept through a notification it had missed")
        #expect(channel.waiterCount == 0)
        // Without one in between it waits as before.
        let now = channel.generation
        async let waiting = channel.wait(key: "7", timeout: .seconds(60), since: now)
        while channel.waiterCount < 1 { try await Task.sleep(for: .milliseconds(5)) }
        channel.signal(payload: "7 running 3 10")
        #expect(await waiting == "7 running 3 10")
    }

    /// A loop woken by notifications runs again at once for one that came while it ran (the
    /// scoring consumer and the standings feed slept through such a one until their 1 s timeout:
    /// the fan-out's p99 of about 1.2 s).
    @Test func aSignalWhileTheBodyRunsIsNotSleptThrough() async throws {
        let channel = NotificationChannel.local("local")
        let runs = NIOLockedValueBox<[ContinuousClock.Instant]>([])
        let loop = Task {
            await channel.repeatOnSignal(timeout: .seconds(60), logger: Logger(label: "test"), label: "test") {
                let count = runs.withLockedValue { $0.append(.now); return $0.count }
                if count == 1 { channel.signal(payload: "1 judged") }  // commits while the first run reads
            }
        }
        defer { loop.cancel() }
        let start = ContinuousClock.now
        while runs.withLockedValue({ $0.count }) < 2, ContinuousClock.now - start < .seconds(30) {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(runs.withLockedValue { $0.count } >= 2, "the signal during the first run was slept through")
    }
}
