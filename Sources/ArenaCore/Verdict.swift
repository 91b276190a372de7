/// A judgement type, as the CCS Contest API names them (DESIGN.md §3).
public enum Verdict: String, Codable, Sendable, CaseIterable {
    /// Accepted.
    case accepted = "AC"
    /// Wrong answer.
    case wrongAnswer = "WA"
    /// Time limit exceeded.
    case timeLimitExceeded = "TLE"
    /// Memory limit exceeded.
    case memoryLimitExceeded = "MLE"
    /// Run-time error.
    case runTimeError = "RTE"
    /// Output limit exceeded.
    case outputLimitExceeded = "OLE"
    /// Compile error.
    case compileError = "CE"
    /// Judging error: the judge, not the submission, failed.
    case judgingError = "JE"

    /// Whether this verdict counts as a rejected try for penalty purposes (CE and JE do not).
    public var isPenalised: Bool {
        switch self {
        case .accepted, .compileError, .judgingError: false
        default: true
        }
    }

    /// A human name for pages.
    public var title: String {
        switch self {
        case .accepted: "Accepted"
        case .wrongAnswer: "Wrong answer"
        case .timeLimitExceeded: "Time limit exceeded"
        case .memoryLimitExceeded: "Memory limit exceeded"
        case .runTimeError: "Run-time error"
        case .outputLimitExceeded: "Output limit exceeded"
        case .compileError: "Compile error"
        case .judgingError: "Judging error"
        }
    }
}
