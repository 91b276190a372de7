import ArenaCore
import ArenaHTTP
import Foundation
import ScoringRules

/// The standings as the API, the page and the WebSocket show them (DESIGN.md §6): user names
/// instead of ids, problem labels beside ids.
public struct StandingsJSON: Encodable, Sendable {
    /// The standings version the rows are as of.
    public let version: Int64
    /// Whether the public view hides results now: from the freeze time on, until an admin lifts it.
    public let frozen: Bool
    /// When the public view freezes (or froze); absent for contests without a freeze or once lifted.
    public let freezesAt: Date?
    /// True for a whole view, false for the rows changed since the version asked for.
    public let snapshot: Bool
    /// The rows, best first.
    public let rows: [RowJSON]

    /// Builds the JSON of a slice, with labels from the contest's problems.
    public init(_ slice: StandingsReader.Slice, info: ContestScoringInfo, now: Date = Date()) {
        let labels = Dictionary(info.problems.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        version = slice.state.version
        freezesAt = Self.freezeStart(info)
        frozen = Self.isFrozen(info: info, now: now)
        snapshot = slice.isSnapshot
        rows = slice.rows.map { RowJSON($0, labels: labels) }
    }

    /// The slice's JSON text, as the API and the socket send it.
    public static func text(_ slice: StandingsReader.Slice, info: ContestScoringInfo, now: Date = Date()) throws -> String {
        String(decoding: try JSONBody.encoder.encode(StandingsJSON(slice, info: info, now: now)), as: UTF8.self)
    }

    /// When the public view of a contest with a freeze that is not lifted freezes.
    public static func freezeStart(_ info: ContestScoringInfo) -> Date? {
        guard let freeze = info.freeze, !info.unfrozen else { return nil }
        return info.start.addingTimeInterval(Double(info.duration - freeze))
    }

    /// Whether the public view is frozen at `now`: the contest has a freeze that is not lifted and
    /// its time has come. Before it, nothing is hidden yet.
    public static func isFrozen(info: ContestScoringInfo, now: Date = Date()) -> Bool {
        guard let start = freezeStart(info) else { return false }
        return now >= start
    }

    /// One contestant's row.
    public struct RowJSON: Encodable, Sendable {
        public let rank: Int, userId: Int64, user: String, solved: Int, penalty: Int, score: Double, cells: [CellJSON]

        init(_ named: StandingsReader.NamedRow, labels: [String: String]) {
            let row = named.row
            rank = row.rank; userId = row.user; user = named.username; solved = row.solved; penalty = row.penalty; score = row.score
            cells = row.cells.map {
                CellJSON(problem: $0.problem, label: labels[$0.problem] ?? $0.problem, solved: $0.solved, attempts: $0.attempts,
                         timeS: $0.timeSeconds.map { Int($0) }, score: $0.score, pending: $0.pending, first: $0.first)
            }
        }
    }

    /// One cell; `css`, `text` and `minutes` are what the page shows (the page's script
    /// computes the same from the JSON). Stored, because templates read stored properties only.
    public struct CellJSON: Encodable, Sendable {
        public let problem: String, label: String, solved: Bool, attempts: Int, timeS: Int?, score: Double, pending: Int, first: Bool
        /// `first`, `solved`, `pending`, `tried` or empty.
        public let css: String
        /// `+`, `+2` (rejected tries before), `?3` (hidden tries), `-4`, or empty.
        public let text: String
        /// Minutes of the solve, when solved.
        public let minutes: String

        init(problem: String, label: String, solved: Bool, attempts: Int, timeS: Int?, score: Double, pending: Int, first: Bool) {
            self.problem = problem; self.label = label; self.solved = solved; self.attempts = attempts; self.timeS = timeS
            self.score = score; self.pending = pending; self.first = first
            css = solved ? (first ? "first" : "solved") : (pending > 0 ? "pending" : (attempts > 0 ? "tried" : ""))
            text = solved ? "+\(attempts > 1 ? String(attempts - 1) : "")" : (pending > 0 ? "?\(pending)" : (attempts > 0 ? "-\(attempts)" : ""))
            minutes = solved ? timeS.map { String($0 / 60) } ?? "" : ""
        }

        enum CodingKeys: String, CodingKey { case problem, label, solved, attempts, timeS, score, pending, first }

        /// Encodes every field, `time_s` as null when there is none.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(problem, forKey: .problem); try c.encode(label, forKey: .label); try c.encode(solved, forKey: .solved)
            try c.encode(attempts, forKey: .attempts); try c.encode(timeS, forKey: .timeS); try c.encode(score, forKey: .score)
            try c.encode(pending, forKey: .pending); try c.encode(first, forKey: .first)
        }
    }
}

/// The view an identity gets: the jury sees everything live, a contestant their own row live.
public func standingsView(for identity: Identity?) -> StandingsView {
    identity.map { $0.isJury ? .jury : .user($0.userId) } ?? .public
}

/// The `since` query parameter of the standings API and socket.
public enum StandingsSince {
    /// Absent, or a version ≥ 0; anything else is a 400 that says so.
    public static func parse(_ text: String?) throws -> Int64? {
        guard let text else { return nil }
        guard let value = Int64(text), value >= 0 else { throw UserError.badRequest("`since` must be a standings version (a whole number ≥ 0).") }
        return value
    }
}
