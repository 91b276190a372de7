import ArenaCore
import ScoringRules

/// A deliberately plain, from-the-rules implementation (no incremental state, no shared code)
/// that the engine is checked against on random histories. `cutoff` hides tries at/after it.
enum ReferenceStandings {
    struct Submission {
        var id: Int64, user: Int64, problem: Int, time: Double
        var verdict: Verdict?, score: Double?, groups: [String: Double]?
    }

    static func compute(_ config: ScoringConfig, _ events: [ScoringEvent], users: [Int64], cutoff: Double) -> [Standings.Row] {
        var submissions: [Int64: Submission] = [:]
        var everyone = Set(users)
        var last: Int64 = 0
        for event in events where event.eventId > last {
            last = event.eventId
            switch event.kind {
            case let .submitted(id, user, problemId, time):
                guard submissions[id] == nil, let problem = config.problems.firstIndex(where: { $0.id == problemId }),
                      time >= 0, time <= Double(config.durationMinutes * 60) else { continue }
                submissions[id] = Submission(id: id, user: user, problem: problem, time: time)
                everyone.insert(user)
            case let .judged(id, verdict, score, groups):
                submissions[id]?.verdict = verdict
                submissions[id]?.score = score
                submissions[id]?.groups = groups
            }
        }
        let byCell = Dictionary(grouping: submissions.values) { [$0.user, Int64($0.problem)] }
        var rows = everyone.map { user in
            let cells = config.problems.indices.map { problem in
                let tries = (byCell[[user, Int64(problem)]] ?? []).sorted { ($0.time, $0.id) < ($1.time, $1.id) }
                return cell(config, problem, tries.filter { $0.time < cutoff }, hidden: tries.count(where: { $0.time >= cutoff }))
            }
            let solved = cells.count(where: \.solved)
            let penalty = config.rule == .icpc ? cells.reduce(0) { $0 + $1.penalty } : 0
            let sum = cells.reduce(0.0) { $0 + $1.cell.score }
            return Standings.Row(rank: 0, user: user, solved: solved, penalty: penalty,
                                 score: config.rule == .icpc ? Double(solved) : round6(sum), cells: cells.map(\.cell))
        }
        func lastAC(_ row: Standings.Row) -> Int { row.cells.filter(\.solved).map { Int($0.timeSeconds! / 60) }.max() ?? 0 }
        func key(_ row: Standings.Row) -> [Double] {
            config.rule == .icpc ? [-Double(row.solved), Double(row.penalty), Double(lastAC(row))] : [-row.score]
        }
        rows.sort { key($0) != key($1) ? key($0).lexicographicallyPrecedes(key($1)) : $0.user < $1.user }
        for index in rows.indices {
            rows[index].rank = index > 0 && key(rows[index - 1]) == key(rows[index]) ? rows[index - 1].rank : index + 1
        }
        for problem in config.problems.indices {
            let first = rows.compactMap { $0.cells[problem].solved ? $0.cells[problem].timeSeconds : nil }.min()
            for index in rows.indices where rows[index].cells[problem].solved {
                rows[index].cells[problem].first = rows[index].cells[problem].timeSeconds == first
            }
        }
        return rows
    }

    static func round6(_ x: Double) -> Double { (x * 1_000_000).rounded() / 1_000_000 }

    static func cell(_ config: ScoringConfig, _ problem: Int, _ tries: [Submission], hidden: Int)
        -> (cell: Standings.Cell, solved: Bool, penalty: Int) {
        let spec = config.problems[problem]
        var cell = Standings.Cell(problem: spec.id, solved: false, attempts: 0, timeSeconds: nil, score: 0, pending: 0, first: false)
        var penalty = 0
        if config.rule == .ioi {
            var groups: [String: Double] = [:]
            var total = 0.0
            for attempt in tries {
                guard let verdict = attempt.verdict else { cell.pending += 1; continue }
                guard verdict == .accepted || verdict.isPenalised else { continue }
                cell.attempts += 1
                total = max(total, attempt.score ?? (verdict == .accepted ? spec.maxPoints : 0))
                groups.merge(attempt.groups ?? [:]) { max($0, $1) }
                let best = round6(max(total, groups.sorted { $0.key < $1.key }.reduce(0.0) { $0 + $1.value }))
                if best > cell.score { cell.score = best; cell.timeSeconds = attempt.time }
            }
            cell.solved = cell.score >= spec.maxPoints - 1e-9
        } else {
            let acceptedAt = tries.firstIndex { $0.verdict == .accepted }
            let before = tries[..<(acceptedAt ?? tries.count)]
            let rejected = before.count { $0.verdict?.isPenalised == true }
            cell.pending = before.count { $0.verdict == nil }
            cell.attempts = rejected
            if let acceptedAt {
                let t = Int(tries[acceptedAt].time / 60)
                cell.solved = true
                cell.attempts += 1
                cell.timeSeconds = tries[acceptedAt].time
                if config.rule == .icpc {
                    cell.score = 1
                    penalty = t + config.penaltyMinutes * rejected
                } else {
                    let x = spec.maxPoints
                    let decay = (120 * Int(x) * t) / (250 * config.durationMinutes)
                    cell.score = round6(max(0.3 * x, x - Double(decay) - 50 * Double(rejected)))
                }
            }
        }
        if !cell.solved { cell.pending += hidden }
        return (cell, cell.solved, penalty)
    }
}
