import ArenaCore
import ArenaTestSupport
import ContestService
import Foundation
import HTTPTypes
import HummingbirdTesting
import SubmissionService
import Testing

/// A running contest with one imported problem, and a registered contestant.
struct Arena {
    let app: TestApp
    let contestant: TestSession
    let contestantName: String

    static func make(_ app: TestApp, contestPhase: String = "running") async throws -> Arena {
        let folder = try Fixtures.temporaryFolder()
        try Fixtures.write(Fixtures.package("plus"), in: folder)
        _ = try await ProblemImporter(db: app.db, logger: TestDatabase.logger).importPackages(at: [folder])
        let start: Date = contestPhase == "upcoming" ? Date().addingTimeInterval(3600) : (contestPhase == "finished" ? Date().addingTimeInterval(-7200) : Date().addingTimeInterval(-60))
        let store = ContestStore(db: app.db, logger: TestDatabase.logger)
        try await store.save(ContestDefinition(id: "c", name: "C", start: start, duration: 3600, freeze: nil, scoring: "icpc", penaltyMinutes: 20,
                                               isPublic: true, openRegistration: true, problems: [.init(problemId: "plus", label: "A", points: nil, rgb: nil)]))
        let name = "sam\(UInt16.random(in: 0...UInt16.max))"
        return Arena(app: app, contestant: try await session(app, role: "contestant", name: name), contestantName: name)
    }

    func submit(_ source: String = "print(sum(map(int,input().split())))\n", language: String = "python3", problem: String = "plus",
                contest: String? = "c") async throws -> TestResponse {
        let body: [String: Any] = ["problem_id": problem, "language": language, "source": source].merging(contest.map { ["contest_id": $0] } ?? [:]) { a, _ in a }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        return try await contestant.send(.post, "/api/v1/submissions", json: json)
    }

    func count(_ table: String) async throws -> Int {
        let rows = try await app.db.query("SELECT count(*)::int FROM submissions.\(unescaped: table)", logger: TestDatabase.logger)
        for try await n in rows.decode(Int.self) { return n }
        return -1
    }
}

