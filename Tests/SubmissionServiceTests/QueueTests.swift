import ArenaCore
import ArenaTestSupport
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

    @Test func expiredLeasesRequeueThenEndInJE() async throws {
        try await TestApp.run(configure: { $0.submissionGap = 0 }) { app in
            let arena = try await Arena.make(app)
            _ = try await arena.contestant.send(.post, "/api/v1/contests/c/register")
            let id = try #require(try await arena.submit().json["id"] as? String)
            let queue = JudgeQueue(db: app.db, logger: TestDatabase.logger, leaseSeconds: 1)
            let first = try #require(try await queue.claim(worker: "dies-1"))
            try await Task.sleep(for: .milliseconds(1200))
            let second = try #require(try await queue.claim(worker: "dies-2"))
            #expect(second.jobId == first.jobId && second.attempt == 2)
            // The first worker comes back late: its attempt is stale.
            await #expect { try await queue.heartbeat(jobId: first.jobId, attempt: 1) } throws: { ($0 as? UserError)?.status == 409 }
            try await Task.sleep(for: .milliseconds(1200))
            let third = try #require(try await queue.claim(worker: "dies-3"))
            #expect(third.attempt == 3)
            try await Task.sleep(for: .milliseconds(1200))
            #expect(try await queue.claim(worker: "w") == nil)  // reaps: three attempts used up
            let detail = try await arena.contestant.send(.get, "/api/v1/submissions/\(id)").json
            #expect(detail["verdict"] as? String == "JE")
            #expect(detail["status"] as? String == "judged")
            let rows = try await app.db.query("SELECT error FROM submissions.judgements", logger: TestDatabase.logger)
            for try await error in rows.decode(String?.self) {
                #expect(error?.contains("dies-1") == true && error?.contains("dies-3") == true)
            }
        }
    }
}
