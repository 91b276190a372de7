import ArenaStorage
import ArenaCore
import Foundation
import Logging
import PostgresNIO

/// Group commit for submission intake. Each submission must be durable before its 202, and a
/// commit waits for the disk; so while one batch commits, the submissions that arrive queue up
/// and go together in the next statement: one WAL flush for many submissions, same guarantees.
/// Under light load a batch holds one submission and nothing waits.
///
/// One statement per batch stores every submission that passes the rate limit with its
/// judgement, judge job and `submitted` event, and wakes the judges and the scoring consumer.
/// The rate limit holds per user inside a batch too: with a gap > 0 only a user's first
/// submission of the batch can pass.
actor IntakeBatcher {
    struct Request {
        let identity: Identity
        let target: SubmitTarget
        let language: String
        let source: String
        let gap: Double
        let reply: CheckedContinuation<Int64?, any Error>
    }

    let db: DatabaseClient
    let logger: Logger
    private var pending: [Request] = []
    private var flushing = false
    /// Submissions per statement at most (sources are ≤ 64 KiB each).
    static let batchLimit = 128

    init(db: DatabaseClient, logger: Logger) {
        self.db = db
        self.logger = logger
    }

    /// Stores one submission (in some batch); its id, or nil when the rate limit refused it.
    func submit(identity: Identity, target: SubmitTarget, language: String, source: String, gap: Double) async throws -> Int64? {
        try await withCheckedThrowingContinuation { reply in
            pending.append(Request(identity: identity, target: target, language: language, source: source, gap: gap, reply: reply))
            if !flushing {
                flushing = true
                Task { await self.flush() }
            }
        }
    }

    private func flush() async {
        while !pending.isEmpty {
            let gap = pending[0].gap
            let count = min(Self.batchLimit, pending.prefix { $0.gap == gap }.count)
            let batch = Array(pending.prefix(count))
            pending.removeFirst(count)
            do {
                let ids = try await store(batch, gap: gap)
                for (index, request) in batch.enumerated() { request.reply.resume(returning: ids[index + 1]) }
            } catch where batch.count > 1 {
                // Nothing of the batch was stored: try each alone, so one bad row fails only itself.
                for request in batch {
                    do {
                        request.reply.resume(returning: try await store([request], gap: gap)[1])
                    } catch {
                        request.reply.resume(throwing: error)
                    }
                }
            } catch {
                batch[0].reply.resume(throwing: error)
            }
        }
        flushing = false
    }

    /// Runs the batch's statement; returns the new id by 1-based position in the batch.
    private nonisolated func store(_ batch: [Request], gap: Double) async throws -> [Int: Int64] {
        let rows = try await db.query("""
            WITH input AS (
                SELECT user_id, username, NULLIF(contest_id, '') AS contest_id, problem_id, problem_version, package_hash, language, source,
                       judging::jsonb AS judging, ord
                FROM unnest(\(batch.map(\.identity.userId))::bigint[], \(batch.map(\.identity.username))::text[],
                                     \(batch.map { $0.target.contestId ?? "" })::text[], \(batch.map(\.target.problemId))::text[],
                                     \(batch.map(\.target.problemVersion))::bigint[], \(batch.map(\.target.packageHash))::text[],
                                     \(batch.map(\.language))::text[], \(batch.map(\.source))::text[],
                                     \(batch.map(\.target.judging.jsonText))::text[])
                    WITH ORDINALITY AS t(user_id, username, contest_id, problem_id, problem_version, package_hash, language, source, judging,
                                         ord)),
            firsts AS (SELECT DISTINCT ON (user_id) user_id, ord FROM input ORDER BY user_id, ord),
            rl AS (
                INSERT INTO submissions.rate_limits (user_id, last_at) SELECT user_id, clock_timestamp() FROM firsts
                ON CONFLICT (user_id) DO UPDATE SET last_at = clock_timestamp()
                WHERE submissions.rate_limits.last_at <= clock_timestamp() - make_interval(secs => \(gap))
                RETURNING user_id),
            allowed AS MATERIALIZED (
                SELECT nextval('submissions.submissions_id_seq') AS id, i.* FROM input i JOIN rl USING (user_id)
                WHERE \(gap) <= 0 OR i.ord = (SELECT f.ord FROM firsts f WHERE f.user_id = i.user_id)
                ORDER BY i.ord),
            s AS (
                INSERT INTO submissions.submissions (id, user_id, username, contest_id, problem_id, problem_version, package_hash, language, source,
                                                     judging)
                SELECT id, user_id, username, contest_id, problem_id, problem_version, package_hash, language, source, judging FROM allowed
                RETURNING id, contest_id, user_id, username, problem_id, problem_version, submitted_at),
            j AS (INSERT INTO submissions.judgements (submission_id, problem_version)
                  SELECT id, problem_version FROM s RETURNING id, submission_id),
            q AS (INSERT INTO submissions.judge_jobs (submission_id, judgement_id) SELECT submission_id, id FROM j RETURNING id),
            e AS (INSERT INTO submissions.events (kind, submission_id, contest_id, user_id, username, problem_id, submitted_at)
                  SELECT 'submitted', id, contest_id, user_id, username, problem_id, submitted_at FROM s ORDER BY id RETURNING id)
            SELECT a.ord, a.id, pg_notify('arena_jobs', a.id::text)::text || pg_notify('arena_events', a.id::text)::text
            FROM allowed a
            """, logger: logger)
        var ids: [Int: Int64] = [:]
        for try await (ord, id, _) in rows.decode((Int64, Int64, String).self) { ids[Int(ord)] = id }
        return ids
    }
}
