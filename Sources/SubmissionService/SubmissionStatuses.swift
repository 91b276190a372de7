import ArenaCore
import ArenaStorage
import Logging
import PostgresNIO

/// `SubmissionStatusSource` over the submissions tables (the latest judgement of each submission counts).
public struct SubmissionStatuses: SubmissionStatusSource {
    let db: DatabaseClient
    let logger: Logger

    /// Creates the source.
    public init(db: DatabaseClient, logger: Logger) {
        self.db = db
        self.logger = logger
    }

    public func problemStatuses(userId: Int64, contestId: String) async throws -> [String: ProblemStatus] {
        let rows = try await db.query("""
            SELECT s.problem_id, bool_or(j.verdict = 'AC'), bool_or(j.verdict IS NULL)
            FROM submissions.submissions s
            JOIN LATERAL (SELECT verdict FROM submissions.judgements WHERE submission_id = s.id ORDER BY id DESC LIMIT 1) j ON true
            WHERE s.user_id = \(userId) AND s.contest_id = \(contestId)
            GROUP BY s.problem_id
            """, logger: logger)
        var result: [String: ProblemStatus] = [:]
        for try await (problem, solved, pending) in rows.decode((String, Bool, Bool).self) {
            result[problem] = solved ? .solved : (pending ? .pending : .tried)
        }
        return result
    }
}
