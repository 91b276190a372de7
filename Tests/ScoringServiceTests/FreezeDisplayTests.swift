import ArenaCore
import ArenaTestSupport
import ContestService
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Issue 9, item 9: the standings say "frozen" only from the freeze time on, and say before it
/// when the freeze will begin.
@Suite struct FreezeDisplayTests {
    /// A one-hour contest that started `minutesAgo` minutes ago, frozen for its last 30 minutes.
    static func contest(_ app: TestApp, minutesAgo: Double) async throws {
        let folder = try Fixtures.temporaryFolder()
        try Fixtures.write(Fixtures.package("plus"), in: folder)
        _ = try await ProblemImporter(db: app.db, logger: TestDatabase.logger).importPackages(at: [folder])
        try await ContestStore(db: app.db, logger: TestDatabase.logger).save(ContestDefinition(
            id: "c", name: "C", start: Date().addingTimeInterval(-minutesAgo * 60), duration: 3600, freeze: 1800, scoring: "icpc",
            penaltyMinutes: 20, isPublic: true, openRegistration: true, problems: [.init(problemId: "plus", label: "A", points: nil, rgb: nil)]))
    }

    /// The standings API once the scoring consumer has seen the contest.
    static func standings(_ s: TestSession) async throws -> [String: Any] {
        for _ in 0..<200 {
            let json = try await s.send(.get, "/api/v1/contests/c/standings").json
            if json["version"] != nil { return json }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("no standings")
        return [:]
    }

    @Test func beforeTheFreezeTheStandingsSayWhenItBegins() async throws {
        try await TestApp.run(live: true) { app in
            try await Self.contest(app, minutesAgo: 10)
            let anonymous = TestSession(app.client)
            let json = try await Self.standings(anonymous)
            #expect(json["frozen"] as? Bool == false)
            let at = try #require(json["freezes_at"] as? String)
            #expect(ISO8601DateFormatter().date(from: at).map { $0.timeIntervalSinceNow > 15 * 60 } == true)
            let page = try await anonymous.send(.get, "/contests/c/standings").text
            #expect(!page.contains(#"<span class="tag">frozen</span>"#))
            #expect(page.contains("The public standings freeze at"))
        }
    }

    @Test func fromTheFreezeTimeOnTheStandingsSayFrozen() async throws {
        try await TestApp.run(live: true) { app in
            try await Self.contest(app, minutesAgo: 40)
            let anonymous = TestSession(app.client)
            #expect(try await Self.standings(anonymous)["frozen"] as? Bool == true)
            let page = try await anonymous.send(.get, "/contests/c/standings").text
            #expect(page.contains(#"<span class="tag">frozen</span>"#))
            #expect(page.contains("Frozen since"))
        }
    }

    /// An anonymous visitor's page comes from memory after the first view; compressed or not,
    /// it is the same page.
    @Test func anonymousStandingsPagesAreTheSameFromMemory() async throws {
        try await TestApp.run(live: true) { app in
            try await Self.contest(app, minutesAgo: 10)
            _ = try await Self.standings(TestSession(app.client))
            var headers = HTTPFields()
            headers[.acceptEncoding] = "gzip"
            let first = try await app.client.execute(uri: "/contests/c/standings", method: .get, headers: headers, body: nil)
            let second = try await app.client.execute(uri: "/contests/c/standings", method: .get, headers: headers, body: nil)
            let plain = try await TestSession(app.client).send(.get, "/contests/c/standings")
            #expect(first.headers[.contentEncoding] == "gzip" && second.headers[.contentEncoding] == "gzip")
            #expect(try gunzip(first.body) == plain.text)
            #expect(try gunzip(second.body) == plain.text)
            #expect(plain.text.contains("The public standings freeze at"))
        }
    }
}
