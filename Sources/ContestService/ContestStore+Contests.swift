import ArenaStorage
import ArenaCore
import Foundation
import PostgresNIO

extension ContestStore {
    /// Creates or replaces a contest and its problem list in one transaction; every problem must
    /// already be imported (the error lists the missing ones). `keepJudging`: an existing contest
    /// keeps its judging settings (the admin form does not edit them; a contest import does).
    public func save(_ contest: ContestDefinition, published: Bool = true, keepJudging: Bool = false) async throws {
        try contest.validate()
        try await db.transaction(logger: logger) { conn in
            let ids = contest.problems.map(\.problemId)
            let rows = try await conn.query("SELECT id FROM contests.problems WHERE id = ANY(\(ids)) AND current_version IS NOT NULL", logger: logger)
            let known = Set(try await rows.decode(String.self).collect())
            let missing = ids.filter { !known.contains($0) }
            guard missing.isEmpty else {
                throw UserError.invalid("contest \(contest.id) names problems that are not imported: \(missing.joined(separator: ", "))")
            }
            try await conn.query("""
                INSERT INTO contests.contests (id, name, start_time, duration_s, freeze_s, scoring, penalty_minutes, public, open_registration,
                                               published, judging)
                VALUES (\(contest.id), \(contest.name), \(contest.start), \(contest.duration), \(contest.freeze), \(contest.scoring),
                        \(contest.penaltyMinutes), \(contest.isPublic), \(contest.openRegistration), \(published),
                        \(contest.judging.jsonText)::jsonb)
                ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, start_time = EXCLUDED.start_time, duration_s = EXCLUDED.duration_s,
                    freeze_s = EXCLUDED.freeze_s, scoring = EXCLUDED.scoring, penalty_minutes = EXCLUDED.penalty_minutes,
                    public = EXCLUDED.public, open_registration = EXCLUDED.open_registration, published = EXCLUDED.published,
                    judging = CASE WHEN \(keepJudging) THEN contests.contests.judging ELSE EXCLUDED.judging END
                """, logger: logger)
            try await conn.query("DELETE FROM contests.contest_problems WHERE contest_id = \(contest.id)", logger: logger)
            for (index, problem) in contest.problems.enumerated() {
                try await conn.query("""
                    INSERT INTO contests.contest_problems (contest_id, problem_id, label, ordinal, points, rgb)
                    VALUES (\(contest.id), \(problem.problemId), \(problem.label), \(index), \(problem.points), \(problem.rgb))
                    """, logger: logger)
            }
        }
        contestRows.clear()
        problemLists.clear()
    }

    /// Every contest the identity may see, newest start first.
    public func contests(for identity: Identity?) async throws -> [Contest] {
        let jury = identity?.isJury ?? false
        let user = identity?.userId ?? -1
        let rows = try await db.query("""
            SELECT \(unescaped: Self.contestColumns) FROM contests.contests c
            WHERE \(jury) OR (c.published AND (c.public OR EXISTS (
                SELECT 1 FROM contests.registrations r WHERE r.contest_id = c.id AND r.user_id = \(user))))
            ORDER BY c.start_time DESC
            """, logger: logger)
        return try await rows.decode(ContestRow.self).collect().map(Self.contest)
    }

    /// The contest `id`, if the identity may see it (404 otherwise, so hidden contests stay hidden).
    public func contest(_ id: String, for identity: Identity?) async throws -> Contest {
        let found = try await contestRows.value(id) {
            let rows = try await db.query("SELECT \(unescaped: Self.contestColumns) FROM contests.contests c WHERE c.id = \(id)", logger: logger)
            return try await rows.decode(ContestRow.self).collect().first.map(Self.contest)
        }
        guard let contest = found else { throw UserError.notFound("No contest \(id).") }
        if identity?.isJury == true { return contest }
        guard contest.published else { throw UserError.notFound("No contest \(id).") }
        if !contest.isPublic, try await !isRegistered(id, identity) { throw UserError.notFound("No contest \(id).") }
        return contest
    }

    /// The problems of a contest in label order, with their live versions.
    public func problems(of contestId: String) async throws -> [ContestProblem] {
        try await problemLists.value(contestId) { try await loadProblems(of: contestId) }
    }

