import ArenaCore
import ArenaStorage
import Foundation
import Logging
import PostgresNIO

/// Rejudges: a new judgement and job for the submission (the old judgement stays in history).
struct Rejudger: Sendable {
    let db: DatabaseClient
    let logger: Logger
    let catalog: any ProblemCatalog

    func rejudge(submissionId: Int64) async throws {
        guard try await rejudge(submissionId, nil, nil, version: nil) == 1 else {
            throw UserError.notFound("No submission \(submissionId).")
        }
    }

    /// Rejudges every submission of a problem in a contest with the contest's CURRENT version of
    /// the problem (the usual reason is fixed test data) and its current judging settings; returns
    /// how many were queued. A single rejudge keeps the submission's own version and settings.
    func rejudgeAll(contestId: String, problemId: String, identity: Identity) async throws -> Int {
        let current = try await catalog.submitTarget(problemId: problemId, contestId: contestId, label: nil, identity: identity)
        return try await rejudge(nil, contestId, current.problemId, version: current)
    }

    /// One statement: the submissions go back to the queue, each with a new judgement (reason
    /// `rejudge`) and job; their old judgements stay as history. Standings keep the old verdict
    /// until the new one is recorded (its `judged` event replaces it).
    private func rejudge(_ submissionId: Int64?, _ contestId: String?, _ problemId: String?, version: SubmitTarget?) async throws -> Int {
        let rows = try await db.query("""
            WITH s AS (UPDATE submissions.submissions SET status = 'queued', progress_test = NULL,
                           problem_version = coalesce(\(version?.problemVersion), problem_version),
                           package_hash = coalesce(\(version?.packageHash), package_hash),
                           judging = coalesce(\(version?.judging.jsonText)::jsonb, judging)
                       WHERE (\(submissionId)::bigint IS NULL OR id = \(submissionId))
                         AND (\(contestId)::text IS NULL OR contest_id = \(contestId)) AND (\(problemId)::text IS NULL OR problem_id = \(problemId))
                         AND (\(submissionId)::bigint IS NOT NULL OR \(problemId)::text IS NOT NULL)
                       RETURNING id, problem_version),
            j AS (INSERT INTO submissions.judgements (submission_id, problem_version, reason) SELECT id, problem_version, 'rejudge' FROM s
                  RETURNING id, submission_id),
            q AS (INSERT INTO submissions.judge_jobs (submission_id, judgement_id) SELECT submission_id, id FROM j RETURNING id)
            SELECT count(*)::int, pg_notify('arena_jobs', '')::text FROM q
            """, logger: logger)
        for try await (count, _) in rows.decode((Int, String).self) { return count }
        return 0
    }
}
