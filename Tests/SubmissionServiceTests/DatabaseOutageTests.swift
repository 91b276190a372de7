import ArenaCore
import ArenaTestSupport
import Foundation
import HTTPTypes
import Testing

/// PostgreSQL stopped and started under submission load (issue 9, items 2 and 15), on a private
/// server the test starts itself: while it is down requests answer 503 with `Retry-After` at
/// once (HTML or JSON as asked) and `/readyz` says 503; every 202 is stored; once it is back the
/// server serves again (measured; the bound asserted is only a hang detector).
@Suite(.serialized) struct DatabaseOutageTests {
    struct Answer: Sendable {
        var at: Date
        var seconds: Double
        var status: Int
        var id: Int?
        var retryAfter: String?
    }

    actor Recorder {
        var answers: [Answer] = []
        var stopped = false
        func add(_ answer: Answer) { answers.append(answer) }
        func stop() { stopped = true }
    }

    @Test(.enabled(if: PrivatePostgres.isAvailable)) func submissionsDuringAnOutageFailFastAndNothingIsLost() async throws {
        try await PrivatePostgres.withServer { pg in
            try await TestApp.run(database: pg.config, live: true, configure: { $0.submissionGap = 0 }) { app in
                let arena = try await Arena.make(app)
                _ = try await arena.contestant.send(.post, "/api/v1/contests/c/register")
                #expect(try await arena.submit().status == .accepted)
                let recorder = Recorder()
                // Submissions keep coming, one after another, through the whole test.
                let poster = Task {
                    while await !recorder.stopped {
                        let began = Date()
                        let response = try await arena.submit("print(\(Int.random(in: 0...1_000_000)))\n")
                        await recorder.add(Answer(at: began, seconds: Date().timeIntervalSince(began), status: Int(response.status.code),
                                                  id: (response.json["id"] as? String).flatMap { Int($0) }, retryAfter: response.headers[.retryAfter]))
                        try await Task.sleep(for: .milliseconds(20))
                    }
                }
                let probe = TestSession(app.client)
                try await Task.sleep(for: .seconds(1))
                #expect(try await probe.send(.get, "/readyz").status == .ok)

                let stopped = Date()
                try await pg.stop()
                try await Task.sleep(for: .seconds(3))
                // Down: /readyz, an HTML page and the JSON API all answer 503 promptly.
                let readyStart = Date()
                let ready = try await probe.send(.get, "/readyz")
                let readySeconds = Date().timeIntervalSince(readyStart)
                #expect(ready.status == .serviceUnavailable)
                let page = try await arena.contestant.send(.get, "/contests/c", headers: ["Accept": "text/html"])
                #expect(page.status == .serviceUnavailable && page.headers[.retryAfter] != nil)
                #expect(page.headers[.contentType]?.hasPrefix("text/html") == true && page.text.contains("try again"))
                let api = try await arena.contestant.send(.get, "/api/v1/submissions")
                #expect(api.status == .serviceUnavailable && (api.json["error"] as? String)?.contains("try again") == true)

                try await pg.start()
                let restarted = Date()
                // Served again: the first 202 after the restart (10 s is only a hang detector).
                var served: Date?
                while served == nil, Date().timeIntervalSince(restarted) < 10 {
                    served = await recorder.answers.first { $0.at >= restarted && $0.status == 202 }.map { $0.at.addingTimeInterval($0.seconds) }
                    try await Task.sleep(for: .milliseconds(20))
                }
                try await Task.sleep(for: .milliseconds(500))
                await recorder.stop()
                try await poster.value
                #expect(try await probe.send(.get, "/readyz").status == .ok)

                let all = await recorder.answers
                let accepted = all.filter { $0.status == 202 }.compactMap(\.id)
                #expect(accepted.count == all.filter { $0.status == 202 }.count && !accepted.isEmpty)
                let refused = all.filter { $0.status == 503 }
                #expect(served != nil, "not served again within 10 s of the restart")
                #expect(Set(all.map(\.status)).isSubset(of: [202, 503]), "\(Set(all.map(\.status)))")
                #expect(refused.allSatisfy { $0.retryAfter != nil })
                // 503s only while it was down: none before the stop, none after service resumed.
                #expect(refused.allSatisfy { $0.at.addingTimeInterval($0.seconds) >= stopped && $0.at <= (served ?? .distantFuture) })
                #expect(!refused.isEmpty)
                // Every 202 is stored.
                var stored: [Int] = []
                for try await id in try await app.db.query("SELECT id FROM submissions.submissions", logger: TestDatabase.logger).decode(Int.self) {
                    stored.append(id)
                }
                #expect(Set(accepted).isSubset(of: Set(stored)), "\(Set(accepted).subtracting(stored).count) accepted submissions missing")
                let slowest = refused.map(\.seconds).max() ?? 0
                print(String(format: "outage: %d answers, %d accepted, %d refused (slowest 503 %.3f s), /readyz while down %.3f s, served %.3f s after the restart",
                             all.count, accepted.count, refused.count, slowest, readySeconds, (served ?? .distantFuture).timeIntervalSince(restarted)))
            }
        }
    }
}
