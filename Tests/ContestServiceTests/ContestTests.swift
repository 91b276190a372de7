import ArenaTestSupport
import ContestService
import Foundation
import Testing

@Suite struct ContestTests {
    static func definition(id: String = "c1", start: Date = Date().addingTimeInterval(-60), duration: Int = 3600, freeze: Int? = 600,
                           problems: [String] = ["keep"]) -> ContestDefinition {
        ContestDefinition(id: id, name: "Contest \(id)", start: start, duration: duration, freeze: freeze, scoring: "icpc", penaltyMinutes: 20,
                          isPublic: true, openRegistration: true,
                          problems: problems.enumerated().map { .init(problemId: $1, label: String(UnicodeScalar(UInt8(65 + $0))), points: nil, rgb: nil) })
    }

    @Test func nonsensicalTimesAreRefused() throws {
        #expect(throws: Never.self) { try Self.definition().validate() }
        for (name, bad) in [("ends before it starts", Self.definition(duration: 0)), ("negative", Self.definition(duration: -5)),
                            ("freeze longer than contest", Self.definition(freeze: 4000)), ("negative freeze", Self.definition(freeze: -1)),
                            ("bad id", Self.definition(id: "Bad Id!"))] {
            #expect(throws: (any Error).self, "\(name)") { try bad.validate() }
        }
    }

    @Test func contestPackageReaderNamesTheProblem() throws {
        let folder = try Fixtures.temporaryFolder()
        try Fixtures.write(["contest.yaml": "id: x\nname: X\nstart_time: 2026-01-01T10:00:00Z\nduration: 5:00:00\nscoreboard_freeze_duration: 6:00:00\n",
                            "problems.yaml": "- id: a\n  label: A\n"], in: folder)
        do {
            _ = try ContestPackageReader.read(folder)
            Issue.record("a freeze longer than the contest was accepted")
        } catch {
            #expect("\(error)".contains("freeze"))
        }
        try Fixtures.write(["contest.yaml": "id: x\nname: [broken\n"], in: folder)
        #expect { try ContestPackageReader.read(folder) } throws: { "\($0)".contains("contest.yaml") }
        let demo = try ContestPackageReader.read(Fixtures.examples.appendingPathComponent("contest"))
        #expect(demo.problems.count >= 6)
        #expect(demo.duration == 5 * 3600)
    }

    @Test func demoContestIsVisibleAndNavigable() async throws {
        try await TestApp.run { app in
            let importer = ProblemImporter(db: app.db, logger: TestDatabase.logger)
            _ = try await importer.importPackages(at: [Fixtures.examples])
            var demo = try ContestPackageReader.read(Fixtures.examples.appendingPathComponent("contest"))
            demo.start = Date().addingTimeInterval(-60)
            let store = ContestStore(db: app.db, logger: TestDatabase.logger)
            try await store.save(demo)
            let anonymous = TestSession(app.client)
            let home = try await anonymous.send(.get, "/")
            #expect(home.text.contains(demo.name))
            #expect(home.text.contains("Running now"))
            let page = try await anonymous.send(.get, "/contests/\(demo.id)")
            #expect(page.status == .ok)
            for problem in demo.problems {
                let response = try await anonymous.send(.get, "/contests/\(demo.id)/problems/\(problem.label)")
                #expect(response.status == .ok, "problem \(problem.label)")
                #expect(response.text.contains("Time limit"))
            }
            #expect(try await anonymous.send(.get, "/contests/\(demo.id)/problems/Z").status == .notFound)
            // The API and registration.
            let api = try await anonymous.send(.get, "/api/v1/contests/\(demo.id)")
            #expect((api.json["problems"] as? [[String: Any]])?.count == demo.problems.count)
            #expect(try await anonymous.send(.post, "/api/v1/contests/\(demo.id)/register").status == .unauthorized)
            let contestant = try await session(app, role: "contestant")
            #expect(try await contestant.send(.post, "/api/v1/contests/\(demo.id)/register").status == .ok)
            #expect(try await store.registrationCount(demo.id) == 1)
            // A running contest's problems are not in the archive yet.
            #expect(try await anonymous.send(.get, "/api/v1/problems").jsonArray.isEmpty)
        }
    }

