import ArenaCore
import Foundation

/// The contests service's answer to "may this user submit to that problem now, and against
/// which version?" (the `ProblemCatalog` the submissions service calls in-process).
public struct ContestCatalog: ProblemCatalog {
    let store: ContestStore

    /// Creates the catalog over `store`.
    public init(store: ContestStore) { self.store = store }

    /// See `ProblemCatalog`.
    public func submitTarget(problemId: String, contestId: String?, label: String?, identity: Identity) async throws -> SubmitTarget {
        let version: ProblemVersion
        var judging = JudgeSettings()
        if let contestId {
            let contest = try await store.contest(contestId, for: identity)
            judging = contest.judging
            if !identity.isJury {
                switch contest.phase() {
                case "upcoming": throw UserError.forbidden("\(contest.name) has not started yet.")
                case "finished": throw UserError.forbidden("\(contest.name) is over; submit to the problem in the archive to practise.")
                default: break
                }
                guard try await store.isRegistered(contest.id, identity) else { throw UserError.forbidden("Register for \(contest.name) before submitting.") }
            }
            let problems = try await store.problems(of: contest.id)
            guard let problem = problems.first(where: { $0.problemId == problemId || $0.label == label || $0.label == problemId }),
                  let found = try await store.version(problem.versionId)
            else { throw UserError.notFound("\(contest.name) has no problem \(label ?? problemId).") }
            version = found
        } else {
            guard try await store.archive(jury: identity.isJury).contains(where: { $0.0 == problemId }),
                  let found = try await store.currentVersion(of: problemId)
            else { throw UserError.notFound("Problem \(problemId) is not open for practice.") }
            version = found
        }
        return SubmitTarget(problemId: version.problemId, problemVersion: version.id, packageHash: version.contentHash,
                            codeKiB: version.codeKiB, contestId: contestId, judging: judging)
    }

    /// See `ProblemCatalog`.
    public func packageArchive(hash: String) async throws -> [UInt8]? {
        try await store.packageArchive(hash: hash).map { Array(buffer: $0) }
    }
}

extension ContestCatalog: ContestDirectory {
    /// See `ContestDirectory`.
    public func scoringInfo(contestId: String, identity: Identity?) async throws -> ContestScoringInfo {
        let contest = try await store.contest(contestId, for: identity)
        let problems = try await store.problems(of: contest.id).map { (id: $0.problemId, label: $0.label, points: $0.points ?? 0) }
        return ContestScoringInfo(rule: contest.scoring, problems: problems, start: contest.start, duration: contest.duration,
                                  penaltyMinutes: contest.penaltyMinutes, freeze: contest.freeze, unfrozen: contest.unfrozen)
    }
}