    private func loadProblems(of contestId: String) async throws -> [ContestProblem] {
        let rows = try await db.query("""
            SELECT cp.label, cp.problem_id, v.id, v.name, v.time_limit,
                   CASE WHEN v.memory_declared THEN v.memory_mib ELSE coalesce((c.judging->>'memoryMiB')::int, v.memory_mib) END,
                   cp.points, cp.rgb
            FROM contests.contest_problems cp JOIN contests.problems p ON p.id = cp.problem_id
            JOIN contests.problem_versions v ON v.id = p.current_version JOIN contests.contests c ON c.id = cp.contest_id
            WHERE cp.contest_id = \(contestId) ORDER BY cp.ordinal
            """, logger: logger)
        return try await rows.decode((String, String, Int64, String, Double, Int, Int?, String?).self).collect().map {
            ContestProblem(label: $0.0, problemId: $0.1, versionId: $0.2, name: $0.3, timeLimit: $0.4, memoryMiB: $0.5, points: $0.6, rgb: $0.7)
        }
    }

    /// Registers the identity (idempotent). 403 for invite-only contests and finished ones.
    public func register(_ contest: Contest, _ identity: Identity) async throws {
        guard contest.openRegistration || identity.isJury else { throw UserError.forbidden("Registration for \(contest.name) is by invitation.") }
        guard contest.phase() != "finished" else { throw UserError.forbidden("\(contest.name) has finished.") }
        try await registerUnchecked(contest.id, identity)
    }

    /// Registers without checks (the jury's invitations).
    public func registerUnchecked(_ contestId: String, _ identity: Identity) async throws {
        try await db.query("""
            INSERT INTO contests.registrations (contest_id, user_id, username) VALUES (\(contestId), \(identity.userId), \(identity.username))
            ON CONFLICT DO NOTHING
            """, logger: logger)
        registrationFlags.clear()
        registrationCounts.clear()
        registrationsMade.withLockedValue { $0 += 1 }
    }

    /// Whether the identity is registered.
    public func isRegistered(_ contestId: String, _ identity: Identity?) async throws -> Bool {
        guard let identity else { return false }
        return try await registrationFlags.value("\(contestId)|\(identity.userId)") {
            let rows = try await db.query("SELECT 1 FROM contests.registrations WHERE contest_id = \(contestId) AND user_id = \(identity.userId)", logger: logger)
            return try await !rows.collect().isEmpty
        }
    }

    /// Number of registered users.
    public func registrationCount(_ contestId: String) async throws -> Int {
        try await registrationCounts.value(contestId) { try await countRegistrations(contestId) }
    }

    private func countRegistrations(_ contestId: String) async throws -> Int {
        let rows = try await db.query("SELECT count(*)::int FROM contests.registrations WHERE contest_id = \(contestId)", logger: logger)
        return try await rows.decode(Int.self).collect().first ?? 0
    }

    /// Publishes or hides a contest.
    public func setPublished(_ contestId: String, _ published: Bool) async throws {
        try await db.query("UPDATE contests.contests SET published = \(published) WHERE id = \(contestId)", logger: logger)
        contestRows.clear()
    }

    /// Lifts (or restores) the freeze of the public standings; scoring notices within a second.
    public func setUnfrozen(_ contestId: String, _ unfrozen: Bool) async throws {
        let rows = try await db.query("UPDATE contests.contests SET unfrozen = \(unfrozen) WHERE id = \(contestId) RETURNING id", logger: logger)
        guard try await !rows.collect().isEmpty else { throw UserError.notFound("No contest \(contestId).") }
        contestRows.clear()
    }

    typealias ContestRow = (String, String, Date, Int, Int?, String, Int, Bool, Bool, Bool, Bool, String)
    static let contestColumns = "c.id, c.name, c.start_time, c.duration_s, c.freeze_s, c.scoring, c.penalty_minutes, c.public, "
        + "c.open_registration, c.published, c.unfrozen, c.judging::text"

    static func contest(_ row: ContestRow) -> Contest {
        Contest(id: row.0, name: row.1, start: row.2, duration: row.3, freeze: row.4, scoring: row.5, penaltyMinutes: row.6,
                isPublic: row.7, openRegistration: row.8, published: row.9, unfrozen: row.10, judging: JudgeSettings(jsonText: row.11))
    }
}
