import ArenaStorage
import ArenaCore
import Foundation
import Logging
import PostgresNIO

/// The judge queue: jobs claimed oldest first with `FOR UPDATE SKIP LOCKED` and a lease that
/// heartbeats extend. An expired lease (a judge that vanished: killed, machine gone) puts the
/// job back for the next claim; a failure a judge reports (`fail`) does too. The two are counted
/// apart: `maxFailures` reported failures, or `maxLost` lost judges (a submission that kills
/// every judge it touches), end the judgement as JE with the reasons, for the jury to review.
/// Results are idempotent per (job, attempt): the same result posted twice is accepted once; a
/// stale attempt's is refused.
public struct JudgeQueue: Sendable {
    /// Failures reported by judges before JE.
    public static let maxFailures = 3
    /// Judges lost (expired leases) on one job before JE.
    public static let maxLost = 5
    let db: DatabaseClient
    let logger: Logger
    /// Lease length in seconds.
    public var leaseSeconds = 30

    /// Creates the queue.
    public init(db: DatabaseClient, logger: Logger, leaseSeconds: Int = 30) {
        self.db = db
        self.logger = logger
        self.leaseSeconds = leaseSeconds
    }

    /// Claims the oldest available job for `worker`, or nil.
    public func claim(worker: String) async throws -> JudgeJob? {
        try await reapExhausted()
        let rows = try await db.query("""
            WITH next AS (
                SELECT id FROM submissions.judge_jobs
                WHERE state = 'queued' OR (state = 'claimed' AND lease_until < now() AND lost + 1 < \(Self.maxLost))
                ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
            UPDATE submissions.judge_jobs j SET state = 'claimed', attempts = j.attempts + 1, worker = \(worker),
                lost = j.lost + CASE WHEN j.state = 'claimed' THEN 1 ELSE 0 END,
                lease_until = now() + make_interval(secs => \(leaseSeconds)),
                failures = CASE WHEN j.state = 'claimed' THEN j.failures || ('attempt ' || j.attempts || ' on ' || coalesce(j.worker, '?') || ': lease expired')
                           ELSE j.failures END
            FROM next, submissions.submissions s
            WHERE j.id = next.id AND s.id = j.submission_id
            RETURNING j.id, j.attempts, s.id, s.problem_id, s.problem_version, s.package_hash, s.language, s.source, s.judging::text
            """, logger: logger)
        for try await r in rows.decode((Int64, Int, Int64, String, Int64, String, String, String, String).self) {
            try await db.query("UPDATE submissions.submissions SET status = 'compiling', progress_test = NULL WHERE id = \(r.2)", logger: logger)
            return JudgeJob(jobId: r.0, attempt: r.1, submissionId: r.2, problemId: r.3, problemVersion: r.4, packageHash: r.5, language: r.6,
                            source: r.7, leaseSeconds: leaseSeconds, settings: JudgeSettings(jsonText: r.8))
        }
        return nil
    }

    /// Extends the lease (and records progress when given); 409 when the attempt is no longer the live one.
    public func heartbeat(jobId: Int64, attempt: Int, progress: JudgeProgress? = nil) async throws {
        let rows = try await db.query("""
            WITH j AS (
                UPDATE submissions.judge_jobs SET lease_until = now() + make_interval(secs => \(leaseSeconds))
                WHERE id = \(jobId) AND attempts = \(attempt) AND state = 'claimed' RETURNING submission_id)
            UPDATE submissions.submissions s SET
                status = coalesce(\(progress?.phase), s.status), progress_test = coalesce(\(progress?.test), s.progress_test),
                progress_of = coalesce(\(progress?.of), s.progress_of)
            FROM j WHERE s.id = j.submission_id
            RETURNING s.id, pg_notify('arena_progress', concat_ws(' ', s.id, s.status, coalesce(s.progress_test, 0), coalesce(s.progress_of, 0)))::text
            """, logger: logger)
        guard try await rows.collect().count > 0 else { throw UserError.conflict("Job \(jobId) attempt \(attempt) is no longer yours.") }
    }

