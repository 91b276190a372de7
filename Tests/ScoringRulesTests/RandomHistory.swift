import ArenaCore
import ScoringRules

/// A seeded random contest history with rejudges, ties, ignored events and a freeze.
struct RandomHistory {
    let config: ScoringConfig
    var events: [ScoringEvent] = []
    let extraUsers: [Int64] = [9001, 9002]

    init(rule: ScoringRule, seed: UInt64, users: Int64 = 500, problemCount: Int = 12, eventCount: Int = 10_500) {
        var rng = SplitMix64(seed: seed)
        let problems = (0..<problemCount).map {
            ContestProblem(id: "P\($0)", maxPoints: rule == .ioi ? 100 : Double(500 + 250 * ($0 % 6)))
        }
        config = ScoringConfig(rule: rule, problems: problems, durationMinutes: 300, penaltyMinutes: 20,
                               freezeSeconds: 240 * 60)
        var pending: [Int64] = []
        var judged: [Int64] = []
        var eventId: Int64 = 0
        var submission: Int64 = 0
        func nextId() -> Int64 {
            eventId += Int64.random(in: 1...2, using: &rng)
            // Now and then a stale id: both paths must ignore it.
            return Int.random(in: 0..<200, using: &rng) == 0 ? eventId - 2 : eventId
        }
        func judgement(_ id: Int64) -> ScoringEvent {
            let verdict = [Verdict.accepted, .accepted, .accepted, .wrongAnswer, .wrongAnswer, .wrongAnswer,
                           .timeLimitExceeded, .runTimeError, .memoryLimitExceeded, .outputLimitExceeded,
                           .compileError, .judgingError].randomElement(using: &rng)!
            guard rule == .ioi, verdict != .compileError, verdict != .judgingError else {
                return .judged(nextId(), submission: id, verdict: verdict)
            }
            let parts: [Double] = [0, 0.5, 1]
            let groups = ["g1": 30.0, "g2": 30, "g3": 40].mapValues { $0 * parts.randomElement(using: &rng)! }
            let total = groups.values.reduce(0, +)
            let correct = total == 100 ? Verdict.accepted : (verdict == .accepted ? .wrongAnswer : verdict)
            if Bool.random(using: &rng) && Bool.random(using: &rng) {
                return .judged(nextId(), submission: id, verdict: correct, score: total - 5 * Double(Int.random(in: 0...2, using: &rng)))
            }
            return .judged(nextId(), submission: id, verdict: correct, score: total, groupScores: groups)
        }
        while events.count < eventCount {
            let roll = Int.random(in: 0..<100, using: &rng)
            if roll < 45 || pending.isEmpty {
                submission += 1
                let unknown = Int.random(in: 0..<100, using: &rng) == 0
                let problem = unknown ? "ZZ" : problems.randomElement(using: &rng)!.id
                // Multiples of 30 s, so that ties on minutes and seconds are common.
                let time = Double(Int.random(in: 0...601, using: &rng)) * 30
                let user = Int64.random(in: 1...users, using: &rng)
                events.append(.submitted(nextId(), submission: submission, user: user, problem: problem, time: time))
                pending.append(submission)
            } else if roll < 88 {
                let id = pending.remove(at: Int.random(in: 0..<pending.count, using: &rng))
                events.append(judgement(id))
                judged.append(id)
            } else if let id = judged.randomElement(using: &rng) {
                events.append(judgement(id))  // a rejudge
            }
        }
    }
}
