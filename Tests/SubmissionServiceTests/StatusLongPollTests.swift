import ArenaCore
import ArenaTestSupport
import Foundation
import HTTPTypes
import SubmissionService
import Testing

/// The status long-poll at scale (issue 9, item 4): a judge's progress wakes only the waiters of
/// its submission and is answered from the notification; a user's long-polls are capped.
@Suite(.serialized) struct StatusLongPollTests {
    static func token(_ html: String) -> String? {
        html.range(of: #"data-token="([^"]*)""#, options: .regularExpression).map { String(html[$0].dropFirst(12).dropLast()) }
    }

    /// `arena_status_reads_total` from `/metrics` (nil when absent).
    static func reads(_ app: TestApp) async throws -> Int? {
        let text = try await TestSession(app.client).send(.get, "/metrics").text
        return text.split(separator: "\n").first { $0.hasPrefix("arena_status_reads_total ") }
            .flatMap { Double($0.split(separator: " ").last ?? "").map { Int($0) } }
    }

    @Test func progressWakesOnlyItsOwnWaitersAndLongPollsAreCappedPerUser() async throws {
        try await TestApp.run(live: true, configure: { $0.submissionGap = 0 }) { app in
            let arena = try await Arena.make(app)
            _ = try await arena.contestant.send(.post, "/api/v1/contests/c/register")
            let mine = try #require(try await arena.submit().json["id"] as? String)
            // Other contestants each wait on their own queued submission, four long-polls apiece.
            var others: [Task<String, any Error>] = []
            // (Each long-poll on a connection of its own: one connection answers in order.)
            for n in 0..<3 {
                let other = try await session(app, role: "contestant", name: "other\(n)\(UInt16.random(in: 0...UInt16.max))")
                _ = try await other.send(.post, "/api/v1/contests/c/register")
                let body = #"{"problem_id":"plus","contest_id":"c","language":"python3","source":"print(1)\n"}"#
                let id = try #require(try await other.send(.post, "/api/v1/submissions", json: body).json["id"] as? String)
                let token = try #require(Self.token(try await other.send(.get, "/submissions/\(id)/status").text))
                for _ in 0..<4 {
                    others.append(Task { try await other.getOnOwnConnection("/submissions/\(id)/status?after=\(token)").text })
                }
            }
            let queue = JudgeQueue(db: app.db, logger: TestDatabase.logger, leaseSeconds: 30)
            let job = try #require(try await queue.claim(worker: "w"))
            #expect("\(job.submissionId)" == mine)
            try await Task.sleep(for: .milliseconds(500))  // the twelve are waiting
            let before = try #require(try await Self.reads(app))

            // Ten progress reports on "mine", each awaited by a long-poll of its own.
            for test in 1...10 {
                let token = try #require(Self.token(try await arena.contestant.send(.get, "/submissions/\(mine)/status").text))
                let waiting = Task { try await arena.contestant.getOnOwnConnection("/submissions/\(mine)/status?after=\(token)").text }
                try await Task.sleep(for: .milliseconds(100))
                try await queue.heartbeat(jobId: job.jobId, attempt: job.attempt, progress: JudgeProgress(phase: "running", test: test, of: 10))
                let answered = try await waiting.value
                #expect(answered.contains("Running on test \(test) of 10"), "\(answered)")
            }
            let after = try #require(try await Self.reads(app))
            print("status long-poll: \(after - before) database reads for 10 progress reports with 12 other waiters")
            // Two reads per round (the plain fetch and the long-poll's first); none for the others' waiters,
            // and none to answer progress (it comes in the notification). Waking everyone would add 12 per round.
            #expect(after - before <= 25, "\(after - before) database reads for 10 progress reports")
            #expect(others.count == 12)

            // The cap: a user holds at most 8 long-polls; the 9th is refused at once with 429.
            let token = try #require(Self.token(try await arena.contestant.send(.get, "/submissions/\(mine)/status").text))
            var held: [Task<Int, any Error>] = []
            for _ in 0..<8 {
                held.append(Task { Int(try await arena.contestant.getOnOwnConnection("/submissions/\(mine)/status?after=\(token)").status.code) })
            }
            try await Task.sleep(for: .milliseconds(500))
            let refused = try await arena.contestant.send(.get, "/submissions/\(mine)/status?after=\(token)")
            #expect(refused.status.code == 429 && refused.headers[.retryAfter] == "2")
            // The verdict answers all eight (and the twelve others keep waiting on their own submissions).
            try await queue.finish(jobId: job.jobId, attempt: job.attempt, result: QueueTests.result(.accepted), worker: "w")
            for task in held { #expect(try await task.value == 200) }
            let done = try await arena.contestant.send(.get, "/submissions/\(mine)/status?after=\(token)")
            #expect(done.status == .ok && done.text.contains("Accepted"))
            for task in others { task.cancel() }
        }
    }
}