    /// Records the result of (job, attempt) in one transaction.
    public func finish(jobId: Int64, attempt: Int, result: JudgeResult, worker: String) async throws {
        try await db.transaction(logger: logger) { conn in
            let rows = try await conn.query("""
                SELECT state, attempts, judgement_id, submission_id FROM submissions.judge_jobs WHERE id = \(jobId) FOR UPDATE
                """, logger: logger)
            guard let (state, attempts, judgementId, submissionId) = try await rows.decode((String, Int, Int64, Int64).self).first()
            else { throw UserError.notFound("No job \(jobId).") }
            if state == "done" && attempts == attempt { return }  // the same result again: already recorded
            guard state == "claimed", attempts == attempt else {
                throw UserError.conflict("Job \(jobId) attempt \(attempt) is stale (now attempt \(attempts), \(state)).")
            }
            try await Self.record(result, judgementId: judgementId, submissionId: submissionId, worker: worker, on: conn, logger: logger)
            try await conn.query("UPDATE submissions.judge_jobs SET state = 'done', lease_until = NULL WHERE id = \(jobId)", logger: logger)
        }
    }

    /// A worker could not judge (package unreadable, crash): the job goes back, or ends JE after
    /// `maxFailures` such reports.
    public func fail(jobId: Int64, attempt: Int, reason: String) async throws {
        try await db.query("""
            UPDATE submissions.judge_jobs SET state = 'queued', lease_until = NULL, reported = reported + 1,
                failures = failures || ('attempt ' || attempts || ' on ' || coalesce(worker, '?') || ': ' || \(String(reason.prefix(500))))
            WHERE id = \(jobId) AND attempts = \(attempt) AND state = 'claimed'
            """, logger: logger)
        try await reapExhausted(includeQueued: true)
    }

    /// Ends jobs out of failures or lost judges with JE and the reasons.
    func reapExhausted(includeQueued: Bool = false) async throws {
        try await db.transaction(logger: logger) { conn in
            let rows = try await conn.query("""
                UPDATE submissions.judge_jobs SET state = 'done', lease_until = NULL,
                    failures = CASE WHEN state = 'claimed' THEN failures || ('attempt ' || attempts || ' on ' || coalesce(worker, '?') || ': lease expired')
                               ELSE failures END
                WHERE (state = 'claimed' AND lease_until < now() AND lost + 1 >= \(Self.maxLost))
                   OR (\(includeQueued) AND state = 'queued' AND reported >= \(Self.maxFailures))
                RETURNING judgement_id, submission_id, failures, reported
                """, logger: logger)
            for (judgementId, submissionId, failures, reported) in try await rows.decode((Int64, Int64, [String], Int).self).collect() {
                let why = reported >= Self.maxFailures ? "\(reported) judges reported a failure" : "\(Self.maxLost) judges were lost on it"
                let result = JudgeResult(verdict: .judgingError, score: nil, timeMs: 0, memoryKb: 0, compileOutput: "", tests: [],
                                         error: "Gave up: \(why): " + failures.joined(separator: "; "))
                try await Self.record(result, judgementId: judgementId, submissionId: submissionId, worker: "queue", on: conn, logger: logger)
                logger.error("submission \(submissionId): JE, \(why): \(failures)")
            }
        }
    }

    static func record(_ result: JudgeResult, judgementId: Int64, submissionId: Int64, worker: String, on conn: PostgresConnection,
                       logger: Logger) async throws {
        try await conn.query("""
            UPDATE submissions.judgements SET verdict = \(result.verdict.rawValue), score = \(result.score), time_ms = \(result.timeMs),
                memory_kb = \(result.memoryKb), compile_output = \(String(result.compileOutput.prefix(65536))), error = \(result.error),
                judge = \(worker), finished_at = now()
            WHERE id = \(judgementId)
            """, logger: logger)
        for (index, test) in result.tests.enumerated() {
            try await conn.query("""
                INSERT INTO submissions.test_runs (judgement_id, ordinal, name, verdict, time_ms, memory_kb, score, is_sample, message)
                VALUES (\(judgementId), \(index), \(test.name), \(test.verdict.rawValue), \(test.timeMs), \(test.memoryKb), \(test.score),
                        \(test.isSample), \(test.message.map { String($0.prefix(4096)) }))
                ON CONFLICT DO NOTHING
                """, logger: logger)
        }
        try await conn.query("""
            WITH s AS (UPDATE submissions.submissions SET status = 'judged', progress_test = NULL WHERE id = \(submissionId)
                       RETURNING id, contest_id, user_id, username, problem_id, submitted_at)
            INSERT INTO submissions.events (kind, submission_id, contest_id, user_id, username, problem_id, submitted_at, verdict, score, judgement_id)
            SELECT 'judged', id, contest_id, user_id, username, problem_id, submitted_at, \(result.verdict.rawValue), \(result.score), \(judgementId) FROM s
            """, logger: logger)
        try await conn.query("SELECT pg_notify('arena_events', \(String(submissionId))), pg_notify('arena_progress', \("\(submissionId) judged"))",
                             logger: logger)
    }
}
