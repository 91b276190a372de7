import ArenaCore
import ArenaStorage
import ArenaTestSupport
import ContestService
import Foundation
import PostgresNIO
import ScoringService
import Testing

/// The scoring consumer on a real database: the cursor and the rows commit together, the
/// freeze hides late results from the public but not from the jury or the contestant's own
/// row, an unfreeze recomputes, and a restarted consumer continues from its stored cursor.
@Suite(.serialized) struct StandingsServiceTests {
    /// A contest that started 50 minutes ago, one hour long, frozen for its last 30 minutes.
    static func setUp(_ app: TestApp) async throws -> ContestStore {
        let folder = try Fixtures.temporaryFolder()
        try Fixtures.write(Fixtures.package("plus"), in: folder)
        _ = try await ProblemImporter(db: app.db, logger: TestDatabase.logger).importPackages(at: [folder])
        let store = ContestStore(db: app.db, logger: TestDatabase.logger)
        try await store.save(ContestDefinition(
            id: "c", name: "C", start: Date().addingTimeInterval(-50 * 60), duration: 3600, freeze: 1800, scoring: "icpc", penaltyMinutes: 20,
            isPublic: true, openRegistration: true, problems: [.init(problemId: "plus", label: "A", points: nil, rgb: nil)]))
        return store
    }

    /// Appends a submission and its judgement to the event log, `minutes` after the start.
    static func solve(_ app: TestApp, submission: Int64, user: Int64, name: String, minutes: Double, verdict: String) async throws {
        try await app.db.query("""
            WITH t AS (SELECT (SELECT start_time FROM contests.contests WHERE id = 'c') + make_interval(secs => \(minutes * 60)) AS at)
            INSERT INTO submissions.events (kind, submission_id, contest_id, user_id, username, problem_id, submitted_at, verdict)
            SELECT 'submitted', \(submission), 'c', \(user), \(name), 'plus', at, NULL FROM t
            UNION ALL SELECT 'judged', \(submission), 'c', \(user), \(name), 'plus', at, \(verdict) FROM t
            """, logger: TestDatabase.logger)
        try await app.db.query("SELECT pg_notify('arena_events', '')", logger: TestDatabase.logger)
    }

    /// Polls the standings API until `done` holds for its rows.
    static func standings(_ s: TestSession, until done: ([String: [String: Any]]) -> Bool) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(20)
        var json: [String: Any] = [:]
        while Date() < deadline {
            json = try await s.send(.get, "/api/v1/contests/c/standings").json
            let rows = (json["rows"] as? [[String: Any]] ?? []).reduce(into: [String: [String: Any]]()) { $0[$1["user"] as? String ?? ""] = $1 }
            if done(rows) { return json }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("standings never reached the expected state: \(json)")
        return json
    }

    static func cell(_ row: [String: Any]?) -> [String: Any] { (row?["cells"] as? [[String: Any]])?.first ?? [:] }

    @Test func freezeHidesLateResultsUntilAnAdminUnfreezes() async throws {
        try await TestApp.run(live: true) { app in
            let store = try await Self.setUp(app)
            let early = try await session(app, role: "contestant", name: "early")
            let late = try await session(app, role: "contestant", name: "late")
            let jury = try await jurySession(app)
            let anonymous = TestSession(app.client)
            let earlyId = try #require(try await early.send(.get, "/api/v1/me").json["id"] as? Int)
            let lateId = try #require(try await late.send(.get, "/api/v1/me").json["id"] as? Int)
            try await Self.solve(app, submission: 1, user: Int64(earlyId), name: "early", minutes: 10, verdict: "AC")
            try await Self.solve(app, submission: 2, user: Int64(lateId), name: "late", minutes: 40, verdict: "AC")

            // Public: the late solve is hidden ("?1"), so "early" leads alone.
            let hidden = try await Self.standings(anonymous) { $0["late"] != nil && $0["early"]?["solved"] as? Int == 1 }
            #expect(hidden["frozen"] as? Bool == true)
            let publicRows = (hidden["rows"] as? [[String: Any]] ?? []).map { ($0["user"] as? String ?? "", $0["rank"] as? Int ?? 0) }
            #expect(publicRows.map(\.0) == ["early", "late"] && publicRows.map(\.1) == [1, 2])
            let lateCell = Self.cell((hidden["rows"] as? [[String: Any]])?.last)
            #expect(lateCell["solved"] as? Bool == false && lateCell["pending"] as? Int == 1)
            // The jury sees both solved; "late" sees its own row live; "early" sees the public view.
            _ = try await Self.standings(jury) { $0["late"]?["solved"] as? Int == 1 && $0["early"]?["solved"] as? Int == 1 }
            _ = try await Self.standings(late) { $0["late"]?["solved"] as? Int == 1 }
            let seenByEarly = try await early.send(.get, "/api/v1/contests/c/standings").json
            #expect(Self.cell((seenByEarly["rows"] as? [[String: Any]])?.last)["pending"] as? Int == 1)
            // The pages agree in any order (shared pages and rows are cached): only "late" sees its solve.
            func lateRow(_ session: TestSession) async throws -> String {
                let page = try await session.send(.get, "/contests/c/standings").text
                guard let start = page.range(of: "<tr data-user=\"\(lateId)\"") else { return "no row of late in \(page)" }
                return String(page[start.lowerBound...].prefix { $0 != "\n" })
            }
            for session in [anonymous, late, early, anonymous, late] {
                let row = try await lateRow(session)
                if session === late {
                    #expect(row.contains("class=\"me\"") && row.contains("<td class=\"cell solved\">+"), "\(row)")
                } else {
                    #expect(!row.contains("class=\"me\"") && row.contains("<td class=\"cell pending\">?1"), "\(row)")
                }
            }

            // The admin lifts the freeze: everyone sees both solves; the rows were rewritten.
            try await store.setUnfrozen("c", true)
            let open = try await Self.standings(anonymous) { $0["late"]?["solved"] as? Int == 1 }
            #expect(open["frozen"] as? Bool == false)
            let state = try await app.db.query("SELECT version, reset_version, frozen FROM scoring.contests WHERE contest_id = 'c'",
                                               logger: TestDatabase.logger).decode((Int64, Int64, Bool).self).first()
            #expect(state?.0 == state?.1 && state?.2 == false)
        }
    }

