import ArenaStorage
import ArenaCore
import Foundation
import Logging
import PostgresNIO

/// The `submissions` tables: intake, reads for pages and the API. The judge queue is `JudgeQueue`.
public struct SubmissionStore: Sendable {
    let db: DatabaseClient
    let logger: Logger
    let batcher: IntakeBatcher

    /// Creates the store.
    public init(db: DatabaseClient, logger: Logger) {
        self.db = db
        self.logger = logger
        batcher = IntakeBatcher(db: db, logger: logger)
    }

    /// Stores a submission, its judgement, its judge job and a `submitted` event in ONE statement
    /// (one transaction, shared with the submissions that arrive meanwhile: `IntakeBatcher`), and
    /// wakes the judges. Returns the id, or nil when the user submitted less than `minimumGap`
    /// seconds ago (nothing is stored then).
    public func intake(identity: Identity, target: SubmitTarget, language: String, source: String, minimumGap: Double) async throws -> Int64? {
        try await batcher.submit(identity: identity, target: target, language: language, source: source, gap: minimumGap)
    }

    /// One submission with its latest judgement and that judgement's test runs.
    public func submission(_ id: Int64) async throws -> SubmissionDetail? {
        let rows = try await db.query("""
            SELECT s.id, s.user_id, s.username, s.contest_id, s.problem_id, s.problem_version, s.language, s.source, s.submitted_at,
                   s.status, s.progress_test, s.progress_of, j.id, j.verdict, j.score, j.time_ms, j.memory_kb, j.compile_output, j.error
            FROM submissions.submissions s
            JOIN LATERAL (SELECT * FROM submissions.judgements WHERE submission_id = s.id ORDER BY id DESC LIMIT 1) j ON true
            WHERE s.id = \(id)
            """, logger: logger)
        for try await row in rows.decode((Int64, Int64, String, String?, String, Int64, String, String, Date, String, Int?, Int?, Int64, String?,
                                          Double?, Int?, Int?, String?, String?).self) {
            let tests = try await testRuns(judgement: row.12)
            return SubmissionDetail(id: row.0, userId: row.1, username: row.2, contestId: row.3, problemId: row.4, problemVersion: row.5,
                                    language: row.6, source: row.7, submittedAt: row.8, status: row.9, progressTest: row.10, progressOf: row.11,
                                    judgementId: row.12, verdict: row.13.flatMap(Verdict.init(rawValue:)), score: row.14, timeMs: row.15,
                                    memoryKb: row.16, compileOutput: row.17, error: row.18, tests: tests)
        }
        return nil
    }

    func testRuns(judgement: Int64) async throws -> [TestRunResult] {
        let rows = try await db.query("""
            SELECT name, verdict, time_ms, memory_kb, score, is_sample, message FROM submissions.test_runs
            WHERE judgement_id = \(judgement) ORDER BY ordinal
            """, logger: logger)
        var tests: [TestRunResult] = []
        for try await r in rows.decode((String, String, Int, Int, Double?, Bool, String?).self) {
            tests.append(TestRunResult(name: r.0, verdict: Verdict(rawValue: r.1) ?? .judgingError, timeMs: r.2, memoryKb: r.3, score: r.4,
                                       isSample: r.5, message: r.6))
        }
        return tests
    }

