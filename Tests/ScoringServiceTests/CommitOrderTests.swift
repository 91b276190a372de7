import ArenaCore
import ArenaStorage
import ArenaTestSupport
import ContestService
import Foundation
import Logging
import PostgresNIO
import ScoringService
import Testing

/// Event ids are taken at insert, transactions commit in any order: the consumer must apply an
/// event whose transaction commits after a later id was read, exactly once, also after a restart.
@Suite(.serialized) struct CommitOrderTests {
    static let logger = TestDatabase.logger

    /// A submission's `submitted` and `judged` events, `minutes` after the contest start (plain SQL,
    /// as any writer outside Arena would insert them).
    static func solveQuery(submission: Int64, user: Int64, name: String, minutes: Double, verdict: String) -> PostgresQuery {
        """
        WITH t AS (SELECT (SELECT start_time FROM contests.contests WHERE id = 'c') + make_interval(secs => \(minutes * 60)) AS at)
        INSERT INTO submissions.events (kind, submission_id, contest_id, user_id, username, problem_id, submitted_at, verdict)
        SELECT 'submitted', \(submission), 'c', \(user), \(name), 'plus', at, NULL FROM t
        UNION ALL SELECT 'judged', \(submission), 'c', \(user), \(name), 'plus', at, \(verdict) FROM t
        RETURNING id
        """
    }

    static func consumer(_ app: TestApp) -> StandingsConsumer {
        StandingsConsumer(db: app.db, directory: ContestCatalog(store: ContestStore(db: app.db, logger: logger)),
                          events: .local("unused"), logger: logger)
    }

    static func solvedByUser(_ reader: StandingsReader) async throws -> [String: Int] {
        let slice = try await reader.slice(contestId: "c", view: .jury)
        return Dictionary(slice.rows.map { ($0.username, $0.row.solved) }, uniquingKeysWith: { a, _ in a })
    }

    /// Two real sessions: the one holding the lower ids commits second, after the consumer has
    /// read the higher ones. Its events are applied (once), and a restarted consumer agrees.
    @Test func anEventWhoseTransactionCommitsLateIsAppliedOnce() async throws {
        try await TestApp.run(roles: [.auth, .contests]) { app in
            _ = try await StandingsServiceTests.setUp(app)
            let consumer = Self.consumer(app)
            let reader = StandingsReader(db: app.db, logger: Self.logger)
            try await app.db.withConnection { early in
                try await app.db.withConnection { late in
                    try await early.query("BEGIN", logger: Self.logger)
                    let earlyIds = try await early.query(Self.solveQuery(submission: 1, user: 1, name: "u1", minutes: 5, verdict: "AC"),
                                                         logger: Self.logger).decode(Int64.self).collect()
                    try await late.query("BEGIN", logger: Self.logger)
                    let lateIds = try await late.query(Self.solveQuery(submission: 2, user: 2, name: "u2", minutes: 6, verdict: "AC"),
                                                       logger: Self.logger).decode(Int64.self).collect()
                    try await late.query("COMMIT", logger: Self.logger)
                    #expect(earlyIds.max()! < lateIds.min()!)
                    try await consumer.catchUp()
                    #expect(try await Self.solvedByUser(reader) == ["u2": 1])
                    try await early.query("COMMIT", logger: Self.logger)
                }
            }
            try await consumer.catchUp()
            #expect(try await Self.solvedByUser(reader) == ["u1": 1, "u2": 1])
            let ranks = try await reader.slice(contestId: "c", view: .jury).rows.map { "\($0.username):\($0.row.rank):\($0.row.penalty)" }
            #expect(ranks == ["u1:1:5", "u2:2:6"])
            let applied = try await app.db.query("SELECT events_applied FROM scoring.contests WHERE contest_id = 'c'", logger: Self.logger)
                .decode(Int64.self).first()
            #expect(applied == 4)

            // A restarted consumer replays what the cursor covers, writes nothing, and continues.
            let version = try await reader.states(["c"])["c"]?.version
            let restarted = Self.consumer(app)
            try await restarted.catchUp()
            #expect(try await reader.states(["c"])["c"]?.version == version)
            try await app.db.query(Self.solveQuery(submission: 3, user: 3, name: "u3", minutes: 7, verdict: "AC"), logger: Self.logger)
            try await restarted.catchUp()
            #expect(try await Self.solvedByUser(reader) == ["u1": 1, "u2": 1, "u3": 1])
            let after = try await app.db.query("SELECT events_applied FROM scoring.contests WHERE contest_id = 'c'", logger: Self.logger)
                .decode(Int64.self).first()
            #expect(after == 6)
        }
    }

