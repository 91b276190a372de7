import ArenaCore
import ArenaHTTP
import ArenaTestSupport
import AuthService
import ContestService
import Foundation
import HTTPTypes
import HummingbirdWSClient
import JudgeService
import Logging
import ServiceLifecycle
import Testing

/// The judge path end to end: a real server, a real worker over HTTP, the real sandbox.
@Suite(.serialized) struct JudgingFlowTests {
    static func judgeToken(_ app: TestApp) async throws -> String {
        let key = try KeyStore.privateKey(file: nil, dataDirectory: app.config.dataDirectory)
        return try await TokenIssuer(privateKey: key).judgeToken(name: "test-judge")
    }

    static func setUp(_ app: TestApp, tests: Int = 1) async throws -> TestSession {
        let folder = try Fixtures.temporaryFolder()
        var files = Fixtures.package("plus")
        for i in 2...max(2, tests) { files["plus/data/secret/\(i).in"] = "\(i) 1\n"; files["plus/data/secret/\(i).ans"] = "\(i + 1)\n" }
        try Fixtures.write(files, in: folder)
        _ = try await ProblemImporter(db: app.db, logger: TestDatabase.logger).importPackages(at: [folder])
        try await ContestStore(db: app.db, logger: TestDatabase.logger).save(ContestDefinition(
            id: "c", name: "C", start: Date().addingTimeInterval(-60), duration: 3600, freeze: nil, scoring: "icpc", penaltyMinutes: 20,
            isPublic: true, openRegistration: true, problems: [.init(problemId: "plus", label: "A", points: nil, rgb: nil)]))
        return try await login(app, "solver")
    }

    static func submit(_ s: TestSession, _ language: String, _ source: String) async throws -> String {
        let body = try JSONSerialization.data(withJSONObject: ["problem_id": "plus", "contest_id": "c", "language": language, "source": source])
        let response = try await s.send(.post, "/api/v1/submissions", json: String(decoding: body, as: UTF8.self))
        #expect(response.status == .accepted, "\(response.text)")
        return try #require(response.json["id"] as? String)
    }

