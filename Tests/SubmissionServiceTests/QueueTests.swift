import ArenaCore
import ArenaTestSupport
import ContestService
import Foundation
import SubmissionService
import Testing

@Suite struct QueueTests {
    static func result(_ verdict: Verdict) -> JudgeResult {
        JudgeResult(verdict: verdict, score: nil, timeMs: 5, memoryKb: 1024, compileOutput: "",
                    tests: [TestRunResult(name: "sample/1", verdict: verdict, timeMs: 5, memoryKb: 1024, isSample: true)])
    }

    @Test func claimHeartbeatResultIdempotentAndStale() async throws {
        try await TestApp.run(configure: { $0.submissionGap = 0 }) { app in
            let arena = try await Arena.make(app)
            _ = try await arena.contestant.send(.post, "/api/v1/contests/c/register")
            let id = try #require(try await arena.submit().json["id"] as? String)
            let queue = JudgeQueue(db: app.db, logger: TestDatabase.logger, leaseSeconds: 30)
            let job = try #require(try await queue.claim(worker: "w1"))
            #expect("\(job.submissionId)" == id)
            #expect(job.attempt == 1)
            #expect(try await queue.claim(worker: "w2") == nil)
            try await queue.heartbeat(jobId: job.jobId, attempt: 1, progress: JudgeProgress(phase: "running", test: 2, of: 3))
            let running = try await arena.contestant.send(.get, "/api/v1/submissions/\(id)").json
            #expect(running["progress"] as? String == "running on test 2")
            try await queue.finish(jobId: job.jobId, attempt: 1, result: Self.result(.accepted), worker: "w1")
            try await queue.finish(jobId: job.jobId, attempt: 1, result: Self.result(.accepted), worker: "w1")  // idempotent
            await #expect { try await queue.finish(jobId: job.jobId, attempt: 2, result: Self.result(.wrongAnswer), worker: "w2") } throws: {
                ($0 as? UserError)?.status == 409
            }
            let done = try await arena.contestant.send(.get, "/api/v1/submissions/\(id)").json
            #expect(done["status"] as? String == "judged")
            #expect(done["verdict"] as? String == "AC")
            #expect((done["tests"] as? [[String: Any]])?.count == 1)
            #expect(try await arena.count("events") == 2)  // submitted + judged, once each
        }
    }

    /// The status fragment long-polls: asked with the current token, it answers when the judge
    /// reports progress, with "Running on test 2".
    @Test func statusFragmentLongPollsUntilTheJudgeReports() async throws {
        try await TestApp.run(live: true, configure: { $0.submissionGap = 0 }) { app in
            let arena = try await Arena.make(app)
            _ = try await arena.contestant.send(.post, "/api/v1/contests/c/register")
            let id = try #require(try await arena.submit().json["id"] as? String)
            #expect(try await arena.contestant.send(.get, "/submissions/\(id)/status").text.contains("In queue"))
            let queue = JudgeQueue(db: app.db, logger: TestDatabase.logger, leaseSeconds: 30)
            let job = try #require(try await queue.claim(worker: "w"))
            let first = try await arena.contestant.send(.get, "/submissions/\(id)/status").text
            let token = try #require(first.range(of: #"data-token="([^"]*)""#, options: .regularExpression).map {
                String(first[$0].dropFirst(12).dropLast())
            })
            let waiting = Task { try await arena.contestant.send(.get, "/submissions/\(id)/status?after=\(token)").text }
            try await Task.sleep(for: .milliseconds(300))
            try await queue.heartbeat(jobId: job.jobId, attempt: job.attempt, progress: JudgeProgress(phase: "running", test: 2, of: 3))
            let answered = try await waiting.value
            #expect(answered.contains("Running on test 2 of 3"), "\(answered)")
        }
    }

    /// The jury rejudges every submission of a problem: old judgements stay as history, the
    /// list shows which verdicts changed, and each new verdict reaches the event log.
    @Test func rejudgeAllOfAProblemKeepsHistoryAndShowsChanges() async throws {
        try await TestApp.run(configure: { $0.submissionGap = 0 }) { app in
            let arena = try await Arena.make(app)
            _ = try await arena.contestant.send(.post, "/api/v1/contests/c/register")
            let first = try #require(try await arena.submit().json["id"] as? String)
            let second = try #require(try await arena.submit().json["id"] as? String)
            let queue = JudgeQueue(db: app.db, logger: TestDatabase.logger, leaseSeconds: 30)
            func judge(_ verdicts: [String: Verdict]) async throws {
                for _ in verdicts {
                    let job = try #require(try await queue.claim(worker: "w"))
                    try await queue.finish(jobId: job.jobId, attempt: job.attempt, result: Self.result(verdicts["\(job.submissionId)"] ?? .judgingError),
                                           worker: "w")
                }
            }
            try await judge([first: .wrongAnswer, second: .wrongAnswer])

            let body = #"{"contest_id":"c","problem_id":"plus"}"#
            #expect(try await arena.contestant.send(.post, "/api/v1/submissions/rejudge", json: body).status == .forbidden)
            // The setter fixes the test data: a new version, which the rejudge must use.
            let folder = try Fixtures.temporaryFolder()
            var files = Fixtures.package("plus")
            files["plus/data/secret/9.in"] = "4 5\n"; files["plus/data/secret/9.ans"] = "9\n"
            try Fixtures.write(files, in: folder)
            _ = try await ProblemImporter(db: app.db, logger: TestDatabase.logger).importPackages(at: [folder])
            try await Task.sleep(for: .milliseconds(1100))  // the app's contest problem lists are cached for one second
            let jury = try await jurySession(app)
            let queued = try await jury.send(.post, "/api/v1/submissions/rejudge", json: body)
            #expect(queued.status == .accepted && queued.json["queued"] as? String == "2", "\(queued.text)")
            let versions = try await app.db.query("""
                SELECT count(DISTINCT problem_version)::int, count(*)::int FROM submissions.judgements WHERE reason = 'rejudge'
                  AND problem_version = (SELECT current_version FROM contests.problems WHERE id = 'plus')
                  AND problem_version <> (SELECT min(problem_version) FROM submissions.judgements)
                """, logger: TestDatabase.logger).decode((Int, Int).self).first()
            #expect(versions?.0 == 1 && versions?.1 == 2, "the rejudge used the new version: \(String(describing: versions))")
            try await judge([first: .accepted, second: .wrongAnswer])

            // Only the first changed: WA → AC.
            let rows = try await jury.send(.get, "/api/v1/submissions?contest_id=c&changed=true").jsonArray
            #expect(rows.map { "\($0["id"] ?? "")" } == [first], "\(rows)")
            #expect(rows.first?["previous_verdict"] as? String == "WA" && rows.first?["verdict"] as? String == "AC")
            let page = try await jury.send(.get, "/contests/c/submissions?changed=on")
            #expect(page.text.contains("WA</s> → AC"))
            #expect(!page.text.contains("/submissions/\(second)\""))
            let history = try await jury.send(.get, "/submissions/\(first)").text
            #expect(history.contains("Judgement history") && history.contains("rejudge"))
            #expect(!(try await arena.contestant.send(.get, "/submissions/\(first)").text.contains("Judgement history")))
            let judged = try await app.db.query("SELECT count(*)::int FROM submissions.events WHERE kind = 'judged'", logger: TestDatabase.logger)
                .decode(Int.self).first()
            #expect(judged == 4)
        }
    }
}
