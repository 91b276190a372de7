import ArenaCore

/// One submission of one contestant to one problem, with its latest judgement.
struct Try: Sendable {
    var submissionId: Int64
    var time: Double
    /// nil while pending.
    var verdict: Verdict?
    var score: Double?
    var groupScores: [String: Double]?

    /// Tries are kept in submission order: time, then submission id.
    func precedes(_ other: Try) -> Bool {
        time != other.time ? time < other.time : submissionId < other.submissionId
    }
}

/// What one cell shows in one lane (live or public).
struct CellResult: Sendable, Equatable {
    var solved = false
    /// Rejected tries counted before the first AC, plus the AC (IOI: judged tries).
    var attempts: Int32 = 0
    var pending: Int32 = 0
    /// ICPC penalty minutes of this problem (0 unless solved).
    var penalty: Int32 = 0
    /// Seconds of the first AC (IOI: of reaching the best score); -1 when none.
    var time: Double = -1
    var score: Double = 0

    var hasTime: Bool { time >= 0 }
}

/// Rounds to 1e-6 so that sums of scores compare equal however they were reached.
@inline(__always) func roundScore(_ x: Double) -> Double {
    (x * 1_000_000).rounded() / 1_000_000
}

/// Evaluates a cell from its tries (sorted by `Try.precedes`) under the contest's rule.
enum CellEvaluator {
    /// Only tries with `time < cutoff` are visible; the others count as pending unless the
    /// visible ones already solve the problem.
    static func evaluate(
        _ tries: [Try], cutoff: Double, problem: ContestProblem, config: ScoringConfig
    ) -> CellResult {
        switch config.rule {
        case .icpc, .codeforces: firstAccepted(tries, cutoff: cutoff, problem: problem, config: config)
        case .ioi: bestScore(tries, cutoff: cutoff, problem: problem)
        }
    }

    /// ICPC and Codeforces: everything hinges on the first AC and the rejected tries before it.
    private static func firstAccepted(
        _ tries: [Try], cutoff: Double, problem: ContestProblem, config: ScoringConfig
    ) -> CellResult {
        var result = CellResult()
        var rejected: Int32 = 0
        var index = 0
        while index < tries.count, tries[index].time < cutoff {
            let attempt = tries[index]
            index += 1
            guard let verdict = attempt.verdict else {
                result.pending += 1
                continue
            }
            if verdict == .accepted {
                let minutes = Int(attempt.time / 60)
                result.solved = true
                result.attempts = rejected + 1
                result.time = attempt.time
                if config.rule == .icpc {
                    result.penalty = Int32(clamping: minutes + config.penaltyMinutes * Int(rejected))
                    result.score = 1
                } else {
                    result.score = codeforcesPoints(
                        max: problem.maxPoints, minute: minutes,
                        contestMinutes: config.durationMinutes, rejected: Int(rejected))
                }
                return result
            }
            if verdict.isPenalised { rejected += 1 }
        }
        result.attempts = rejected
        result.pending += Int32(tries.count - index)
        return result
    }

    /// max(0.3·x, x − ⌊120·x·t / (250·d)⌋ − 50·w), rounded to 1e-6.
    static func codeforcesPoints(max x: Double, minute t: Int, contestMinutes d: Int, rejected w: Int) -> Double {
        let d = Swift.max(d, 1)
        let decay: Double
        if x == x.rounded(), abs(x) < 1e9 {
            decay = Double((120 * Int(x) * t) / (250 * d))  // exact integer floor (all terms ≥ 0)
        } else {
            decay = (120 * x * Double(t) / Double(250 * d)).rounded(.down)
        }
        return roundScore(Swift.max(0.3 * x, x - decay - 50 * Double(w)))
    }

    /// IOI: per-subtask maxima across submissions (or the best total when no groups are given).
    private static func bestScore(_ tries: [Try], cutoff: Double, problem: ContestProblem) -> CellResult {
        var result = CellResult()
        var groupBest: [String: Double] = [:]
        var totalBest = 0.0
        var best = 0.0
        var index = 0
        while index < tries.count, tries[index].time < cutoff {
            let attempt = tries[index]
            index += 1
            guard let verdict = attempt.verdict else {
                result.pending += 1
                continue
            }
            // CE and JE say nothing about the solution: no try counted, no score.
            guard verdict == .accepted || verdict.isPenalised else { continue }
            result.attempts += 1
            totalBest = max(totalBest, attempt.score ?? (verdict == .accepted ? problem.maxPoints : 0))
            if let groups = attempt.groupScores {
                for (name, value) in groups { groupBest[name] = max(groupBest[name] ?? value, value) }
            }
            var groupSum = 0.0
            for name in groupBest.keys.sorted() { groupSum += groupBest[name]! }  // fixed order
            let current = roundScore(max(totalBest, groupSum))
            if current > best {
                best = current
                result.time = attempt.time
            }
        }
        result.score = best
        result.solved = problem.maxPoints > 0 && best >= problem.maxPoints - 1e-9
        if !result.solved { result.pending += Int32(tries.count - index) }
        return result
    }
}
