/// Whose eyes standings are computed for.
public enum StandingsView: Sendable, Hashable {
    /// Everyone: results of tries made at/after the freeze are hidden until unfrozen.
    case `public`
    /// The jury: everything, live.
    case jury
    /// One contestant: the public view, except that their own row is live.
    case user(Int64)
}

/// A standings snapshot, shaped like `GET /contests/{id}/standings` (DESIGN.md §6).
/// The coding keys are already snake case, so plain `JSONEncoder` and `.convertToSnakeCase`
/// give the same JSON.
public struct Standings: Codable, Sendable, Equatable {
    /// The id of the last event applied.
    public var version: Int64
    /// Whether this view hides results from the freeze time on (freeze configured, not lifted,
    /// not the jury view). Pages may also want to check the contest clock against the freeze.
    public var frozen: Bool
    /// The rows, best first; tied rows share a rank and are ordered by user id.
    public var rows: [Row]

    /// Creates a snapshot.
    public init(version: Int64, frozen: Bool, rows: [Row]) {
        self.version = version
        self.frozen = frozen
        self.rows = rows
    }

    /// One contestant's row.
    public struct Row: Codable, Sendable, Equatable {
        /// 1 + the number of contestants strictly ahead.
        public var rank: Int
        /// The contestant's user id.
        public var user: Int64
        /// Problems solved (IOI: problems with a full score).
        public var solved: Int
        /// ICPC penalty minutes; 0 under IOI and Codeforces.
        public var penalty: Int
        /// The ranking score: ICPC = solved, IOI = sum of best scores, Codeforces = sum of points.
        public var score: Double
        /// One cell per contest problem, in label order.
        public var cells: [Cell]

        /// Creates a row.
        public init(rank: Int, user: Int64, solved: Int, penalty: Int, score: Double, cells: [Cell]) {
            self.rank = rank
            self.user = user
            self.solved = solved
            self.penalty = penalty
            self.score = score
            self.cells = cells
        }
    }

    /// One contestant's result on one problem.
    public struct Cell: Codable, Sendable, Equatable {
        /// The problem id.
        public var problem: String
        /// Solved (ICPC/Codeforces: accepted; IOI: full score reached).
        public var solved: Bool
        /// Tries counted: rejected tries before the first AC, plus the AC itself (IOI: every
        /// judged try). CE, JE, pending and hidden tries are never counted.
        public var attempts: Int
        /// Seconds since start of the first AC (IOI: of the try that reached the current
        /// best score); nil when there is none.
        public var timeSeconds: Double?
        /// ICPC: 1 or 0; IOI: best score; Codeforces: points of the first AC.
        public var score: Double
        /// Tries whose result is not shown: not yet judged, or hidden by the freeze ("?" N).
        public var pending: Int
        /// First to solve this problem (earliest time; ties are all first).
        public var first: Bool

        enum CodingKeys: String, CodingKey {
            case problem, solved, attempts, timeSeconds = "time_s", score, pending, first
        }

        /// Creates a cell.
        public init(
            problem: String, solved: Bool, attempts: Int, timeSeconds: Double?, score: Double,
            pending: Int, first: Bool
        ) {
            self.problem = problem
            self.solved = solved
            self.attempts = attempts
            self.timeSeconds = timeSeconds
            self.score = score
            self.pending = pending
            self.first = first
        }

        /// Encodes every field, `time_s` as null when there is no time (the API always has it).
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(problem, forKey: .problem)
            try c.encode(solved, forKey: .solved)
            try c.encode(attempts, forKey: .attempts)
            try c.encode(timeSeconds, forKey: .timeSeconds)
            try c.encode(score, forKey: .score)
            try c.encode(pending, forKey: .pending)
            try c.encode(first, forKey: .first)
        }
    }
}
