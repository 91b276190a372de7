import ArenaCore
import ScoringRules
import Testing

/// Builds an event log with increasing event and submission ids.
struct EventLog {
    var events: [ScoringEvent] = []
    var nextEvent: Int64 = 1
    var nextSubmission: Int64 = 1

    /// Adds a submission (and its judgement when `verdict` is given); returns its id.
    @discardableResult
    mutating func submit(
        _ user: Int64, _ problem: String, at time: Double, _ verdict: Verdict? = nil,
        score: Double? = nil, groups: [String: Double]? = nil
    ) -> Int64 {
        let id = nextSubmission
        nextSubmission += 1
        events.append(.submitted(nextEvent, submission: id, user: user, problem: problem, time: time))
        nextEvent += 1
        if let verdict { judge(id, verdict, score: score, groups: groups) }
        return id
    }

    /// Adds a judgement (or rejudge) of submission `id`.
    mutating func judge(_ id: Int64, _ verdict: Verdict, score: Double? = nil, groups: [String: Double]? = nil) {
        events.append(.judged(nextEvent, submission: id, verdict: verdict, score: score, groupScores: groups))
        nextEvent += 1
    }
}

/// Applies `log` incrementally, checks the result against a full recompute in every view,
/// and returns the engine.
func standings(_ config: ScoringConfig, _ log: EventLog, users: [Int64] = []) -> StandingsEngine {
    var engine = StandingsEngine(config: config)
    for user in users { engine.addUser(user) }
    engine.apply(log.events)
    let fresh = StandingsEngine.recompute(config: config, events: log.events, users: users)
    var views: [StandingsView] = [.jury, .public]
    views += engine.standings(view: .jury).rows.map { .user($0.user) }
    for view in views {
        #expect(engine.standings(view: view) == fresh.standings(view: view), "view \(view)")
    }
    return engine
}

extension Standings {
    /// The row of `user`.
    func row(_ user: Int64) -> Row {
        rows.first { $0.user == user }!
    }

    /// The cell of `user` for `problem`.
    func cell(_ user: Int64, _ problem: String) -> Cell {
        row(user).cells.first { $0.problem == problem }!
    }

    /// (user, rank) pairs in order.
    var ranking: [[Int64]] {
        rows.map { [$0.user, Int64($0.rank)] }
    }
}

/// Problems "A", "B", … with `points` each.
func problems(_ count: Int, points: Double = 0) -> [ContestProblem] {
    (0..<count).map { ContestProblem(id: String(UnicodeScalar(UInt8(65 + $0))), maxPoints: points) }
}
