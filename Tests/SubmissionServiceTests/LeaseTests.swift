import ArenaCore
import ArenaTestSupport
import Foundation
import SubmissionService
import Testing

/// Issue 8, defect 5: a judge that vanishes (its lease expires) is not charged to the submission
/// the way a failure a judge reports is; a bound still stops a submission that kills every judge.
@Suite struct LeaseTests {
    /// A judge "dies": its lease runs out at once (as if it had not heartbeaten for a lease).
    func loseTheJudge(_ app: TestApp) async throws {
        try await app.db.query("UPDATE submissions.judge_jobs SET lease_until = now() - interval '1 second' WHERE state = 'claimed'",
                               logger: TestDatabase.logger)
    }

    @Test func threeLostJudgesDoNotMakeAJudgingError() async throws {
        try await TestApp.run(configure: { $0.submissionGap = 0 }) { app in
            let arena = try await Arena.make(app)
            _ = try await arena.contestant.send(.post, "/api/v1/contests/c/register")
            let id = try #require(try await arena.submit().json["id"] as? String)
            let queue = JudgeQueue(db: app.db, logger: TestDatabase.logger, leaseSeconds: 30)
            for attempt in 1...3 {
                let job = try #require(try await queue.claim(worker: "killed-\(attempt)"))
                #expect(job.attempt == attempt)
                try await loseTheJudge(app)
            }
            let fourth = try #require(try await queue.claim(worker: "survivor"))
            #expect(fourth.attempt == 4)
            // A judge lost earlier comes back late: its attempt is stale.
            await #expect { try await queue.heartbeat(jobId: fourth.jobId, attempt: 3) } throws: { ($0 as? UserError)?.status == 409 }
            try await queue.finish(jobId: fourth.jobId, attempt: 4, result: QueueTests.result(.accepted), worker: "survivor")
            let detail = try await arena.contestant.send(.get, "/api/v1/submissions/\(id)").json
            #expect(detail["verdict"] as? String == "AC", "\(detail)")
        }
    }

    @Test func aSubmissionThatKillsEveryJudgeEndsInJEForTheJury() async throws {
        try await TestApp.run(configure: { $0.submissionGap = 0 }) { app in
            let arena = try await Arena.make(app)
            _ = try await arena.contestant.send(.post, "/api/v1/contests/c/register")
            let id = try #require(try await arena.submit().json["id"] as? String)
            let queue = JudgeQueue(db: app.db, logger: TestDatabase.logger, leaseSeconds: 30)
            for attempt in 1...JudgeQueue.maxLost {
                _ = try #require(try await queue.claim(worker: "killed-\(attempt)"))
                try await loseTheJudge(app)
            }
            #expect(try await queue.claim(worker: "next") == nil)  // reaped: every judge it touched was lost
            let detail = try await arena.contestant.send(.get, "/api/v1/submissions/\(id)").json
            #expect(detail["verdict"] as? String == "JE")
            let error = try await app.db.query("SELECT error FROM submissions.judgements", logger: TestDatabase.logger)
                .decode(String?.self).first() ?? nil
            #expect(error?.contains("killed-1") == true && error?.contains("killed-\(JudgeQueue.maxLost)") == true, "\(error ?? "nil")")
            let page = try await jurySession(app).send(.get, "/contests/c/submissions").text
            #expect(page.contains("judging error"), "the jury's list points at the JE to review")
        }
    }

    @Test func failuresJudgesReportStillEndInJEAfterThree() async throws {
        try await TestApp.run(configure: { $0.submissionGap = 0 }) { app in
            let arena = try await Arena.make(app)
            _ = try await arena.contestant.send(.post, "/api/v1/contests/c/register")
            let id = try #require(try await arena.submit().json["id"] as? String)
            let queue = JudgeQueue(db: app.db, logger: TestDatabase.logger, leaseSeconds: 30)
            for attempt in 1...JudgeQueue.maxFailures {
                let job = try #require(try await queue.claim(worker: "w\(attempt)"))
                try await queue.fail(jobId: job.jobId, attempt: job.attempt, reason: "package unreadable \(attempt)")
            }
            #expect(try await queue.claim(worker: "w") == nil)
            let detail = try await arena.contestant.send(.get, "/api/v1/submissions/\(id)").json
            #expect(detail["verdict"] as? String == "JE")
        }
    }
}