    @Test func upcomingContestHidesProblemsAndFinishedOnesFillTheArchive() async throws {
        try await TestApp.run { app in
            let folder = try Fixtures.temporaryFolder()
            try Fixtures.write(Fixtures.package("keep"), in: folder)
            _ = try await ProblemImporter(db: app.db, logger: TestDatabase.logger).importPackages(at: [folder])
            let store = ContestStore(db: app.db, logger: TestDatabase.logger)
            try await store.save(Self.definition(id: "later", start: Date().addingTimeInterval(3600)))
            let anonymous = TestSession(app.client)
            #expect(try await anonymous.send(.get, "/contests/later/problems/A").status == .forbidden)
            #expect(try await (try await jurySession(app)).send(.get, "/contests/later/problems/A").status == .ok)
            #expect(try await anonymous.send(.get, "/problems/keep").status == .notFound)
            try await store.save(Self.definition(id: "past", start: Date().addingTimeInterval(-7200), duration: 3600, freeze: nil))
            #expect(try await anonymous.send(.get, "/problems/keep").status == .ok)
            #expect(try await anonymous.send(.get, "/api/v1/problems/keep").json["statement_html"] != nil)
            // Unknown problems in a contest are refused with their names.
            await #expect { try await store.save(Self.definition(id: "bad", problems: ["keep", "nope"])) } throws: { "\($0)".contains("nope") }
            // Unpublished contests are hidden from everyone but the jury.
            let admin = try await adminSession(app)
            _ = try await admin.send(.get, "/admin/contests")
            let hidden = try await admin.send(.post, "/admin/contests/later/publish", form: [("_csrf", admin.cookies["arena_csrf"] ?? ""), ("published", "false")])
            #expect(hidden.status == .seeOther)
            #expect(try await anonymous.send(.get, "/contests/later").status == .notFound)
            #expect(try await admin.send(.get, "/contests/later").status == .ok)
        }
    }

    @Test func adminCreatesAContestFromTheConsole() async throws {
        try await TestApp.run { app in
            let folder = try Fixtures.temporaryFolder()
            try Fixtures.write(Fixtures.package("keep"), in: folder)
            _ = try await ProblemImporter(db: app.db, logger: TestDatabase.logger).importPackages(at: [folder])
            let admin = try await adminSession(app)
            _ = try await admin.send(.get, "/admin/contests")
            let csrf = admin.cookies["arena_csrf"] ?? ""
            let bad = try await admin.send(.post, "/admin/contests", form: [("_csrf", csrf), ("id", "web1"), ("name", "Web <b>one</b>"),
                ("start", "2030-01-01T10:00:00Z"), ("duration", "2:00:00"), ("freeze", "3:00:00"), ("scoring", "icpc"), ("penalty", "20"), ("problems", "A keep")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("freeze"))
            #expect(bad.text.contains("Web &lt;b&gt;one&lt;/b&gt;"))
            let ok = try await admin.send(.post, "/admin/contests", form: [("_csrf", csrf), ("id", "web1"), ("name", "Web one"),
                ("start", "2030-01-01T10:00:00Z"), ("duration", "2:00:00"), ("freeze", "0:30:00"), ("scoring", "ioi"), ("penalty", "0"),
                ("problems", "A keep 100"), ("published", "on")])
            #expect(ok.status == .seeOther)
            let api = try await TestSession(app.client).send(.get, "/api/v1/contests/web1")
            #expect(api.json["scoring"] as? String == "ioi")
            #expect(try await (try await session(app, role: "contestant")).send(.get, "/admin/contests").status == .forbidden)
        }
    }
}
