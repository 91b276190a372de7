extension StandingsEngine {
    /// Builds standings from scratch: records every event, then evaluates each cell once and
    /// sorts. Gives exactly the standings the incremental `apply` path gives for the same
    /// events (and `users`, the contestants added with `addUser`).
    public static func recompute(
        config: ScoringConfig, events: some Sequence<ScoringEvent>, users: some Sequence<Int64> = [Int64]()
    ) -> StandingsEngine {
        var engine = StandingsEngine(config: config)
        for user in users { _ = engine.ensureUser(user) }
        for event in events { _ = engine.ingest(event) }
        engine.rebuild()
        return engine
    }

    /// Re-evaluates every cell and rebuilds the totals, orders and first-to-solve indexes.
    mutating func rebuild() {
        let lanesInUse: [Lane] = hides ? [.live, .public] : [.live]
        let problems = config.problems
        for cell in tries.indices where !tries[cell].isEmpty {
            let problem = problems[cell % problems.count]
            lanes[Lane.live.rawValue].results[cell] = CellEvaluator.evaluate(
                tries[cell], cutoff: .infinity, problem: problem, config: config)
            if hides, let freeze = config.freezeSeconds {
                lanes[Lane.public.rawValue].results[cell] = CellEvaluator.evaluate(
                    tries[cell], cutoff: freeze, problem: problem, config: config)
            }
        }
        for lane in lanesInUse {
            for slot in userIds.indices { lanes[lane.rawValue].totals[slot] = totals(slot, lane) }
            lanes[lane.rawValue].order = RankOrder(unsorted: userIds.indices.map { key($0, lane) })
            var solves = Array(repeating: [FirstSolveIndex.Entry](), count: problems.count)
            for (cell, result) in lanes[lane.rawValue].results.enumerated() where result.solved {
                let slot = cell / problems.count
                solves[cell % problems.count].append(
                    FirstSolveIndex.Entry(time: result.time, user: userIds[slot], slot: Int32(slot)))
            }
            lanes[lane.rawValue].firsts = FirstSolveIndex(unsorted: solves)
        }
    }
}
