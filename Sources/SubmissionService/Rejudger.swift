import ArenaCore
import ArenaStorage
import Foundation
import Logging
import PostgresNIO

/// Rejudges: a new judgement and job for the submission (the old judgement stays in history).
struct Rejudger: Sendable {
    let db: PostgresClient
    let logger: Logger

    func rejudge(submissionId: Int64) async throws {
        let rows = try await db.query("""
            WITH s AS (UPDATE submissions.submissions SET status = 'queued' WHERE id = \(submissionId) RETURNING id, problem_version),
            j AS (INSERT INTO submissions.judgements (submission_id, problem_version, reason) SELECT id, problem_version, 'rejudge' FROM s
                  RETURNING id, submission_id),
            q AS (INSERT INTO submissions.judge_jobs (submission_id, judgement_id) SELECT submission_id, id FROM j RETURNING id)
            SELECT q.id, pg_notify('arena_jobs', q.id::text)::text FROM q
            """, logger: logger)
        guard try await rows.collect().count == 1 else { throw UserError.notFound("No submission \(submissionId).") }
    }
}