    /// Submissions matching the filters, newest first (no source). `previousVerdict` is the
    /// verdict of the judgement before the latest one (after a rejudge); `changedOnly` keeps the
    /// submissions whose rejudge gave another verdict; `before` keeps ids below it (the next page).
    public func list(userId: Int64?, username: String?, contestId: String?, problemId: String?, verdict: String? = nil,
                     changedOnly: Bool = false, before: Int64? = nil, limit: Int = 100) async throws -> [SubmissionSummary] {
        let rows = try await db.query("""
            SELECT s.id, s.username, s.contest_id, s.problem_id, s.language, s.submitted_at, s.status, j.verdict, j.score, j.time_ms, j.memory_kb,
                   p.verdict
            FROM submissions.submissions s
            JOIN LATERAL (SELECT * FROM submissions.judgements WHERE submission_id = s.id ORDER BY id DESC LIMIT 1) j ON true
            LEFT JOIN LATERAL (SELECT verdict FROM submissions.judgements WHERE submission_id = s.id AND id < j.id AND verdict IS NOT NULL
                               ORDER BY id DESC LIMIT 1) p ON true
            WHERE (\(userId)::bigint IS NULL OR s.user_id = \(userId)) AND (\(username)::text IS NULL OR s.username = \(username))
              AND (\(contestId)::text IS NULL OR s.contest_id = \(contestId)) AND (\(problemId)::text IS NULL OR s.problem_id = \(problemId))
              AND (\(verdict)::text IS NULL OR j.verdict = \(verdict)) AND (\(before)::bigint IS NULL OR s.id < \(before))
              AND (NOT \(changedOnly) OR (p.verdict IS NOT NULL AND j.verdict IS NOT NULL AND p.verdict <> j.verdict))
            ORDER BY s.id DESC LIMIT \(limit)
            """, logger: logger)
        var result: [SubmissionSummary] = []
        for try await r in rows.decode((Int64, String, String?, String, String, Date, String, String?, Double?, Int?, Int?, String?).self) {
            result.append(SubmissionSummary(id: r.0, username: r.1, contestId: r.2, problemId: r.3, language: r.4, submittedAt: r.5, status: r.6,
                                            verdict: r.7.flatMap(Verdict.init(rawValue:)), score: r.8, timeMs: r.9, memoryKb: r.10,
                                            previousVerdict: r.11.flatMap(Verdict.init(rawValue:))))
        }
        return result
    }

    /// How many submissions of a contest stand at JE (latest judgement): the jury reviews them.
    public func judgingErrorCount(contestId: String) async throws -> Int {
        try await db.query("""
            SELECT count(*)::int FROM submissions.submissions s
            JOIN LATERAL (SELECT verdict FROM submissions.judgements WHERE submission_id = s.id ORDER BY id DESC LIMIT 1) j ON true
            WHERE s.contest_id = \(contestId) AND j.verdict = 'JE'
            """, logger: logger).decode(Int.self).first() ?? 0
    }

    /// Every judgement of a submission, oldest first: the history a rejudge keeps.
    public func judgements(of submissionId: Int64) async throws -> [JudgementSummary] {
        let rows = try await db.query("""
            SELECT id, reason, created_at, verdict, score, time_ms, judge FROM submissions.judgements
            WHERE submission_id = \(submissionId) ORDER BY id
            """, logger: logger)
        var result: [JudgementSummary] = []
        for try await r in rows.decode((Int64, String, Date, String?, Double?, Int?, String?).self) {
            result.append(JudgementSummary(id: r.0, reason: r.1, createdAt: r.2, verdict: r.3.flatMap(Verdict.init(rawValue:)), score: r.4,
                                           timeMs: r.5, judge: r.6))
        }
        return result
    }
}

/// One judgement of a submission (the first, or a rejudge).
public struct JudgementSummary: Sendable, Codable {
    public let id: Int64, reason: String, createdAt: Date, verdict: Verdict?, score: Double?, timeMs: Int?, judge: String?
}

/// A submission as its page shows it.
public struct SubmissionDetail: Sendable {
    public let id: Int64, userId: Int64, username: String, contestId: String?, problemId: String, problemVersion: Int64
    public let language: String, source: String, submittedAt: Date, status: String, progressTest: Int?, progressOf: Int?
    public let judgementId: Int64, verdict: Verdict?, score: Double?, timeMs: Int?, memoryKb: Int?, compileOutput: String?, error: String?
    public let tests: [TestRunResult]
}

/// A row of a submission list.
public struct SubmissionSummary: Sendable, Codable {
    public let id: Int64, username: String, contestId: String?, problemId: String, language: String, submittedAt: Date, status: String
    public let verdict: Verdict?, score: Double?, timeMs: Int?, memoryKb: Int?
    /// The verdict before the latest rejudge, if there was one.
    public let previousVerdict: Verdict?
}
