import ArenaCore
import Foundation

/// The outcome of one test case.
public struct TestResult: Sendable, Codable, Equatable {
    /// The case, relative to `data/` without extension (`secret/group1/03`).
    public var name: String
    /// Its verdict.
    public var verdict: Verdict
    /// CPU seconds (user + system) of the submission.
    public var cpuSeconds: Double
    /// Wall-clock seconds of the submission.
    public var wallSeconds: Double
    /// Peak memory of the submission, in bytes.
    public var memoryBytes: Int
    /// The case's score (scoring problems only).
    public var score: Double?
    /// Judge-side message: validator feedback, exit status, stderr excerpt (truncated).
    public var message: String?

    /// Creates a test result.
    public init(name: String, verdict: Verdict, cpuSeconds: Double = 0, wallSeconds: Double = 0, memoryBytes: Int = 0,
                score: Double? = nil, message: String? = nil) {
        self.name = name
        self.verdict = verdict
        self.cpuSeconds = cpuSeconds
        self.wallSeconds = wallSeconds
        self.memoryBytes = memoryBytes
        self.score = score
        self.message = message
    }
}

/// The outcome of judging one submission.
public struct JudgeResult: Sendable, Codable, Equatable {
    /// The overall verdict: the first failing test's (pass-fail), or the graded one (scoring).
    public var verdict: Verdict
    /// The score (scoring problems only).
    public var score: Double?
    /// The best possible score, when the problem defines one.
    public var maxScore: Double?
    /// Every test that ran, in judging order.
    public var tests: [TestResult]
    /// The time limit the verdicts used, in seconds.
    public var timeLimit: Double
    /// Compiler messages (truncated); the reason for CE.
    public var compileOutput: String
    /// Why the judge failed (JE) or other judge-side notes.
    public var message: String?

    /// Creates a result.
    public init(verdict: Verdict, score: Double? = nil, maxScore: Double? = nil, tests: [TestResult] = [],
                timeLimit: Double = 0, compileOutput: String = "", message: String? = nil) {
        self.verdict = verdict
        self.score = score
        self.maxScore = maxScore
        self.tests = tests
        self.timeLimit = timeLimit
        self.compileOutput = compileOutput
        self.message = message
    }

    /// The largest CPU time over the tests.
    public var maxCPUSeconds: Double { tests.map(\.cpuSeconds).max() ?? 0 }
    /// The largest wall time over the tests.
    public var maxWallSeconds: Double { tests.map(\.wallSeconds).max() ?? 0 }
    /// The largest peak memory over the tests, in bytes.
    public var maxMemoryBytes: Int { tests.map(\.memoryBytes).max() ?? 0 }
}

/// What the judge is doing, for live progress ("running test 7 of 20").
public enum JudgeProgress: Sendable, Equatable {
    /// Compiling the submission (and the validators).
    case compiling
    /// About to run the test at 0-based position `index` of `count` (show `index + 1`: "running test 7 of 20").
    case running(index: Int, count: Int, name: String)
}

/// How to judge, beyond what the problem says.
public struct JudgeOptions: Sendable {
    /// The time limit for verdicts in CPU seconds; nil means the problem's (`limits.time_limit` or
    /// `.timelimit`), else `fallbackTimeLimit`.
    public var timeLimit: Double?
    /// Used when neither the options nor the problem give a time limit (legacy packages, whose limit
    /// `verify` derives from the accepted submissions).
    public var fallbackTimeLimit: Double
    /// Programs are killed at `timeLimit × runLimitFactor` (≥ 1), verdicts still use `timeLimit`:
    /// `verify` runs with the safety margin so slow submissions are measured, not just cut.
    public var runLimitFactor: Double
    /// Stop at the first failing test. nil: yes for pass-fail problems, no for scoring ones.
    public var stopAtFirstFailure: Bool?
    /// How many test cases of the submission run at once (each holds a run slot); nil: one per run
    /// slot of the machine (one per core). 1 runs them one by one.
    public var parallelTests: Int?

    /// Creates options.
    public init(timeLimit: Double? = nil, fallbackTimeLimit: Double = 1, runLimitFactor: Double = 1, stopAtFirstFailure: Bool? = nil,
                parallelTests: Int? = nil) {
        self.parallelTests = parallelTests
        self.timeLimit = timeLimit
        self.fallbackTimeLimit = fallbackTimeLimit
        self.runLimitFactor = max(1, runLimitFactor)
        self.stopAtFirstFailure = stopAtFirstFailure
    }
}
