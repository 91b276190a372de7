/// How a contest ranks its contestants (issue 5, part 2).
public enum ScoringRule: String, Codable, Sendable, CaseIterable {
    /// Solved desc, penalty asc, time of last AC asc.
    case icpc
    /// Sum of the per-subtask best scores, desc.
    case ioi
    /// Sum of decaying points of each problem's first AC, desc.
    case codeforces
}

/// One problem of a contest, as standings need it.
public struct ContestProblem: Codable, Sendable, Hashable {
    /// The problem's id, as events name it.
    public var id: String
    /// The full points of the problem (IOI: its full score; Codeforces: x). Unused by ICPC.
    public var maxPoints: Double

    /// Creates a problem.
    public init(id: String, maxPoints: Double = 0) {
        self.id = id
        self.maxPoints = maxPoints
    }
}

/// Everything the standings of one contest depend on besides its events.
public struct ScoringConfig: Codable, Sendable, Hashable {
    /// The ranking rule.
    public var rule: ScoringRule
    /// The problems in label order (the order of the cells in each row).
    public var problems: [ContestProblem]
    /// The contest length in minutes (Codeforces' d; submissions after the end do not count).
    public var durationMinutes: Int
    /// ICPC penalty minutes per rejected try before the first AC.
    public var penaltyMinutes: Int
    /// Seconds since the start from which the public view hides results; nil = no freeze.
    public var freezeSeconds: Double?
    /// Whether an admin has lifted the freeze (the public view then shows everything).
    public var unfrozen: Bool

    /// Creates a configuration.
    public init(
        rule: ScoringRule, problems: [ContestProblem], durationMinutes: Int,
        penaltyMinutes: Int = 20, freezeSeconds: Double? = nil, unfrozen: Bool = false
    ) {
        self.rule = rule
        self.problems = problems
        self.durationMinutes = durationMinutes
        self.penaltyMinutes = penaltyMinutes
        self.freezeSeconds = freezeSeconds
        self.unfrozen = unfrozen
    }

    /// Whether the public view currently hides results from the freeze time on.
    public var hidesFrozenResults: Bool { freezeSeconds != nil && !unfrozen }
}
