import ArenaCore
import ArenaStorage
import Foundation
import Logging
import NIOConcurrencyHelpers
import PostgresNIO
import ScoringRules

/// Reads the standings the consumer stored: a whole view, or the rows changed since a version.
/// The leaderboard calls it in-process (DESIGN.md §1: services call the owner through a Swift
/// protocol); `GET /api/v1/contests/{id}/standings?since=V` is the same call over HTTP.
public struct StandingsReader: Sendable {
    let db: DatabaseClient
    let logger: Logger
    /// Whole lanes as last read, so a whole view costs one small "changed since" read.
    let lanes = LaneCache()
    /// The JSON of shared whole views, encoded once per version.
    let encoded = NIOLockedValueBox<[String: (version: Int64, resetVersion: Int64, text: String)]>([:])

    /// Creates a reader.
    public init(db: DatabaseClient, logger: Logger) {
        self.db = db
        self.logger = logger
    }

    /// A contest's standings version and whether it hides results.
    public struct State: Sendable, Equatable {
        /// The standings version (0: nothing scored yet).
        public var version: Int64
        /// The version of the last full rewrite; a client older than it needs a snapshot.
        public var resetVersion: Int64
        /// Whether the public view hides results (freeze on, not lifted).
        public var frozen: Bool

        /// The stored lane a view reads: the jury's live one, or the public one while frozen
        /// (a contestant's own live row comes from the `self` lane on top).
        public func lane(for view: StandingsView) -> String { view == .jury || !frozen ? "jury" : "public" }
    }

    /// One stored row with its contestant's name.
    public struct NamedRow: Sendable, Equatable {
        /// The contestant's login name.
        public var username: String
        /// The row.
        public var row: Standings.Row

        /// Standings order: rank, then user id.
        public static func precedes(_ a: NamedRow, _ b: NamedRow) -> Bool { (a.row.rank, a.row.user) < (b.row.rank, b.row.user) }
    }

    /// What a view looks like (`since == nil`) or what changed in it after `since`.
    public struct Slice: Sendable {
        /// The contest's state when read (rows may be newer; a later read sends them again).
        public var state: State
        /// Whether `rows` is the whole view (a snapshot) rather than changes.
        public var isSnapshot: Bool
        /// The rows, in standings order.
        public var rows: [NamedRow]
        /// Whether the rows hold a contestant's own live row that differs from the public one
        /// (while frozen): then nobody else sees these rows.
        public var isPersonal: Bool

        /// Creates a slice.
        public init(state: State, isSnapshot: Bool, rows: [NamedRow], isPersonal: Bool = false) {
            self.state = state
            self.isSnapshot = isSnapshot
            self.rows = rows
            self.isPersonal = isPersonal
        }
    }

    /// The states of these contests (contests nothing was scored for yet are absent).
    public func states(_ contestIds: [String]) async throws -> [String: State] {
        try await db.withConnection { try await states(contestIds, on: $0) }
    }

    private func states(_ contestIds: [String], on conn: PostgresConnection) async throws -> [String: State] {
        let rows = try await conn.query("""
            SELECT contest_id, version, reset_version, frozen FROM scoring.contests WHERE contest_id = ANY(\(contestIds)::text[])
            """, logger: logger)
        var states: [String: State] = [:]
        for try await (id, version, reset, frozen) in rows.decode((String, Int64, Int64, Bool).self) {
            states[id] = State(version: version, resetVersion: reset, frozen: frozen)
        }
        return states
    }

    /// The view's rows changed after `since` (all rows when `since` is nil or older than the
    /// last full rewrite). State and rows come from one snapshot.
    public func slice(contestId: String, view: StandingsView, since: Int64? = nil) async throws -> Slice {
        try await db.snapshot(logger: logger) { conn in
            let state = try await states([contestId], on: conn)[contestId] ?? State(version: 0, resetVersion: 0, frozen: false)
            let snapshot = since.map { $0 < state.resetVersion } ?? true
            let after = snapshot ? -1 : since ?? -1
            let lane = state.lane(for: view)
            var rows = snapshot ? try await wholeLane(contestId: contestId, lane: lane, state: state, on: conn)
                : try await read(contestId: contestId, lane: lane, after: after, user: nil, on: conn)
            var personal = false
            if state.frozen, case let .user(me) = view {
                // The contestant's own row stays live while the rest is frozen.
                if let own = try await read(contestId: contestId, lane: "self", after: after, user: me, on: conn).first,
                   !rows.contains(own) {
                    rows.removeAll { $0.row.user == me }
                    rows.append(own)
                    rows.sort(by: NamedRow.precedes)
                    personal = true
                }
            }
            return Slice(state: state, isSnapshot: snapshot, rows: rows, isPersonal: personal)
        }
    }