    /// Concurrent submissions and judge results, each transaction sleeping a random while between
    /// its insert and its commit, with the live scoring role consuming: the final standings match
    /// the verdicts, and equal a recompute from the whole log.
    @Test func concurrentJudgeResultsAndSubmissionsAllCount() async throws {
        try await TestApp.run(live: true) { app in
            _ = try await StandingsServiceTests.setUp(app)
            let users = 23, perWorker = 25, workers = 8
            // Verdicts chosen up front: submission n of user n mod 23, AC for one in three.
            var planned: [(submission: Int64, user: Int64, minutes: Double, verdict: String)] = []
            for n in 0..<(workers * perWorker) {
                let verdict = ["AC", "WA", "TLE"][n % 3]
                planned.append((Int64(n + 1), Int64(n % users + 1), Double(1 + (n * 7) % 48) + 0.25, verdict))
            }
            let plan = planned
            try await app.config.database.withClient(logger: Self.logger, maxConnections: workers) { writers in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for worker in 0..<workers {
                        group.addTask {
                            for item in plan[(worker * perWorker)..<((worker + 1) * perWorker)] {
                                let name = "u\(item.user)"
                                for kind in ["submitted", "judged"] {
                                    try await writers.transaction(logger: Self.logger) { conn in
                                        try await conn.query("""
                                            WITH t AS (SELECT (SELECT start_time FROM contests.contests WHERE id = 'c') + make_interval(secs => \(item.minutes * 60)) AS at)
                                            INSERT INTO submissions.events (kind, submission_id, contest_id, user_id, username, problem_id, submitted_at, verdict)
                                            SELECT \(kind), \(item.submission), 'c', \(item.user), \(name), 'plus', at, \(kind == "judged" ? item.verdict : nil) FROM t
                                            """, logger: Self.logger)
                                        try await conn.query("SELECT pg_sleep(\(Double.random(in: 0...0.02)))", logger: Self.logger)
                                    }
                                    try await writers.query("SELECT pg_notify('arena_events', '')", logger: Self.logger)
                                }
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            var expected: [String: Int] = [:]
            for item in plan { expected["u\(item.user)", default: 0] = max(expected["u\(item.user)"] ?? 0, item.verdict == "AC" ? 1 : 0) }
            let reader = StandingsReader(db: app.db, logger: Self.logger)
            // Until the consumer has caught up: the verdicts' standings, and every event applied once.
            let deadline = Date().addingTimeInterval(20)
            var seen: [String: Int] = [:]
            var counts: (Int64?, Int64)?
            while Date() < deadline {
                seen = try await Self.solvedByUser(reader)
                counts = try await app.db.query("""
                    SELECT (SELECT events_applied FROM scoring.contests WHERE contest_id = 'c'), (SELECT count(*) FROM submissions.events)
                    """, logger: Self.logger).decode((Int64?, Int64).self).first()
                if seen == expected, counts?.0 == counts?.1 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(seen == expected)
            #expect(counts?.0 == counts?.1)
            let live = try await reader.slice(contestId: "c", view: .jury).rows
            #expect(live.allSatisfy { $0.row.cells.first?.pending == 0 })
            try await Self.consumer(app).recompute("c")
            #expect(try await reader.slice(contestId: "c", view: .jury).rows == live)
        }
    }
}
