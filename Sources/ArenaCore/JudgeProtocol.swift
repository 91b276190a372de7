import Foundation

/// A job a judge worker claimed: everything it needs to judge one submission.
public struct JudgeJob: Sendable, Codable, Equatable {
    /// The job id.
    public let jobId: Int64
    /// Which attempt this is (1, 2, 3): results are idempotent per (job, attempt).
    public let attempt: Int
    /// The submission.
    public let submissionId: Int64
    /// Problem id and the version to judge against.
    public let problemId: String
    /// Problem version id.
    public let problemVersion: Int64
    /// Content hash of the version's package (fetch and cache by it).
    public let packageHash: String
    /// Language id.
    public let language: String
    /// Source text.
    public let source: String
    /// Seconds until the lease ends unless heartbeated.
    public let leaseSeconds: Int
    /// The contest's judging settings (language mapping, default memory); empty outside contests.
    public let settings: JudgeSettings

    /// Creates a job.
    public init(jobId: Int64, attempt: Int, submissionId: Int64, problemId: String, problemVersion: Int64, packageHash: String,
                language: String, source: String, leaseSeconds: Int, settings: JudgeSettings = JudgeSettings()) {
        self.jobId = jobId; self.attempt = attempt; self.submissionId = submissionId; self.problemId = problemId
        self.problemVersion = problemVersion; self.packageHash = packageHash; self.language = language; self.source = source
        self.leaseSeconds = leaseSeconds; self.settings = settings
    }

    enum CodingKeys: String, CodingKey {
        case jobId, attempt, submissionId, problemId, problemVersion, packageHash, language, source, leaseSeconds, settings
    }

    /// Decodes a job; `settings` may be absent (a server from before contests had them).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(jobId: try c.decode(Int64.self, forKey: .jobId), attempt: try c.decode(Int.self, forKey: .attempt),
                  submissionId: try c.decode(Int64.self, forKey: .submissionId), problemId: try c.decode(String.self, forKey: .problemId),
                  problemVersion: try c.decode(Int64.self, forKey: .problemVersion),
                  packageHash: try c.decode(String.self, forKey: .packageHash), language: try c.decode(String.self, forKey: .language),
                  source: try c.decode(String.self, forKey: .source), leaseSeconds: try c.decode(Int.self, forKey: .leaseSeconds),
                  settings: try c.decodeIfPresent(JudgeSettings.self, forKey: .settings) ?? JudgeSettings())
    }
}

/// One test's outcome.
public struct TestRunResult: Sendable, Codable, Equatable {
    /// Test name (`secret/group1/03`).
    public let name: String
    /// Verdict of this test.
    public let verdict: Verdict
    /// CPU milliseconds.
    public let timeMs: Int
    /// Peak memory in KiB.
    public let memoryKb: Int
    /// Score, for scoring problems.
    public let score: Double?
    /// Whether it is a sample (shown to the contestant).
    public let isSample: Bool
    /// The validator's judge message (jury only), truncated.
    public let message: String?

    /// Creates a result.
    public init(name: String, verdict: Verdict, timeMs: Int, memoryKb: Int, score: Double? = nil, isSample: Bool, message: String? = nil) {
        self.name = name; self.verdict = verdict; self.timeMs = timeMs; self.memoryKb = memoryKb; self.score = score
        self.isSample = isSample; self.message = message
    }
}

/// The final result of judging a submission.
public struct JudgeResult: Sendable, Codable, Equatable {
    /// Overall verdict.
    public let verdict: Verdict
    /// Score for scoring problems.
    public let score: Double?
    /// Largest CPU time over tests, ms.
    public let timeMs: Int
    /// Largest memory over tests, KiB.
    public let memoryKb: Int
    /// Compiler output (truncated).
    public let compileOutput: String
    /// Per-test results in judging order.
    public let tests: [TestRunResult]
    /// Why, for JE.
    public let error: String?

    /// Creates a result.
    public init(verdict: Verdict, score: Double?, timeMs: Int, memoryKb: Int, compileOutput: String, tests: [TestRunResult], error: String? = nil) {
        self.verdict = verdict; self.score = score; self.timeMs = timeMs; self.memoryKb = memoryKb; self.compileOutput = compileOutput
        self.tests = tests; self.error = error
    }
}

