import ArenaCore

/// A realistic, seeded contest history for benchmarks: contestants of varied skill submit
/// through the contest (mostly to problems they have not solved, easier ones more often),
/// judgements follow their submissions after a short queue, and about 1% are rejudges.
enum BenchmarkHistory {
    static func make(config: ScoringConfig, users: Int, eventCount: Int, seed: UInt64) -> [ScoringEvent] {
        var rng = SplitMix64(seed: seed)
        let problemCount = config.problems.count
        let skill = (0..<users).map { _ in Double.random(in: 0...1, using: &rng) }
        let difficulty = (0..<problemCount).map { _ in Double.random(in: 0.1...0.95, using: &rng) }
        var solved = Array(repeating: false, count: users * problemCount)
        var queue: [(id: Int64, verdict: Verdict, problem: Int)] = []
        var queueHead = 0
        var judged: [(id: Int64, problem: Int)] = []
        var events: [ScoringEvent] = []
        events.reserveCapacity(eventCount)
        var eventId: Int64 = 0
        let seconds = Double(config.durationMinutes * 60)
        let submissionCount = eventCount / 2

        func emitJudgement(_ id: Int64, _ verdict: Verdict, _ problem: Int) {
            eventId += 1
            guard config.rule == .ioi else {
                events.append(.judged(eventId, submission: id, verdict: verdict))
                return
            }
            let full = config.problems[problem].maxPoints / 4
            var groups: [String: Double] = [:]
            for group in ["s1", "s2", "s3", "s4"] {
                groups[group] = verdict == .accepted ? full : full * Double(Int.random(in: 0...2, using: &rng)) / 2
            }
            events.append(.judged(eventId, submission: id, verdict: verdict,
                                  score: groups.values.reduce(0, +), groupScores: groups))
        }

        var submission: Int64 = 0
        while events.count < eventCount {
            if submission < submissionCount {
                submission += 1
                let user = Int.random(in: 0..<users, using: &rng)
                // Mostly unsolved problems near the contestant's level.
                var problem = Int.random(in: 0..<problemCount, using: &rng)
                for _ in 0..<8 where solved[user * problemCount + problem]
                    || Double.random(in: 0...1, using: &rng) > skill[user] + 0.3 - difficulty[problem] {
                    problem = Int.random(in: 0..<problemCount, using: &rng)
                }
                for _ in 0..<problemCount where solved[user * problemCount + problem] {
                    problem = (problem + 1) % problemCount
                }
                let time = Double(submission) / Double(submissionCount + 1) * seconds
                eventId += 1
                events.append(.submitted(eventId, submission: submission, user: Int64(user + 1),
                                         problem: config.problems[problem].id, time: time))
                let chance = min(0.7, max(0.03, skill[user] - difficulty[problem] + 0.3))
                let verdict: Verdict
                if Double.random(in: 0...1, using: &rng) < chance {
                    verdict = .accepted
                    solved[user * problemCount + problem] = true
                } else {
                    verdict = [.wrongAnswer, .wrongAnswer, .wrongAnswer, .wrongAnswer, .timeLimitExceeded,
                               .timeLimitExceeded, .runTimeError, .memoryLimitExceeded, .compileError,
                               .compileError].randomElement(using: &rng)!
                }
                queue.append((submission, verdict, problem))
            }
            // Judge the oldest queued submissions, keeping a queue of up to ~30.
            let keep = submission < submissionCount ? Int.random(in: 0...30, using: &rng) : 0
            while queue.count - queueHead > keep, events.count < eventCount {
                let next = queue[queueHead]
                queueHead += 1
                emitJudgement(next.id, next.verdict, next.problem)
                judged.append((next.id, next.problem))
                if Int.random(in: 0..<100, using: &rng) == 0, events.count < eventCount {
                    let again = judged.randomElement(using: &rng)!
                    emitJudgement(again.id, Bool.random(using: &rng) ? .accepted : .wrongAnswer, again.problem)
                }
            }
            if submission >= submissionCount, queue.count == queueHead { break }
        }
        return events
    }
}
