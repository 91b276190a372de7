import ArenaCore

/// One entry of the submission event log, as scoring consumes it (in log order).
public struct ScoringEvent: Sendable, Hashable {
    /// What happened.
    public enum Kind: Sendable, Hashable {
        /// A contestant submitted: a pending try at `time` seconds since the contest start.
        case submitted(submissionId: Int64, user: Int64, problem: String, time: Double)
        /// The latest judgement of a submission; a later one for the same submission (a
        /// rejudge) replaces it. `score` and `groupScores` matter to IOI (and only there).
        case judged(submissionId: Int64, verdict: Verdict, score: Double?, groupScores: [String: Double]?)
    }

    /// The event's position in the log as the consumer applies it, increasing (events at or
    /// below the engine's `version` are ignored).
    public var eventId: Int64
    /// What happened.
    public var kind: Kind

    /// Creates an event.
    public init(eventId: Int64, kind: Kind) {
        self.eventId = eventId
        self.kind = kind
    }

    /// A `submitted` event.
    public static func submitted(
        _ eventId: Int64, submission: Int64, user: Int64, problem: String, time: Double
    ) -> ScoringEvent {
        ScoringEvent(eventId: eventId, kind: .submitted(submissionId: submission, user: user, problem: problem, time: time))
    }

    /// A `judged` event.
    public static func judged(
        _ eventId: Int64, submission: Int64, verdict: Verdict, score: Double? = nil,
        groupScores: [String: Double]? = nil
    ) -> ScoringEvent {
        ScoringEvent(eventId: eventId, kind: .judged(submissionId: submission, verdict: verdict, score: score, groupScores: groupScores))
    }
}