@Suite struct SubmissionIntakeTests {
    @Test func badSubmissionsGetClear4xxAndStoreNothing() async throws {
        try await TestApp.run(configure: { $0.submissionGap = 0 }) { app in
            let arena = try await Arena.make(app)
            // Not registered yet.
            let unregistered = try await arena.submit()
            #expect(unregistered.status == .forbidden)
            #expect((unregistered.json["error"] as? String ?? "").contains("Register"))
            _ = try await arena.contestant.send(.post, "/api/v1/contests/c/register")
            let cases: [(String, String, String?, Int, String)] = [
                ("print(1)", "cobol", "c", 422, "Unknown language"),
                ("   \n\t", "python3", "c", 422, "empty"),
                (String(repeating: "x", count: 70 * 1024), "python3", "c", 413, "limit"),
                ("print(1)", "python3", "nope", 404, "No contest"),
            ]
            for (source, language, contest, status, message) in cases {
                let response = try await arena.submit(source, language: language, contest: contest)
                #expect(Int(response.status.code) == status, "\(language)/\(contest ?? "-"): \(response.text)")
                #expect((response.json["error"] as? String ?? "").contains(message), "\(response.text)")
            }
            #expect(try await arena.submit(problem: "zzz").status == .notFound)
            // Binary (not UTF-8) source via the form.
            let binary = try await arena.contestant.send(.post, "/api/v1/submissions", json: #"{"problem_id":"plus","contest_id":"c","language":"cpp","source":"a\u0000b"}"#)
            #expect(binary.status == .unprocessableContent)
            #expect(try await arena.count("submissions") == 0)
            #expect(try await arena.count("judge_jobs") == 0)
            #expect(try await arena.count("events") == 0)
            // A good one is stored with its job and event: 202 means durable.
            let ok = try await arena.submit()
            #expect(ok.status == .accepted)
            #expect(ok.json["status"] as? String == "queued")
            #expect(try await arena.count("submissions") == 1)
            #expect(try await arena.count("judge_jobs") == 1)
            #expect(try await arena.count("events") == 1)
        }
    }

    @Test func rateLimitAndContestWindow() async throws {
        try await TestApp.run(configure: { $0.submissionGap = 30 }) { app in
            let arena = try await Arena.make(app)
            _ = try await arena.contestant.send(.post, "/api/v1/contests/c/register")
            #expect(try await arena.submit().status == .accepted)
            let limited = try await arena.submit()
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] != nil)
            #expect(try await arena.count("submissions") == 1)
        }
        try await TestApp.run { app in
            let arena = try await Arena.make(app, contestPhase: "upcoming")
            _ = try await arena.contestant.send(.post, "/api/v1/contests/c/register")
            let early = try await arena.submit()
            #expect(early.status == .forbidden)
            #expect((early.json["error"] as? String ?? "").contains("not started"))
        }
    }

    /// Concurrent submissions share a statement (group commit): each still gets its own id,
    /// judgement, job and event, and the rate limit holds inside a batch.
    @Test func concurrentSubmissionsAreStoredOnceEachAndRateLimited() async throws {
        try await TestApp.run(configure: { $0.submissionGap = 0 }) { app in
            let arena = try await Arena.make(app)
            _ = try await arena.contestant.send(.post, "/api/v1/contests/c/register")
            let ids = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<40 { group.addTask { try await arena.submit().json["id"] as? String } }
                return try await group.reduce(into: [String?]()) { $0.append($1) }
            }
            #expect(ids.allSatisfy { $0 != nil } && Set(ids).count == 40)
            for table in ["submissions", "judgements", "judge_jobs", "events"] { #expect(try await arena.count(table) == 40, "\(table)") }
        }
        try await TestApp.run(configure: { $0.submissionGap = 30 }) { app in
            let arena = try await Arena.make(app)
            _ = try await arena.contestant.send(.post, "/api/v1/contests/c/register")
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<10 { group.addTask { try await arena.submit().status } }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .accepted }.count == 1 && statuses.filter { $0 == .tooManyRequests }.count == 9)
            #expect(try await arena.count("submissions") == 1)
            #expect(try await arena.count("events") == 1)
        }
    }

    /// A row the database refuses fails its own submission only, not the batch it shared.
    @Test func aBadRowInABatchFailsAlone() async throws {
        try await TestDatabase.withMigrated { database in
            try await database.withClient { db in
                let store = SubmissionStore(db: db, logger: TestDatabase.logger)
                let results = await withTaskGroup(of: Bool.self) { group in
                    for n in 0..<12 {
                        group.addTask {
                            // A NUL byte is not allowed in PostgreSQL text: that submission must fail.
                            let target = SubmitTarget(problemId: n == 5 ? "bad\u{0}" : "p", problemVersion: 1, packageHash: "h", codeKiB: 64, contestId: nil)
                            let identity = Identity(userId: Int64(n), username: "u\(n)", displayName: "", roles: [.contestant])
                            return (try? await store.intake(identity: identity, target: target, language: "cpp", source: "x", minimumGap: 0)) != nil
                        }
                    }
                    return await group.reduce(into: [Bool]()) { $0.append($1) }
                }
                #expect(results.filter { $0 }.count == 11 && results.filter { !$0 }.count == 1)
                let stored = try await db.query("SELECT count(*)::int FROM submissions.submissions", logger: TestDatabase.logger).decode(Int.self).first()
                #expect(stored == 11)
            }
        }
    }

    @Test func othersCannotSeeASubmission() async throws {
        try await TestApp.run { app in
            let arena = try await Arena.make(app)
            _ = try await arena.contestant.send(.post, "/api/v1/contests/c/register")
            let id = try #require(try await arena.submit().json["id"] as? String)
            #expect(try await arena.contestant.send(.get, "/api/v1/submissions/\(id)").status == .ok)
            let other = try await Arena.make(app).contestant
            let peek = try await other.send(.get, "/api/v1/submissions/\(id)")
            #expect(peek.status == .notFound)
            #expect(!peek.text.contains("print("))
            #expect(try await other.send(.get, "/submissions/\(id)").status == .notFound)
            #expect(try await other.send(.get, "/api/v1/submissions?user=\(arena.contestantName)").status == .forbidden)
            // Judges' API is closed to contestants.
            #expect(try await other.send(.post, "/api/v1/judge/claim", json: "{}").status == .forbidden)
        }
    }
}
