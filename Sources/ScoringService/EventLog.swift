import ArenaStorage
import Foundation
import Logging
import PostgresNIO

/// Where a consumer stands in the submission event log, whatever order writers commit in.
///
/// Event ids are taken at insert, not at commit, so "every id up to N" is never a safe cursor:
/// a transaction holding id k can commit after k+1 was read. Each event row carries the id of
/// the transaction that wrote it (`xid`, a column default, so writers outside Arena get it
/// too). A snapshot's `xmin` is the oldest transaction still running: every event written by a
/// transaction below it is committed (and visible) or rolled back for good. So the cursor is
/// that horizon, plus the ids of the events already applied at or above it (the few written by
/// transactions that were still in flight around the horizon). Writers pay nothing for it: no
/// lock, no serialization point; one 8-byte column and one index entry per event.
public struct LogCursor: Sendable, Equatable {
    /// Every event written by a transaction below this id has been applied.
    public var horizon: Int64 = 0
    /// The ids of the applied events written at or above `horizon`, ascending.
    public var applied: [Int64] = []
    /// How many events were applied in all (each exactly once).
    public var count: Int64 = 0

    /// Creates a cursor.
    public init(horizon: Int64 = 0, applied: [Int64] = [], count: Int64 = 0) {
        self.horizon = horizon
        self.applied = applied
        self.count = count
    }
}

/// One event of the log as scoring reads it.
struct LogEvent: Sendable {
    var id: Int64
    var xid: Int64
    var kind: String
    var submission: Int64
    var user: Int64?
    var username: String?
    var problem: String?
    var submittedAt: Double?
    var verdict: String?
    var score: Double?
    /// The judgement a `judged` event reports (nil from writers that do not say).
    var judgement: Int64?
}

/// Reads `submissions.events` for the scoring consumer (see `LogCursor`).
struct EventLog: Sendable {
    let db: DatabaseClient
    let logger: Logger

    static let columns = """
        SELECT id, xid::text::int8, kind, submission_id, user_id, username, problem_id, extract(epoch FROM submitted_at)::float8,
               verdict, score, judgement_id FROM submissions.events
        """

    /// The contests with events written at or above `horizon`, and the horizon to ask from next.
    func contests(from horizon: Int64) async throws -> (contests: Set<String>, next: Int64) {
        try await db.snapshot(logger: logger) { conn in
            let next = try await Self.xmin(conn, logger: logger)
            let rows = try await conn.query("""
                SELECT DISTINCT contest_id FROM submissions.events WHERE xid >= \(String(horizon))::xid8 AND contest_id IS NOT NULL
                """, logger: logger)
            var contests = Set<String>()
            for try await contest in rows.decode(String.self) { contests.insert(contest) }
            return (contests, max(horizon, next))
        }
    }

    /// The contest's events not yet applied under `cursor`, in (xid, id) order, and the snapshot's
    /// horizon: every event below it is among these or already applied.
    func unapplied(contestId: String, cursor: LogCursor) async throws -> (events: [LogEvent], horizon: Int64) {
        try await db.snapshot(logger: logger) { conn in
            let horizon = try await Self.xmin(conn, logger: logger)
            let events = try await Self.read(conn, """
                \(unescaped: Self.columns) WHERE contest_id = \(contestId) AND xid >= \(String(cursor.horizon))::xid8 AND NOT (id = ANY(\(cursor.applied)::int8[]))
                ORDER BY xid, id
                """, logger: logger)
            return (events, max(cursor.horizon, horizon))
        }
    }

    /// The contest's events that `cursor` says were applied, in (xid, id) order: a restarted
    /// consumer replays exactly these. (That set never changes: the transactions below the
    /// horizon are over.)
    func applied(contestId: String, cursor: LogCursor) async throws -> [LogEvent] {
        try await db.withConnection { conn in
            try await Self.read(conn, """
                \(unescaped: Self.columns) WHERE contest_id = \(contestId) AND (xid < \(String(cursor.horizon))::xid8 OR id = ANY(\(cursor.applied)::int8[]))
                ORDER BY xid, id
                """, logger: logger)
        }
    }

    static func xmin(_ conn: PostgresConnection, logger: Logger) async throws -> Int64 {
        let rows = try await conn.query("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::int8", logger: logger)
        return try await rows.decode(Int64.self).first() ?? 0
    }

    static func read(_ conn: PostgresConnection, _ query: PostgresQuery, logger: Logger) async throws -> [LogEvent] {
        var events: [LogEvent] = []
        let rows = try await conn.query(query, logger: logger)
        for try await r in rows.decode((Int64, Int64, String, Int64, Int64?, String?, String?, Double?, String?, Double?, Int64?).self) {
            events.append(LogEvent(id: r.0, xid: r.1, kind: r.2, submission: r.3, user: r.4, username: r.5, problem: r.6, submittedAt: r.7,
                                   verdict: r.8, score: r.9, judgement: r.10))
        }
        return events
    }
}