    static func waitJudged(_ s: TestSession, _ id: String, seconds: Double = 60) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let json = try await s.send(.get, "/api/v1/submissions/\(id)").json
            if json["status"] as? String == "judged" { return json }
            try await Task.sleep(for: .milliseconds(150))
        }
        Issue.record("submission \(id) not judged within \(seconds) s")
        return [:]
    }

    static func withWorker(_ app: TestApp, _ body: () async throws -> Void) async throws {
        let port = try #require(app.port)
        let cache = try Fixtures.temporaryFolder()
        let worker = try JudgeWorkers.make(server: "http://127.0.0.1:\(port)", token: try await judgeToken(app), cache: cache,
                                           name: "test", parallel: 1, claimWait: 1, logger: TestDatabase.logger)
        let group = ServiceGroup(services: [worker], gracefulShutdownSignals: [], logger: TestDatabase.logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            defer { tasks.cancelAll() }
            try await body()
            await group.triggerGracefulShutdown()
        }
    }

    static func login(_ app: TestApp, _ name: String) async throws -> TestSession {
        let s = try await session(app, role: "contestant", name: name)
        _ = try await s.send(.post, "/api/v1/contests/c/register")
        return s
    }

    /// What a standings socket received: every message, and the rows they add up to.
    final class SocketLog: @unchecked Sendable {
        var messages: [[String: Any]] = []
        var rows: [String: [String: Any]] = [:]
        /// The socket's writer, so that a timeout can close it (a read does not end on cancellation).
        var outbound: WebSocketOutboundWriter?
        func take(_ text: String) {
            guard let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return }
            messages.append(json)
            if json["snapshot"] as? Bool == true { rows = [:] }
            for row in json["rows"] as? [[String: Any]] ?? [] { rows[row["user"] as? String ?? ""] = row }
        }
    }

    /// Opens the standings socket and reads until `done` holds for what arrived (or `seconds` pass).
    static func follow(_ app: TestApp, path: String, bearer: String?, seconds: Double = 60,
                       until done: @escaping @Sendable (SocketLog) -> Bool) async throws -> (SocketLog, WebSocketCloseFrame?) {
        let port = try #require(app.port)
        let log = SocketLog()
        let headers: HTTPFields = bearer.map { [.authorization: "Bearer \($0)"] } ?? [:]
        let close = try await withThrowingTaskGroup(of: WebSocketCloseFrame?.self) { group in
            group.addTask {
                try await WebSocketClient.connect(url: "ws://127.0.0.1:\(port)\(path)",
                                                  configuration: .init(maxFrameSize: 1 << 20, additionalHeaders: headers),
                                                  logger: TestDatabase.logger) { inbound, outbound, _ in
                    log.outbound = outbound
                    for try await message in inbound.messages(maxSize: 1 << 24) {
                        guard case let .text(text) = message else { continue }
                        log.take(text)
                        if done(log) { try await outbound.close(.normalClosure, reason: nil); return }
                    }
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                Issue.record("the standings socket did not reach the expected state in \(seconds) s: \(log.messages)")
                try? await log.outbound?.close(.goingAway, reason: "test timeout")
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
        return (log, close)
    }

    /// Issue 5's end-to-end flow through HTTP: two users register, the contest is open, AC, WA
    /// and CE solutions are judged by a worker, and a WebSocket client receives the standings
    /// diffs with the right ranks.
    @Test func acWaAndCeThroughAWorkerToTheStandingsSocket() async throws {
        try await TestApp.run(live: true, configure: { $0.submissionGap = 0 }) { app in
            let s = try await Self.setUp(app)
            let rival = try await Self.login(app, "rival")
            // The rival watches the standings from before anything is submitted.
            let watching = Task {
                try await Self.follow(app, path: "/ws/contests/c/standings", bearer: rival.bearer) { log in
                    log.rows["solver"]?["rank"] as? Int == 1 && log.rows["solver"]?["solved"] as? Int == 1
                        && log.rows["rival"]?["rank"] as? Int == 2 && log.rows["rival"]?["solved"] as? Int == 0
                        && ((log.rows["rival"]?["cells"] as? [[String: Any]])?.first?["attempts"] as? Int) == 1
                }
            }
            try await Self.withWorker(app) {
                let ac = try await Self.submit(s, "cpp", "#include <bits/stdc++.h>\nint main(){long long a,b;std::cin>>a>>b;std::cout<<a+b<<\"\\n\";}\n")
                let wa = try await Self.submit(s, "python3", "print(42)\n")
                let ce = try await Self.submit(s, "cpp", "int main( { return 0; }\n")
                let rivalWA = try await Self.submit(rival, "python3", "print(41)\n")
                let acJSON = try await Self.waitJudged(s, ac)
                #expect(acJSON["verdict"] as? String == "AC", "\(acJSON)")
                #expect(try await Self.waitJudged(s, wa)["verdict"] as? String == "WA")
                let ceJSON = try await Self.waitJudged(s, ce)
                #expect(ceJSON["verdict"] as? String == "CE")
                #expect((ceJSON["compile_output"] as? String ?? "").contains("error"))
                #expect(try await Self.waitJudged(rival, rivalWA)["verdict"] as? String == "WA")
                // The contest page shows the contestant's status per problem.
                let page = try await s.send(.get, "/contests/c")
                #expect(page.text.contains("status-solved"))
                // The owner sees sample results only; hidden tests stay hidden.
                let tests = acJSON["tests"] as? [[String: Any]] ?? []
                #expect(!tests.isEmpty && tests.allSatisfy { ($0["name"] as? String ?? "").hasPrefix("sample/") })
            }
            // The socket: a snapshot first, then diffs, adding up to solver 1st and rival 2nd.
            let (log, _) = try await watching.value
            #expect(log.messages.first?["snapshot"] as? Bool == true)
            #expect(log.messages.dropFirst().contains { $0["snapshot"] as? Bool == false }, "\(log.messages)")
            #expect(log.rows["solver"]?["rank"] as? Int == 1 && log.rows["rival"]?["rank"] as? Int == 2, "\(log.rows)")
            let cell = try #require((log.rows["solver"]?["cells"] as? [[String: Any]])?.first)
            #expect(cell["solved"] as? Bool == true && cell["first"] as? Bool == true && cell["attempts"] as? Int == 1)
            // The API agrees, and so does the page (the viewer's own row marked).
            let standings = try await TestSession(app.client).send(.get, "/api/v1/contests/c/standings").json
            let rows = try #require(standings["rows"] as? [[String: Any]])
            #expect(rows.map { $0["user"] as? String } == ["solver", "rival"])
            let page = try await s.send(.get, "/contests/c/standings").text
            #expect(page.contains("class=\"me\"") && page.contains("<td class=\"cell first\">+<small>"), "\(page)")
            #expect(page.contains("<td class=\"cell tried\">-1<small>"))
            // A client reconnecting from an old version gets only what changed after it.
            let version = try #require(standings["version"] as? Int)
            let (late, _) = try await Self.follow(app, path: "/ws/contests/c/standings?since=\(version - 1)", bearer: nil) { !$0.messages.isEmpty }
            #expect(late.messages.first?["snapshot"] as? Bool == false)
            #expect((late.messages.first?["rows"] as? [Any])?.count ?? 99 < 2 + 1)
        }
    }

    /// Malformed or unauthorised socket requests are refused with a reason.
    @Test func standingsSocketRefusesWithAReason() async throws {
        try await TestApp.run(live: true) { app in
            _ = try await Self.setUp(app)
            let (_, badSince) = try await Self.follow(app, path: "/ws/contests/c/standings?since=yesterday", bearer: nil, seconds: 10) { _ in true }
            #expect(badSince?.closeCode == .unknown(4400))
            #expect(badSince?.reason?.contains("since") == true)
            let (_, unknown) = try await Self.follow(app, path: "/ws/contests/nope/standings", bearer: nil, seconds: 10) { _ in true }
            #expect(unknown?.closeCode == .unknown(4404))
            let (_, forged) = try await Self.follow(app, path: "/ws/contests/c/standings", bearer: "not.a.token", seconds: 10) { _ in true }
            #expect(forged?.closeCode == .unknown(4401))
        }
    }

    /// A worker killed with SIGKILL mid-job: its lease expires, another worker judges the
    /// submission, and it ends with exactly one final verdict.
    @Test func killedWorkerJobIsJudgedByAnotherExactlyOnce() async throws {
        let binary = Fixtures.root.appendingPathComponent(".build/debug/arena").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            Issue.record("build the arena binary first (swift build); \(binary) is missing")
            return
        }
        try await TestApp.run(live: true, configure: { $0.submissionGap = 0; $0.judgeLeaseSeconds = 2 }) { app in
            let s = try await Self.setUp(app, tests: 6)
            let slow = "import time\na,b=map(int,input().split())\ntime.sleep(0.4)\nprint(a+b)\n"
            let id = try await Self.submit(s, "python3", slow)
            let port = try #require(app.port)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["judge", "--server", "http://127.0.0.1:\(port)", "--token", try await Self.judgeToken(app),
                                 "--cache-dir", try Fixtures.temporaryFolder().path, "--name", "doomed", "--log-level", "error"]
            try process.run()
            // Kill it once it is running tests.
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, try await s.send(.get, "/api/v1/submissions/\(id)").json["status"] as? String != "running" {
                try await Task.sleep(for: .milliseconds(50))
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(try await s.send(.get, "/api/v1/submissions/\(id)").json["status"] as? String != "judged")
            try await Self.withWorker(app) {
                let json = try await Self.waitJudged(s, id, seconds: 90)
                #expect(json["verdict"] as? String == "AC", "\(json)")
            }
            let rows = try await app.db.query("""
                SELECT (SELECT count(*)::int FROM submissions.judgements WHERE verdict IS NOT NULL),
                       (SELECT count(*)::int FROM submissions.events WHERE kind = 'judged'),
                       (SELECT attempts FROM submissions.judge_jobs)
                """, logger: TestDatabase.logger)
            for try await (verdicts, judgedEvents, attempts) in rows.decode((Int, Int, Int).self) {
                #expect(verdicts == 1)
                #expect(judgedEvents == 1)
                #expect(attempts == 2)
            }
        }
    }
}
