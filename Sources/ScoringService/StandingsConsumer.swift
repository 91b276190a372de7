import ArenaCore
import ArenaStorage
import Foundation
import Logging
import PostgresNIO
import ScoringRules
import ServiceLifecycle

/// The scoring consumer: reads the submission event log past each contest's stored cursor,
/// applies it to an in-memory `StandingsEngine`, and writes the rows that changed together with
/// the new cursor and standings version in ONE transaction, then notifies `arena_standings`.
/// A crash between two commits loses nothing and applies nothing twice: the next run starts
/// from the stored cursor.
///
/// The cursor is a `LogCursor`, not an event id: ids are taken at insert and transactions
/// commit in any order, so each event is applied exactly once however late its transaction
/// commits (see `LogCursor`). Events are applied in the order they become visible; the standings
/// do not depend on that order (tries are ordered by time and submission id, and of two
/// judgements of one submission the later judgement wins, whichever commits first).
///
/// The engine keeps every try of every cell, which the tables do not; after a restart it is
/// rebuilt by replaying the events the stored cursor covers without writing (1M events ≈ 0.5 s),
/// then continues incrementally. When a contest's setup changed (an unfreeze, another problem
/// set, new times) the standings are recomputed from the whole log and rewritten.
/// Several consumers may run (one per scoring process): the cursor row is locked and checked,
/// and a consumer that finds it moved by another drops its engine and rebuilds.
public actor StandingsConsumer: Service {
    let db: DatabaseClient
    let directory: any ContestDirectory
    let events: NotificationChannel
    let logger: Logger
    let log: EventLog
    private var books: [String: Book] = [:]
    /// Contests with events written by transactions at or above this id may be new to this consumer.
    private var discovered: Int64 = 0

    /// Who the consumer is when it asks the contests service (it must see unpublished contests too).
    static let system = Identity(userId: 0, username: "scoring", displayName: "Scoring", roles: [.jury])

    struct Book {
        var info: ContestScoringInfo
        var engine: StandingsEngine
        var names: [Int64: String] = [:]
        /// Where this consumer stands (ahead of `stored` until persisted).
        var cursor = LogCursor()
        /// The cursor as last read from or written to `scoring.contests`.
        var stored = LogCursor()
        /// The transaction id of each event in `cursor.applied`.
        var xids: [Int64: Int64] = [:]
        /// Per submission, the latest judgement applied: an older one that commits later is skipped.
        var judgements: [Int64: Int64] = [:]
    }

    /// The cursor moved under this consumer (another consumer wrote): rebuild.
    struct CursorMoved: Error {}

    /// Creates the consumer; `events` is the `arena_events` channel of a running `NotificationHub`.
    public init(db: DatabaseClient, directory: any ContestDirectory, events: NotificationChannel, logger: Logger) {
        self.db = db
        self.directory = directory
        self.events = events
        self.logger = logger
        log = EventLog(db: db, logger: logger)
    }

    /// Catches up, then waits for the next event notification (or a second, to notice setup changes).
    public func run() async throws {
        await events.repeatOnSignal(timeout: .seconds(1), logger: logger, label: "scoring: catching up") { try await self.catchUp() }
    }

    /// Brings every contest with new events (and every contest already followed) up to date.
    public func catchUp() async throws {
        let (fresh, next) = try await log.contests(from: discovered)
        discovered = next
        for contest in Set(books.keys).union(fresh).sorted() {
            do {
                try await update(contest)
            } catch is CursorMoved {
                books[contest] = nil
            } catch let error as UserError {
                logger.info("scoring: contest \(contest) is gone (\(error.message)); dropping its standings")
                books[contest] = nil
            }
        }
    }

    /// Recomputes a contest's standings from the whole log and rewrites every row (an admin's
    /// "recompute"; the incremental path gives the same result, so this is a safety valve).
    public func recompute(_ contestId: String) async throws {
        books[contestId] = nil
        try await db.query("UPDATE scoring.contests SET setup = '' WHERE contest_id = \(contestId)", logger: logger)
        try await update(contestId)
    }

    private func update(_ contestId: String) async throws {
        let info = try await directory.scoringInfo(contestId: contestId, identity: Self.system)
        var book: Book
        var full = false
        if let known = books[contestId], known.info == info {
            book = known
        } else {
            // New to this consumer, or its setup changed: replay silently what the stored cursor
            // covers if the stored rows were made with the same setup, else recompute and rewrite.
            book = Book(info: info, engine: StandingsEngine(config: Self.config(info)))
            let stored = try await storedState(contestId)
            book.stored = stored?.cursor ?? LogCursor()
            if let stored, stored.setup == info.setupKey {
                let replayed = try await log.applied(contestId: contestId, cursor: stored.cursor)
                _ = absorb(&book, replayed, horizon: stored.cursor.horizon)
                // The log no longer holds what the cursor says was applied (events deleted by hand): start over.
                full = book.cursor.count != stored.cursor.count
            } else {
                full = true
            }
            if full {
                book = Book(info: info, engine: StandingsEngine(config: Self.config(info)), stored: book.stored)
            }
        }
        let before = book.cursor.count
        let (fresh, horizon) = try await log.unapplied(contestId: contestId, cursor: book.cursor)
        let changed = absorb(&book, fresh, horizon: horizon)
        if full || book.cursor.count != before {
            try await persist(book, contestId: contestId, changed: full ? nil : changed)
            book.stored = book.cursor
        }
        books[contestId] = book
    }

    /// Applies `events` (each exactly once: the caller read only what the cursor lacks), moves
    /// the cursor to `horizon`, and returns the users whose rows changed. The engine numbers the
    /// events in the order applied.
    private func absorb(_ book: inout Book, _ events: [LogEvent], horizon: Int64) -> Set<Int64> {
        let start = book.info.start.timeIntervalSince1970
        var batch: [ScoringEvent] = []
        for event in events {
            book.cursor.count += 1
            book.xids[event.id] = event.xid
            if let user = event.user, let name = event.username { book.names[user] = name }
            let position = book.cursor.count
            switch event.kind {
            case "submitted":
                guard let user = event.user, let problem = event.problem, let at = event.submittedAt else { continue }
                // Whole milliseconds: epoch seconds as float8 lose the last bits, and 240 s must not become 239.9999 (3 min).
                batch.append(.submitted(position, submission: event.submission, user: user, problem: problem,
                                        time: ((at - start) * 1000).rounded() / 1000))
            case "judged":
                guard let verdict = event.verdict.flatMap(Verdict.init(rawValue:)) else { continue }
                if let judgement = event.judgement {
                    if let latest = book.judgements[event.submission], latest > judgement { continue }
                    book.judgements[event.submission] = judgement
                }
                batch.append(.judged(position, submission: event.submission, verdict: verdict, score: event.score))
            default:
                continue
            }
        }
        book.cursor.horizon = max(book.cursor.horizon, horizon)
        book.xids = book.xids.filter { $0.value >= book.cursor.horizon }
        book.cursor.applied = book.xids.keys.sorted()
        return book.engine.apply(batch)
    }

    struct StoredState {
        var cursor: LogCursor
        var setup: String
    }

    private func storedState(_ contestId: String) async throws -> StoredState? {
        let rows = try await db.query("""
            SELECT horizon::text::int8, applied, events_applied, setup FROM scoring.contests WHERE contest_id = \(contestId)
            """, logger: logger)
        return try await rows.decode((Int64, [Int64], Int64, String).self).first().map {
            StoredState(cursor: LogCursor(horizon: $0.0, applied: $0.1, count: $0.2), setup: $0.3)
        }
    }

    /// Writes the changed rows (`changed == nil`: all rows, replacing the old ones), the cursor
    /// and the next version in one transaction, and notifies.
    private nonisolated func persist(_ book: Book, contestId: String, changed: Set<Int64>?) async throws {
        let rows = Self.lanes(of: book.engine, changed: changed)
        let names = book.names
        let engine = book.engine
        let setup = book.info.setupKey
        let cursor = book.cursor
        try await db.transaction(logger: logger) { conn in
            // Standings are derived from the log, and the cursor commits with them: a commit lost in
            // a crash rolls both back and is derived again, so this commit need not wait for the disk
            // (it would compete with submission intake for every fsync).
            try await conn.query("SET LOCAL synchronous_commit = off", logger: self.logger)
            try await conn.query("INSERT INTO scoring.contests (contest_id) VALUES (\(contestId)) ON CONFLICT DO NOTHING", logger: self.logger)
            let current = try await conn.query("""
                SELECT horizon::text::int8, applied, events_applied, version FROM scoring.contests WHERE contest_id = \(contestId) FOR UPDATE
                """, logger: self.logger).decode((Int64, [Int64], Int64, Int64).self).first()
            guard let (horizon, applied, count, previous) = current else { throw CursorMoved() }
            if changed != nil, LogCursor(horizon: horizon, applied: applied, count: count) != book.stored { throw CursorMoved() }
            // Events that changed no row move the cursor only: no new version, nothing to push.
            let version = changed == nil || !rows.isEmpty ? previous + 1 : previous
            if changed == nil {
                try await conn.query("DELETE FROM scoring.rows WHERE contest_id = \(contestId)", logger: self.logger)
            }
            if !rows.isEmpty {
                let encoder = JSONEncoder()
                let lanes = rows.map(\.lane), users = rows.map(\.row.user), ranks = rows.map(\.row.rank)
                let usernames = rows.map { names[$0.row.user] ?? "#\($0.row.user)" }
                let bodies = try rows.map { String(decoding: try encoder.encode($0.row), as: UTF8.self) }
                try await conn.query("""
                    INSERT INTO scoring.rows (contest_id, lane, user_id, username, rank, version, row)
                    SELECT \(contestId), l, u, n, r, \(version), b::jsonb
                    FROM unnest(\(lanes)::text[], \(users)::bigint[], \(usernames)::text[], \(ranks)::int[], \(bodies)::text[]) AS t(l, u, n, r, b)
                    ON CONFLICT (contest_id, lane, user_id)
                    DO UPDATE SET username = EXCLUDED.username, rank = EXCLUDED.rank, version = EXCLUDED.version, row = EXCLUDED.row
                    """, logger: self.logger)
            }
            try await conn.query("""
                UPDATE scoring.contests SET horizon = \(String(cursor.horizon))::xid8, applied = \(cursor.applied)::int8[],
                    events_applied = \(cursor.count), version = \(version), setup = \(setup),
                    frozen = \(engine.hidesResults), updated_at = now(),
                    reset_version = CASE WHEN \(changed == nil) THEN \(version) ELSE reset_version END
                WHERE contest_id = \(contestId)
                """, logger: self.logger)
            if version != previous { try await conn.query("SELECT pg_notify('arena_standings', \(contestId))", logger: self.logger) }
        }
    }

    /// The rows to write: for `changed` users (nil: everyone), the jury row, and while results
    /// are hidden also the public row and the contestant's own live row.
    static func lanes(of engine: StandingsEngine, changed: Set<Int64>?) -> [(lane: String, row: Standings.Row)] {
        var out: [(lane: String, row: Standings.Row)] = []
        let jury = changed.map { engine.rows(for: $0, view: .jury) } ?? engine.standings(view: .jury).rows
        out += jury.map { ("jury", $0) }
        guard engine.hidesResults else { return out }
        let visible = changed.map { engine.rows(for: $0, view: .public) } ?? engine.standings(view: .public).rows
        out += visible.map { ("public", $0) }
        for row in jury {
            if let own = engine.rows(for: [row.user], view: .user(row.user)).first { out.append(("self", own)) }
        }
        return out
    }

    static func config(_ info: ContestScoringInfo) -> ScoringConfig {
        ScoringConfig(rule: ScoringRule(rawValue: info.rule) ?? .icpc,
                      problems: info.problems.map { ContestProblem(id: $0.id, maxPoints: Double($0.points > 0 ? $0.points : 100)) },
                      durationMinutes: info.duration / 60, penaltyMinutes: info.penaltyMinutes,
                      freezeSeconds: info.freeze.map { Double(info.duration - $0) }, unfrozen: info.unfrozen)
    }
}
