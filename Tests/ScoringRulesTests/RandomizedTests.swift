import ArenaCore
import ScoringRules
import Testing

@Suite("Incremental = recompute on random histories")
struct RandomizedTests {
    @Test("10,500 events, 500 users, 12 problems, rejudges and a freeze", arguments: ScoringRule.allCases)
    func incrementalMatchesRecompute(rule: ScoringRule) {
        let seed = 20_261_125 + UInt64(ScoringRule.allCases.firstIndex(of: rule)!)
        let history = RandomHistory(rule: rule, seed: seed)
        let events = history.events
        var rng = SplitMix64(seed: seed)
        var checkpoints = Set((0..<12).map { _ in Int.random(in: 1...events.count, using: &rng) })
        checkpoints.insert(events.count)

        var engine = StandingsEngine(config: history.config)
        for user in history.extraUsers { engine.addUser(user) }
        for (index, event) in events.enumerated() {
            if index % 101 == 50 {
                // Every user whose row differs after the event must have been reported.
                let before = [engine.standings(view: .jury), engine.standings(view: .public)]
                let changed = engine.apply(event)
                let after = [engine.standings(view: .jury), engine.standings(view: .public)]
                for (old, new) in zip(before, after) {
                    let moved = Set(StandingsEngine.diff(from: old, to: new).map(\.user))
                    #expect(moved.isSubset(of: changed), "seed \(seed), event \(index): \(moved.subtracting(changed))")
                }
            } else {
                engine.apply(event)
            }
            guard checkpoints.contains(index + 1) else { continue }
            let prefix = Array(events[...index])
            let fresh = StandingsEngine.recompute(config: history.config, events: prefix, users: history.extraUsers)
            compare(engine, fresh, prefix: prefix, history: history, rng: &rng)
        }

        var unfrozenConfig = history.config
        unfrozenConfig.unfrozen = true
        engine.unfreeze()
        let fresh = StandingsEngine.recompute(config: unfrozenConfig, events: events, users: history.extraUsers)
        #expect(engine.standings(view: .public) == fresh.standings(view: .public))
        #expect(engine.standings(view: .public).rows == engine.standings(view: .jury).rows)
    }

    @Test("every event reports exactly the rows it changes (small contest)", arguments: ScoringRule.allCases)
    func changedRowsAreReported(rule: ScoringRule) {
        let seed = 7_000 + UInt64(ScoringRule.allCases.firstIndex(of: rule)!)
        let history = RandomHistory(rule: rule, seed: seed, users: 40, problemCount: 5, eventCount: 2_000)
        var engine = StandingsEngine(config: history.config)
        let views: [StandingsView] = [.jury, .public]
        var before = views.map { engine.standings(view: $0) }
        for (index, event) in history.events.enumerated() {
            let changed = engine.apply(event)
            let after = views.map { engine.standings(view: $0) }
            var moved = Set<Int64>()
            for (old, new) in zip(before, after) {
                moved.formUnion(StandingsEngine.diff(from: old, to: new).map(\.user))
            }
            #expect(moved == changed, "seed \(seed), event \(index)")
            before = after
        }
    }

    private func compare(
        _ engine: StandingsEngine, _ fresh: StandingsEngine, prefix: [ScoringEvent], history: RandomHistory,
        rng: inout SplitMix64
    ) {
        let jury = engine.standings(view: .jury)
        let everyone = jury.rows.map(\.user)
        var views: [StandingsView] = [.jury, .public, .user(123_456)]
        for _ in 0..<3 { views.append(.user(everyone.randomElement(using: &rng)!)) }
        for view in views {
            let full = engine.standings(view: view)
            #expect(full == fresh.standings(view: view), "prefix \(prefix.count), view \(view)")
            let some = Set((0..<25).map { _ in everyone.randomElement(using: &rng)! })
            #expect(engine.rows(for: some, view: view) == full.rows.filter { some.contains($0.user) })
        }
        let config = history.config
        let live = ReferenceStandings.compute(config, prefix, users: history.extraUsers, cutoff: .infinity)
        #expect(jury.rows == live, "reference, jury, prefix \(prefix.count)")
        let frozen = ReferenceStandings.compute(config, prefix, users: history.extraUsers, cutoff: config.freezeSeconds!)
        #expect(engine.standings(view: .public).rows == frozen, "reference, public, prefix \(prefix.count)")
    }
}