    /// Without a scoring role running, two consumers are driven by hand: the second one stands
    /// for a restarted process.
    @Test func aRestartedConsumerContinuesFromItsStoredCursor() async throws {
        try await TestApp.run(roles: [.auth, .contests]) { app in
            _ = try await Self.setUp(app)
            let directory = ContestCatalog(store: ContestStore(db: app.db, logger: TestDatabase.logger))
            let hub = NotificationChannel.local("unused")
            func consumer() -> StandingsConsumer { StandingsConsumer(db: app.db, directory: directory, events: hub, logger: TestDatabase.logger) }
            let reader = StandingsReader(db: app.db, logger: TestDatabase.logger)
            for user in 1...3 {
                try await Self.solve(app, submission: Int64(user), user: Int64(user), name: "u\(user)", minutes: Double(user), verdict: user == 3 ? "WA" : "AC")
            }
            try await consumer().catchUp()
            let first = try await reader.slice(contestId: "c", view: .jury)
            #expect(first.rows.map(\.username) == ["u1", "u2", "u3"] && first.state.version == 1)
            let applied = try await app.db.query("SELECT events_applied FROM scoring.contests WHERE contest_id = 'c'", logger: TestDatabase.logger)
                .decode(Int64.self).first()
            let events = try await app.db.query("SELECT count(*) FROM submissions.events", logger: TestDatabase.logger).decode(Int64.self).first()
            #expect(applied == events)

            // A consumer with empty memory (a restarted process) replays to the cursor and writes nothing ...
            let restarted = consumer()
            try await restarted.catchUp()
            #expect(try await reader.states(["c"])["c"]?.version == 1)
            // ... then continues from the cursor: user 3's AC changes only user 3's row.
            try await Self.solve(app, submission: 4, user: 3, name: "u3", minutes: 4, verdict: "AC")
            try await restarted.catchUp()
            let diff = try await reader.slice(contestId: "c", view: .jury, since: 1)
            #expect(!diff.isSnapshot && diff.state.version == 2)
            #expect(diff.rows.map(\.username) == ["u3"] && diff.rows.first?.row.solved == 1 && diff.rows.first?.row.penalty == 24)
            #expect(try await reader.states(["c"])["c"]?.resetVersion == 1)
        }
    }

    /// An admin's recompute rewrites every row from the log (here: over a row damaged by hand).
    @Test func recomputeOnDemandRewritesFromTheLog() async throws {
        try await TestApp.run(live: true) { app in
            _ = try await Self.setUp(app)
            let admin = try await adminSession(app)
            try await Self.solve(app, submission: 1, user: 1, name: "u1", minutes: 5, verdict: "AC")
            let before = try await Self.standings(admin) { $0["u1"]?["solved"] as? Int == 1 }
            try await app.db.query("UPDATE scoring.rows SET row = jsonb_set(row, '{solved}', '7')", logger: TestDatabase.logger)
            #expect(try await TestSession(app.client).send(.post, "/api/v1/contests/c/standings/recompute").status == .unauthorized)
            let recomputed = try await admin.send(.post, "/api/v1/contests/c/standings/recompute")
            #expect(recomputed.status == .ok)
            #expect(recomputed.json["version"] as? Int ?? 0 > before["version"] as? Int ?? 0)
            let after = try await admin.send(.get, "/api/v1/contests/c/standings").json
            #expect((after["rows"] as? [[String: Any]])?.first?["solved"] as? Int == 1)
        }
    }
}
