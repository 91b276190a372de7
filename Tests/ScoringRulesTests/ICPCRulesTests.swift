import ArenaCore
import ScoringRules
import Testing

@Suite("ICPC rules")
struct ICPCRulesTests {
    let config = ScoringConfig(rule: .icpc, problems: problems(3), durationMinutes: 300, penaltyMinutes: 20)

    @Test("penalty = minutes to first AC (floor) + 20 × rejected tries before it")
    func penaltyArithmetic() {
        var log = EventLog()
        log.submit(1, "A", at: 10, .wrongAnswer)
        log.submit(1, "A", at: 70, .timeLimitExceeded)
        log.submit(1, "A", at: 179.9, .accepted)  // minute 2
        log.submit(1, "A", at: 200, .wrongAnswer)  // after the AC: ignored
        log.submit(1, "B", at: 3599, .accepted)  // minute 59
        let table = standings(config, log).standings(view: .jury)
        let cell = table.cell(1, "A")
        #expect(cell.solved && cell.attempts == 3 && cell.timeSeconds == 179.9 && cell.pending == 0)
        #expect(table.row(1).penalty == 2 + 40 + 59)
        #expect(table.row(1).solved == 2 && table.row(1).score == 2)
    }

    @Test("CE, JE and pending tries do not count")
    func compileErrorsAndPending() {
        var log = EventLog()
        log.submit(1, "A", at: 60, .compileError)
        log.submit(1, "A", at: 120, .judgingError)
        log.submit(1, "A", at: 130)  // still pending when the AC is judged
        log.submit(1, "A", at: 600, .accepted)
        log.submit(1, "B", at: 60, .wrongAnswer)
        log.submit(1, "B", at: 70)
        let table = standings(config, log).standings(view: .jury)
        let a = table.cell(1, "A")
        #expect(a.solved && a.attempts == 1 && a.pending == 1)
        #expect(table.row(1).penalty == 10)
        let b = table.cell(1, "B")
        #expect(!b.solved && b.attempts == 1 && b.pending == 1 && b.timeSeconds == nil)
    }

    @Test("ties on solved, penalty and last-AC minute share a rank")
    func tiesShareRank() {
        var log = EventLog()
        log.submit(1, "A", at: 600, .accepted)
        log.submit(2, "A", at: 659, .accepted)  // same minute 10: tied with 1
        log.submit(3, "A", at: 660, .accepted)  // minute 11
        log.submit(4, "A", at: 60, .wrongAnswer)
        // 5 and 6: same solved and penalty (30), different last AC minute: 5 ahead.
        log.submit(5, "A", at: 600, .accepted)
        log.submit(5, "B", at: 1200, .accepted)
        log.submit(6, "A", at: 0, .accepted)
        log.submit(6, "B", at: 1800, .accepted)
        let table = standings(config, log, users: [7]).standings(view: .jury)
        #expect(table.ranking == [[5, 1], [6, 2], [1, 3], [2, 3], [3, 5], [4, 6], [7, 6]])
    }

    @Test("first to solve: the earliest AC, ties all first")
    func firstToSolve() {
        var log = EventLog()
        log.submit(1, "A", at: 300, .accepted)
        log.submit(2, "A", at: 300, .accepted)
        log.submit(3, "A", at: 301, .accepted)
        log.submit(3, "B", at: 900, .accepted)
        let table = standings(config, log).standings(view: .jury)
        #expect(table.cell(1, "A").first && table.cell(2, "A").first && !table.cell(3, "A").first)
        #expect(table.cell(3, "B").first)
    }

    @Test("a rejudge AC → WA → AC moves the row and the first-to-solve mark")
    func rejudge() throws {
        var log = EventLog()
        let ac = log.submit(1, "A", at: 120, .accepted)
        log.submit(2, "A", at: 600, .accepted)
        var engine = standings(config, log)
        let original = engine.standings(view: .jury)
        #expect(original.ranking == [[1, 1], [2, 2]] && original.cell(1, "A").first)

        log.judge(ac, .wrongAnswer)
        let changed = engine.apply(try #require(log.events.last))
        let rejudged = engine.standings(view: .jury)
        #expect(rejudged.ranking == [[2, 1], [1, 2]])
        #expect(!rejudged.cell(1, "A").solved && rejudged.cell(1, "A").attempts == 1)
        #expect(rejudged.cell(2, "A").first)
        #expect(changed == [1, 2])
        #expect(StandingsEngine.recompute(config: config, events: log.events).standings(view: .jury) == rejudged)

        log.judge(ac, .accepted)
        engine.apply(try #require(log.events.last))
        #expect(engine.standings(view: .jury).rows == original.rows)
        #expect(StandingsEngine.diff(from: rejudged, to: engine.standings(view: .jury)).map(\.user) == [1, 2])
    }

    @Test("losing first-to-solve is reported even when the rank stays")
    func firstToSolveChangeIsReported() throws {
        var log = EventLog()
        log.submit(1, "A", at: 600, .accepted)
        log.submit(1, "B", at: 60, .accepted)
        let late = log.submit(2, "A", at: 300)
        var engine = standings(config, log)
        #expect(engine.standings(view: .jury).cell(1, "A").first)
        log.judge(late, .accepted)
        #expect(engine.apply(try #require(log.events.last)) == [1, 2])
        let table = engine.standings(view: .jury)
        #expect(!table.cell(1, "A").first && table.cell(2, "A").first && table.ranking == [[1, 1], [2, 2]])
    }

    @Test("old event ids, unknown problems, late and duplicate submissions are ignored")
    func ignoredEvents() {
        var engine = StandingsEngine(config: config)
        engine.apply(.submitted(5, submission: 1, user: 1, problem: "A", time: 10))
        #expect(engine.apply(.judged(5, submission: 1, verdict: .accepted)).isEmpty)  // id not > 5
        engine.apply(.submitted(6, submission: 2, user: 2, problem: "Z", time: 10))
        engine.apply(.submitted(7, submission: 3, user: 3, problem: "A", time: 300 * 60 + 1))
        engine.apply(.judged(8, submission: 3, verdict: .accepted))
        engine.apply(.submitted(9, submission: 1, user: 4, problem: "B", time: 20))
        let table = engine.standings(view: .jury)
        #expect(table.version == 9)
        #expect(table.rows.map(\.user) == [1])
        #expect(table.cell(1, "A").pending == 1)
    }
}
