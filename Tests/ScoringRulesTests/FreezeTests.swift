import ArenaCore
import Foundation
import ScoringRules
import Testing

@Suite("Freeze and views")
struct FreezeTests {
    let config = ScoringConfig(
        rule: .icpc, problems: problems(2), durationMinutes: 300, penaltyMinutes: 20, freezeSeconds: 3600)

    /// 1 solves A before the freeze; 2 has a WA before and an AC plus a pending try after it;
    /// 3 solves B after the freeze.
    var log: EventLog {
        var log = EventLog()
        log.submit(1, "A", at: 1000, .accepted)
        log.submit(2, "A", at: 1200, .wrongAnswer)
        log.submit(2, "A", at: 3600, .accepted)
        log.submit(2, "A", at: 3700)
        log.submit(1, "B", at: 3000, .wrongAnswer)
        log.submit(1, "B", at: 4000, .wrongAnswer)
        log.submit(3, "B", at: 5000, .accepted)
        log.submit(1, "A", at: 5000, .wrongAnswer)  // after 1's AC: ignored even when frozen
        return log
    }

    @Test("the public view hides results of tries at/after the freeze: \"?\" with their count")
    func publicView() {
        let table = standings(config, log).standings(view: .public)
        #expect(table.frozen)
        let a2 = table.cell(2, "A")
        #expect(!a2.solved && a2.attempts == 1 && a2.pending == 2 && a2.timeSeconds == nil)
        let b1 = table.cell(1, "B")
        #expect(!b1.solved && b1.attempts == 1 && b1.pending == 1)
        let b3 = table.cell(3, "B")
        #expect(!b3.solved && b3.pending == 1 && !b3.first)
        #expect(table.cell(1, "A").solved && table.cell(1, "A").pending == 0 && table.cell(1, "A").first)
        #expect(table.ranking == [[1, 1], [2, 2], [3, 2]])
    }

    @Test("the jury view is live")
    func juryView() {
        let table = standings(config, log).standings(view: .jury)
        #expect(!table.frozen)
        #expect(table.cell(2, "A").solved && table.cell(2, "A").pending == 0 && table.row(2).penalty == 80)
        #expect(table.cell(3, "B").first && table.cell(1, "B").attempts == 2)
        #expect(table.ranking == [[1, 1], [2, 2], [3, 3]])
    }

    @Test("a contestant sees their own row live among the public rows")
    func ownView() {
        let engine = standings(config, log)
        let three = engine.standings(view: .user(3))
        #expect(three.ranking == [[1, 1], [3, 2], [2, 3]])
        #expect(three.cell(3, "B").solved && three.cell(3, "B").first)
        #expect(!three.cell(2, "A").solved && three.cell(2, "A").pending == 2)
        let two = engine.standings(view: .user(2))
        #expect(two.ranking == [[1, 1], [2, 2], [3, 3]])
        #expect(two.cell(2, "A").solved && !two.cell(3, "B").solved)
        for view: StandingsView in [.user(3), .user(2), .public, .jury] {
            let full = engine.standings(view: view).rows
            #expect(engine.rows(for: [3, 2], view: view) == full.filter { $0.user != 1 }, "\(view)")
        }
        #expect(engine.standings(view: .user(99)) == engine.standings(view: .public))
    }

    @Test("unfreezing shows everything publicly")
    func unfreeze() {
        var engine = standings(config, log)
        #expect(engine.unfreeze() == [1, 2, 3])
        let table = engine.standings(view: .public)
        #expect(!table.frozen)
        #expect(table.rows == engine.standings(view: .jury).rows)
        var unfrozen = config
        unfrozen.unfrozen = true
        #expect(StandingsEngine.recompute(config: unfrozen, events: log.events).standings(view: .public) == table)
    }

    @Test("the JSON has the API's field names, with time_s null when unsolved")
    func json() throws {
        let table = standings(config, log).standings(view: .public)
        let plain = JSONEncoder()
        plain.outputFormatting = .sortedKeys
        let data = try plain.encode(table)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["version", "frozen", "rows"])
        let row = try #require((object["rows"] as? [[String: Any]])?.first)
        #expect(Set(row.keys) == ["rank", "user", "solved", "penalty", "score", "cells"])
        let cells = try #require(row["cells"] as? [[String: Any]])
        #expect(Set(cells[0].keys) == ["problem", "solved", "attempts", "time_s", "score", "pending", "first"])
        #expect(cells[1]["time_s"] is NSNull)
        #expect(try JSONDecoder().decode(Standings.self, from: data) == table)
        let snake = JSONEncoder()
        snake.keyEncodingStrategy = .convertToSnakeCase
        snake.outputFormatting = .sortedKeys
        #expect(try snake.encode(table) == data)
    }
}
