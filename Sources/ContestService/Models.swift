import ArenaCore
import Foundation

/// A stored problem version (immutable).
public struct ProblemVersion: Sendable, Codable {
    /// Version id.
    public let id: Int64
    /// Problem id.
    public let problemId: String
    /// Package content hash.
    public let contentHash: String
    /// Git commit it came from, if any.
    public let gitCommit: String?
    /// Name (English, else the first).
    public let name: String
    /// Problem types (`pass-fail`, `scoring`, `interactive`, …).
    public let types: [String]
    /// Seconds.
    public let timeLimit: Double
    /// MiB.
    public let memoryMiB: Int
    /// KiB of source allowed.
    public let codeKiB: Int
    /// Rendered statements by language.
    let statements: [StatementJSON]
    /// Credits line.
    public let credits: String?
    /// Source line.
    public let source: String?
    /// Number of test cases.
    public let testCount: Int
    /// When imported.
    public let importedAt: Date

    /// The statement in `language`, else English, else the first.
    func statement(_ language: String?) -> StatementJSON? {
        statements.first { $0.language == language } ?? statements.first { $0.language == "en" } ?? statements.first
    }

    /// Languages the statement exists in.
    var languages: [String] { statements.map(\.language) }
    /// Whether the problem is interactive.
    public var isInteractive: Bool { types.contains("interactive") }
    /// Whether it is scored.
    public var isScoring: Bool { types.contains("scoring") }
}

/// A contest as stored.
public struct Contest: Sendable, Codable {
    /// Id.
    public let id: String
    /// Name.
    public let name: String
    /// Start.
    public let start: Date
    /// Length in seconds.
    public let duration: Int
    /// Freeze, seconds before the end.
    public let freeze: Int?
    /// Scoring rule.
    public let scoring: String
    /// Penalty minutes.
    public let penaltyMinutes: Int
    /// Listed publicly.
    public let isPublic: Bool
    /// Open registration.
    public let openRegistration: Bool
    /// Visible at all (admins draft unpublished contests).
    public let published: Bool
    /// Whether an admin lifted the freeze (the public standings show everything).
    public let unfrozen: Bool
    /// How its submissions are judged beyond the packages (from `languages.yaml` and `memory_limit`).
    public let judging: JudgeSettings

    /// End time.
    public var end: Date { start.addingTimeInterval(Double(duration)) }
    /// Freeze time, if any.
    public var freezeTime: Date? { freeze.map { end.addingTimeInterval(-Double($0)) } }

    /// `upcoming`, `running` or `finished` at `now`.
    public func phase(at now: Date = Date()) -> String {
        now < start ? "upcoming" : (now < end ? "running" : "finished")
    }
}

/// A problem inside a contest.
public struct ContestProblem: Sendable, Codable {
    /// Label (A, B, …).
    public let label: String
    /// Problem id.
    public let problemId: String
    /// Live version id.
    public let versionId: Int64
    /// Name of the live version.
    public let name: String
    /// Seconds.
    public let timeLimit: Double
    /// MiB.
    public let memoryMiB: Int
    /// Points, if set.
    public let points: Int?
    /// Colour.
    public let rgb: String?
}
