import ArenaTestSupport
import ContestService
import Foundation
import Testing

@Suite struct ImportTests {
    @Test func examplesAndSharedPackagesImportAndRender() async throws {
        try await TestApp.run { app in
            let importer = ProblemImporter(db: app.db, logger: TestDatabase.logger)
            let examples = try await importer.importPackages(at: [Fixtures.examples])
            #expect(examples.count >= 6)
            for outcome in examples { #expect(outcome.status == "new", "\(outcome.problemId): \(outcome.errors)") }
            guard let shared = Fixtures.sharedProblems else { print(Fixtures.sharedMissing); return }
            let outcomes = try await importer.importPackages(at: [shared])
            #expect(Set(outcomes.map(\.problemId)) == ["different", "guess", "hello", "oddecho"])
            for outcome in outcomes { #expect(outcome.status == "new", "\(outcome.problemId): \(outcome.errors)") }
            let store = ContestStore(db: app.db, logger: TestDatabase.logger)
            // oddecho's Swedish Markdown statement: table, footnote, image, math intact.
            let oddecho = try #require(try await store.currentVersion(of: "oddecho"))
            let page = try await jurySession(app).send(.get, "/problems/oddecho?lang=sv")
            #expect(page.status == .ok)
            #expect(page.text.contains("<table"))
            #expect(page.text.contains("footnote") || page.text.contains("fn"))
            #expect(page.text.contains("<img src=\"/problems/files/\(oddecho.contentHash)/"))
            #expect(page.text.contains("class=\"math inline\""))
            // The image is served from the version's files.
            let range = try #require(page.text.range(of: #"/problems/files/[0-9a-f]+/[^"]+"#, options: .regularExpression))
            let src = String(page.text[range])
            let image = try await TestSession(app.client).send(.get, src)
            #expect(image.status == .ok)
            #expect((image.headers[.contentType] ?? "").hasPrefix("image/"))
            // different's LaTeX statement went through pandoc.
            let different = try await jurySession(app).send(.get, "/problems/different")
            #expect(different.status == .ok)
            #expect(different.text.contains("class=\"statement\""))
            // guess is interactive: its sample is a dialogue.
            let guess = try await jurySession(app).send(.get, "/problems/guess")
            #expect(guess.text.contains("sample-interactive"))
        }
    }

    @Test func scriptsAndJavascriptLinksNeverReachThePage() async throws {
        try await TestApp.run { app in
            let folder = try Fixtures.temporaryFolder()
            let evil = """
                Hello <script>alert("x")</script> world.

                <script>
                document.cookie
                </script>

                [click](javascript:alert(1)) and <a href="javascript:alert(2)">raw</a> <img src=x onerror="alert(3)">
                """
            try Fixtures.write(Fixtures.package("evil", statement: evil), in: folder)
            let outcome = try await ProblemImporter(db: app.db, logger: TestDatabase.logger).importPackage(at: folder.appendingPathComponent("evil"))
            #expect(outcome.status == "new", "\(outcome.errors)")
            let page = try await jurySession(app).send(.get, "/problems/evil")
            #expect(page.status == .ok)
            let afterStart = try #require(page.text.components(separatedBy: "<div class=\"statement\">").last)
            let statement = try #require(afterStart.components(separatedBy: "<div class=\"samples\">").first)
            #expect(statement.contains("world"))
            #expect(!statement.lowercased().contains("<script"))
            #expect(!statement.lowercased().contains("javascript:"))
            #expect(!statement.lowercased().contains("onerror"))
        }
    }

    @Test func brokenPackageKeepsTheLastGoodVersionLive() async throws {
        try await TestApp.run { app in
            let folder = try Fixtures.temporaryFolder()
            try Fixtures.write(Fixtures.package("keep"), in: folder)
            let importer = ProblemImporter(db: app.db, logger: TestDatabase.logger)
            let good = try await importer.importPackage(at: folder.appendingPathComponent("keep"))
            #expect(good.status == "new")
            try Fixtures.write(["keep/problem.yaml": "name: [unclosed\n", "keep/data/secret/2.in": "1 1\n"], in: folder)
            let bad = try await importer.importPackage(at: folder.appendingPathComponent("keep"))
            #expect(bad.status == "failed")
            #expect(bad.errors.contains { $0.contains("problem.yaml") })
            #expect(bad.errors.contains { $0.contains("2.in") })
            let store = ContestStore(db: app.db, logger: TestDatabase.logger)
            #expect(try await store.currentVersion(of: "keep")?.id == good.versionId)
            // The admin sees the failure in the import history.
            let history = try await adminSession(app).send(.get, "/admin/imports")
            #expect(history.text.contains("failed"))
            #expect(history.text.contains("problem.yaml"))
        }
    }

    @Test func syncFromGitMakesANewVersionAndKeepsTheOld() async throws {
        try await TestApp.run(configure: { _ in }) { app in
            let repo = try Fixtures.temporaryFolder()
            try Fixtures.write(Fixtures.package("gitprob"), in: repo)
            func git(_ args: String...) throws {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: "/usr/bin/git")
                p.arguments = ["-C", repo.path, "-c", "user.name=t", "-c", "user.email=t@example.org"] + args
                try p.run(); p.waitUntilExit()
                #expect(p.terminationStatus == 0, "git \(args)")
            }
            try git("init", "-q"); try git("add", "."); try git("commit", "-qm", "first")
            let data = try Fixtures.temporaryFolder()
            let sync = ProblemSync(importer: ProblemImporter(db: app.db, logger: TestDatabase.logger), repository: repo.path, dataDirectory: data.path)
            let first = try #require(try await sync.sync().first)
            #expect(first.status == "new")
            #expect(try await sync.sync().first?.status == "unchanged")
            try Fixtures.write(["gitprob/statement/problem.en.md": "A changed statement: compute $a+b$ again.\n"], in: repo)
            try git("commit", "-qam", "second")
            let second = try #require(try await sync.sync().first)
            #expect(second.status == "new")
            #expect(second.versionId != first.versionId)
            let store = ContestStore(db: app.db, logger: TestDatabase.logger)
            let firstId = try #require(first.versionId), secondId = try #require(second.versionId)
            let old = try #require(try await store.version(firstId))
            let new = try #require(try await store.version(secondId))
            #expect(old.contentHash != new.contentHash)
            #expect(new.gitCommit != nil && new.gitCommit != old.gitCommit)
            #expect(try await store.currentVersion(of: "gitprob")?.id == second.versionId)
            #expect(try await store.packageArchive(hash: old.contentHash) != nil)
        }
    }
}
