import ArenaCore
import ScoringRules
import Testing

@Suite("IOI rules")
struct IOIRulesTests {
    let config = ScoringConfig(rule: .ioi, problems: problems(2, points: 100), durationMinutes: 300)

    @Test("best score = sum over subtasks of the max across submissions")
    func perSubtaskMax() {
        var log = EventLog()
        log.submit(1, "A", at: 100, .wrongAnswer, score: 40, groups: ["g1": 30, "g2": 0, "g3": 10])
        log.submit(1, "A", at: 200, .timeLimitExceeded, score: 45, groups: ["g1": 0, "g2": 40, "g3": 5])
        log.submit(1, "A", at: 300, .wrongAnswer, score: 30, groups: ["g1": 30, "g2": 0, "g3": 0])
        log.submit(1, "A", at: 400, .compileError, score: 0)
        log.submit(1, "B", at: 100, .wrongAnswer, score: 20)  // no groups: the max total
        log.submit(1, "B", at: 200, .wrongAnswer, score: 35.5)
        log.submit(1, "B", at: 300, .wrongAnswer, score: 10)
        let table = standings(config, log).standings(view: .jury)
        let a = table.cell(1, "A")
        #expect(a.score == 80 && !a.solved && a.attempts == 3 && a.timeSeconds == 200)
        #expect(table.cell(1, "B").score == 35.5)
        #expect(table.row(1).score == 115.5 && table.row(1).solved == 0)
    }

    @Test("a full score solves; equal totals share a rank; rejudges lower the best")
    func fullScoreAndTies() throws {
        var log = EventLog()
        log.submit(1, "A", at: 100, .wrongAnswer, score: 50, groups: ["g1": 50, "g2": 0])
        let second = log.submit(1, "A", at: 200, .wrongAnswer, score: 50, groups: ["g1": 0, "g2": 50])
        log.submit(2, "A", at: 50, .accepted)  // AC with no score: full points
        log.submit(3, "B", at: 10, .wrongAnswer, score: 50)
        var engine = standings(config, log)
        var table = engine.standings(view: .jury)
        #expect(table.cell(1, "A").solved && table.cell(1, "A").timeSeconds == 200)
        #expect(table.cell(2, "A").first && !table.cell(1, "A").first)
        #expect(table.ranking == [[1, 1], [2, 1], [3, 3]])

        log.judge(second, .wrongAnswer, score: 0, groups: ["g1": 0, "g2": 0])
        engine.apply(try #require(log.events.last))
        table = engine.standings(view: .jury)
        #expect(table.ranking == [[2, 1], [1, 2], [3, 2]])
        #expect(table.cell(1, "A").score == 50 && table.cell(1, "A").timeSeconds == 100)
    }
}

@Suite("Codeforces rules")
struct CodeforcesRulesTests {
    let config = ScoringConfig(
        rule: .codeforces,
        problems: [ContestProblem(id: "A", maxPoints: 500), ContestProblem(id: "B", maxPoints: 1000)],
        durationMinutes: 120)

    @Test("the formula, checked by hand")
    func formula() {
        // 500 − ⌊120·500·10 / (250·120)⌋ − 50·1 = 500 − 20 − 50
        #expect(CellPoints.codeforces(500, minute: 10, contest: 120, rejected: 1) == 430)
        // 1000 − ⌊120·1000·119 / 30000⌋ − 150 = 1000 − 476 − 150
        #expect(CellPoints.codeforces(1000, minute: 119, contest: 120, rejected: 3) == 374)
        // 500 − ⌊780000 / 33750 = 23.11⌋ = 477
        #expect(CellPoints.codeforces(500, minute: 13, contest: 135, rejected: 0) == 477)
        // 500 − 238 − 250 = 12 < 0.3·500
        #expect(CellPoints.codeforces(500, minute: 119, contest: 120, rejected: 5) == 150)
    }

    @Test("points of the first AC, with w = rejected tries before it; totals rank")
    func standingsValues() {
        var log = EventLog()
        log.submit(1, "A", at: 60 * 10 + 59, .wrongAnswer)
        log.submit(1, "A", at: 60 * 10 + 59, .compileError)
        log.submit(1, "A", at: 60 * 10 + 59, .accepted)  // t = 10, w = 1: 430
        log.submit(1, "A", at: 60 * 11, .accepted)  // a later AC changes nothing
        log.submit(2, "B", at: 60 * 119, .wrongAnswer)
        log.submit(2, "B", at: 60 * 119, .wrongAnswer)
        log.submit(2, "B", at: 60 * 119, .wrongAnswer)
        log.submit(2, "B", at: 60 * 119 + 30, .accepted)  // 374
        log.submit(3, "A", at: 60 * 10 + 1, .wrongAnswer)
        log.submit(3, "A", at: 60 * 10, .accepted)  // earlier in time: the WA is after it, 480
        log.submit(4, "A", at: 60 * 10, .accepted)
        log.submit(4, "B", at: 60 * 119)  // pending
        let table = standings(config, log).standings(view: .jury)
        #expect(table.cell(1, "A").score == 430 && table.cell(1, "A").attempts == 2)
        #expect(table.cell(2, "B").score == 374 && table.cell(2, "B").first)
        #expect(table.cell(3, "A").score == 480 && table.cell(3, "A").first && table.cell(4, "A").first)
        #expect(table.cell(4, "B").pending == 1)
        #expect(table.ranking == [[3, 1], [4, 1], [1, 3], [2, 4]])
    }
}

/// The Codeforces formula through the engine: one AC after `rejected` WAs at `minute`.
enum CellPoints {
    static func codeforces(_ points: Double, minute: Int, contest: Int, rejected: Int) -> Double {
        let config = ScoringConfig(rule: .codeforces, problems: [ContestProblem(id: "A", maxPoints: points)],
                                   durationMinutes: contest)
        var log = EventLog()
        for _ in 0..<rejected { log.submit(1, "A", at: 0, .wrongAnswer) }
        log.submit(1, "A", at: Double(minute * 60) + 30, .accepted)
        return standings(config, log).standings(view: .jury).row(1).score
    }
}