    /// The slice as JSON text (`StandingsJSON`). A whole view that every viewer of its lane
    /// shares (not a contestant's own differing row while frozen) is encoded once per version: encoding
    /// 10,000 rows takes most of a second, and a reconnect storm asks for the same snapshot.
    public func json(_ slice: Slice, view: StandingsView, contestId: String, info: ContestScoringInfo) throws -> String {
        let shared = sharedKey(slice, view: view, contestId: contestId, info: info) != nil
        // Whether the freeze has begun is part of the text, so it is part of the key.
        let key = "\(contestId)\u{0}\(slice.state.lane(for: view))\u{0}\(info.problems.map(\.label))\u{0}\(StandingsJSON.isFrozen(info: info))"
        if shared, let hit = encoded.withLockedValue({ $0[key] }), hit.version == slice.state.version, hit.resetVersion == slice.state.resetVersion {
            return hit.text
        }
        let text = try StandingsJSON.text(slice, info: info)
        if shared {
            encoded.withLockedValue { cache in
                if cache.count >= 64 { cache.removeAll() }
                cache[key] = (slice.state.version, slice.state.resetVersion, text)
            }
        }
        return text
    }

    /// A key naming the slice's JSON text when every viewer of its lane gets the same (a whole
    /// view, without a contestant's own row that differs from the public one), with its version; nil otherwise.
    public func sharedKey(_ slice: Slice, view: StandingsView, contestId: String, info: ContestScoringInfo) -> String? {
        guard slice.isSnapshot, !slice.isPersonal else { return nil }
        return "\(contestId)|\(slice.state.lane(for: view))|\(slice.state.version)|\(slice.state.resetVersion)|"
            + "\(StandingsJSON.isFrozen(info: info))|\(info.problems.map(\.label))"
    }

    /// A whole lane in standings order: from the cache brought up to `state` by reading only the
    /// rows changed since it was filled, or read whole after a full rewrite.
    private func wholeLane(contestId: String, lane: String, state: State, on conn: PostgresConnection) async throws -> [NamedRow] {
        let key = "\(contestId)\u{0}\(lane)"
        if let cached = lanes.entry(key), cached.resetVersion == state.resetVersion, cached.version <= state.version {
            if cached.version == state.version { return cached.sorted }
            var byUser = cached.byUser
            for row in try await read(contestId: contestId, lane: lane, after: cached.version, user: nil, on: conn) { byUser[row.row.user] = row }
            let sorted = byUser.values.sorted(by: NamedRow.precedes)
            lanes.store(key, LaneCache.Entry(version: state.version, resetVersion: state.resetVersion, byUser: byUser, sorted: sorted))
            return sorted
        }
        let sorted = try await read(contestId: contestId, lane: lane, after: -1, user: nil, on: conn)
        let byUser = Dictionary(sorted.map { ($0.row.user, $0) }, uniquingKeysWith: { _, last in last })
        lanes.store(key, LaneCache.Entry(version: state.version, resetVersion: state.resetVersion, byUser: byUser, sorted: sorted))
        return sorted
    }

    /// The contest's state and every lane's rows changed after `since`, from one snapshot, for
    /// the leaderboard's fan-out (nil when nothing was scored yet).
    public func changes(contestId: String, since: Int64) async throws -> (State, [(lane: String, row: NamedRow)])? {
        try await db.snapshot(logger: logger) { conn in
            guard let state = try await states([contestId], on: conn)[contestId] else { return nil }
            return (state, try await fetch("""
                SELECT lane, username, row::text FROM scoring.rows WHERE contest_id = \(contestId) AND version > \(since)
                ORDER BY lane, rank, user_id
                """, on: conn))
        }
    }

    private func read(contestId: String, lane: String, after: Int64, user: Int64?, on conn: PostgresConnection) async throws -> [NamedRow] {
        try await fetch("""
            SELECT lane, username, row::text FROM scoring.rows
            WHERE contest_id = \(contestId) AND lane = \(lane) AND version > \(after) AND (\(user)::bigint IS NULL OR user_id = \(user))
            ORDER BY rank, user_id
            """, on: conn).map(\.row)
    }

    private func fetch(_ query: PostgresQuery, on conn: PostgresConnection) async throws -> [(lane: String, row: NamedRow)] {
        let rows = try await conn.query(query, logger: logger)
        let decoder = JSONDecoder()
        var out: [(lane: String, row: NamedRow)] = []
        for try await (lane, username, body) in rows.decode((String, String, String).self) {
            out.append((lane, NamedRow(username: username, row: try decoder.decode(Standings.Row.self, from: Data(body.utf8)))))
        }
        return out
    }
}

/// The reader's memory of whole lanes (a few contests × two lanes; cleared when it grows past 64).
final class LaneCache: Sendable {
    struct Entry: Sendable {
        var version: Int64
        var resetVersion: Int64
        var byUser: [Int64: StandingsReader.NamedRow]
        var sorted: [StandingsReader.NamedRow]
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])

    func entry(_ key: String) -> Entry? { entries.withLockedValue { $0[key] } }

    func store(_ key: String, _ entry: Entry) {
        entries.withLockedValue { entries in
            if entries.count >= 64 { entries.removeAll() }
            // Keep the newer one when two requests raced.
            if let old = entries[key], old.resetVersion == entry.resetVersion, old.version > entry.version { return }
            entries[key] = entry
        }
    }
}