/// Progress a worker reports while judging.
public struct JudgeProgress: Sendable, Codable, Equatable {
    /// `compiling` or `running`.
    public let phase: String
    /// 1-based test being run.
    public let test: Int?
    /// Number of tests.
    public let of: Int?

    /// Creates progress.
    public init(phase: String, test: Int? = nil, of: Int? = nil) {
        self.phase = phase; self.test = test; self.of = of
    }
}

/// What a submission is judged against, as the contests service answers the submissions service.
public struct SubmitTarget: Sendable, Equatable {
    /// Problem id.
    public let problemId: String
    /// The live version.
    public let problemVersion: Int64
    /// Its package hash.
    public let packageHash: String
    /// Source size limit, KiB.
    public let codeKiB: Int
    /// Contest id, if submitted in a contest.
    public let contestId: String?
    /// The contest's judging settings (empty outside contests): stored with the submission.
    public let judging: JudgeSettings

    /// Creates a target.
    public init(problemId: String, problemVersion: Int64, packageHash: String, codeKiB: Int, contestId: String?,
                judging: JudgeSettings = JudgeSettings()) {
        self.problemId = problemId; self.problemVersion = problemVersion; self.packageHash = packageHash; self.codeKiB = codeKiB
        self.contestId = contestId; self.judging = judging
    }
}

/// The contests service as other services see it (in-process, or over HTTP when split).
public protocol ProblemCatalog: Sendable {
    /// Checks that `identity` may submit to the problem now (registered, contest running, problem
    /// in the contest, or the problem is in the practice archive); throws `UserError` otherwise.
    func submitTarget(problemId: String, contestId: String?, label: String?, identity: Identity) async throws -> SubmitTarget
    /// The package archive (tar.gz) with this content hash.
    func packageArchive(hash: String) async throws -> [UInt8]?
}

/// A contestant's state on a problem, as the contest page shows it.
public enum ProblemStatus: String, Sendable {
    /// An accepted submission exists.
    case solved
    /// Submissions exist, none accepted, none waiting.
    case tried
    /// A submission is still being judged.
    case pending
}

/// The submissions service as the contest page asks it: "how am I doing on each problem?"
public protocol SubmissionStatusSource: Sendable {
    /// Problem id → status for this user's submissions in the contest (problems without any are absent).
    func problemStatuses(userId: Int64, contestId: String) async throws -> [String: ProblemStatus]
}

/// What a contest's standings depend on besides its events (the contests service answers).
public struct ContestScoringInfo: Sendable, Equatable {
    /// `icpc`, `ioi` or `codeforces`.
    public let rule: String
    /// Problem ids in label order, with labels and points (0 when not set).
    public let problems: [(id: String, label: String, points: Int)]
    /// Start time.
    public let start: Date
    /// Length in seconds.
    public let duration: Int
    /// Penalty minutes per rejected try.
    public let penaltyMinutes: Int
    /// Seconds before the end when the public view freezes.
    public let freeze: Int?
    /// Whether an admin lifted the freeze.
    public let unfrozen: Bool

    /// Creates the info.
    public init(rule: String, problems: [(id: String, label: String, points: Int)], start: Date, duration: Int, penaltyMinutes: Int,
                freeze: Int?, unfrozen: Bool) {
        self.rule = rule; self.problems = problems; self.start = start; self.duration = duration; self.penaltyMinutes = penaltyMinutes
        self.freeze = freeze; self.unfrozen = unfrozen
    }

    /// Everything that shapes the standings, as one string: stored beside the scoring cursor, so
    /// a change (an unfreeze, a new problem, another start time) triggers a full recompute.
    public var setupKey: String {
        let problemList = problems.map { "\($0.id):\($0.points)" }.joined(separator: ",")
        return "\(rule)|\(problemList)|\(Int64(start.timeIntervalSince1970 * 1000))|\(duration)|\(penaltyMinutes)|\(freeze ?? -1)|\(unfrozen)"
    }

    /// Equal when every field that shapes the standings is (labels are presentation only).
    public static func == (a: ContestScoringInfo, b: ContestScoringInfo) -> Bool { a.setupKey == b.setupKey }
}

/// The contests service as the scoring service sees it.
public protocol ContestDirectory: Sendable {
    /// The scoring facts of a contest the identity may see; 404 otherwise.
    func scoringInfo(contestId: String, identity: Identity?) async throws -> ContestScoringInfo
}
