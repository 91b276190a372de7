import ArenaCore
import ArenaTestSupport
import ContestService
import Foundation
import Testing

/// A contest's `languages.yaml` and `memory_limit` (issue 8, item 4) and the import report's
/// warnings for odd package metadata (item 3).
@Suite struct ContestJudgingTests {
    /// problemtools' own `languages.yaml` runs Python 3 as PyPy; a DOMjudge-style entry for C++.
    static let languagesYAML = """
        cpp:
            name: 'C++'
            priority: 1000
            files: '*.cc *.cpp'
            compile: 'g++ -g -O2 -std=gnu++20 -static -o {binary} {files}'
            run: '{binary}'
        java:
            name: 'Java'
            files: '*.java'
            compile: 'javac -encoding UTF-8 -sourcepath {path} -d {path} {files}'
            run: 'java -Xss64m -Xmx{memlim}m -cp {path} {mainclass}'
        python3:
            name: 'Python 3 (w/PyPy3)'
            priority: 850
            files: '*.py *.py3'
            compile: 'pypy3 -m py_compile {files}'
            run: 'pypy3 "{mainfile}"'
        kotlin:
            name: 'Kotlin'
            run: 'kotlin -cp {path}/ {Mainclass}Kt'
        rust:
            name: 'Rust'
            run: 'java -jar rust.jar'

        """

    static func contestFolder(languages: String? = languagesYAML, extra: String = "memory_limit: 2048\n") throws -> URL {
        let folder = try Fixtures.temporaryFolder().appendingPathComponent("regional")
        var files = [
            "contest.yaml": "id: regional\nname: Regional\nstart_time: 2026-01-01T10:00:00Z\nduration: 5:00:00\n" + extra,
            "problems.yaml": "- id: keep\n  label: A\n- id: legacy\n  label: B\n",
        ]
        if let languages { files["languages.yaml"] = languages }
        try Fixtures.write(files, in: folder)
        return folder
    }

    @Test func languagesYAMLMapsPythonToPyPy() throws {
        let contest = try ContestPackageReader.read(try Self.contestFolder())
        #expect(contest.judging.languages == ["python3": "pypy3"])
        #expect(contest.judging.memoryMiB == 2048)
        #expect(contest.judging.language(for: "python3") == "pypy3")
        #expect(contest.judging.language(for: "cpp") == "cpp")
        let notes = contest.notes.joined(separator: "\n")
        #expect(notes.contains("not Arena languages, ignored: kotlin"), "\(notes)")
        #expect(notes.contains("rust: runs `java` (java), not a rust implementation; ignored"), "\(notes)")
        // Without the file or the key, nothing changes.
        let plain = try ContestPackageReader.read(try Self.contestFolder(languages: nil, extra: ""))
        #expect(plain.judging.isEmpty && plain.notes.isEmpty)
        // A bad memory_limit is refused with the key named.
        #expect { try ContestPackageReader.read(try Self.contestFolder(extra: "memory_limit: lots\n")) } throws: {
            "\($0)".contains("memory_limit")
        }
    }

    @Test func contestImportStoresTheSettingsAndSubmissionsCarryThem() async throws {
        try await TestApp.run { app in
            let folder = try Self.contestFolder()
            var files = Fixtures.package("keep")
            // A legacy package without `limits.memory`: it assumes its contest's default.
            files["legacy/problem.yaml"] = "name: Legacy\nlicense: mit\nrights_owner: Jury\nsource_url: x\ngenerator: bt\n"
            for (path, text) in Fixtures.package("legacy") where !path.hasSuffix("problem.yaml") { files[path] = text }
            try Fixtures.write(files, in: folder.deletingLastPathComponent())
            let outcomes = try await ProblemImporter(db: app.db, logger: TestDatabase.logger)
                .importPackages(at: [folder.deletingLastPathComponent().appendingPathComponent("keep"),
                                     folder.deletingLastPathComponent().appendingPathComponent("legacy")])
            let legacy = try #require(outcomes.first { $0.problemId == "legacy" })
            #expect(legacy.status == "new", "\(legacy.errors)")
            #expect(legacy.warnings.contains { $0.contains("unknown license \"mit\"") }, "\(legacy.warnings)")
            #expect(legacy.warnings.contains { $0.contains("unknown key `generator`") })
            let store = ContestStore(db: app.db, logger: TestDatabase.logger)
            let recorded = try #require(try await store.imports().first { $0.problemId == "legacy" })
            #expect(recorded.warnings == legacy.warnings)
            let history = try await adminSession(app).send(.get, "/admin/imports")
            #expect(history.text.contains("<ul class=\"warnings\">") && history.text.contains("unknown key `generator`"), "\(history.text)")

            var contest = try ContestPackageReader.read(folder)
            contest.start = Date().addingTimeInterval(-60)
            try await store.save(contest)
            let stored = try await store.contest("regional", for: nil)
            #expect(stored.judging == JudgeSettings(languages: ["python3": "pypy3"], memoryMiB: 2048))
            // The contest's problem list shows the limit it judges with: its default where the package sets none.
            let problems = try await store.problems(of: "regional")
            #expect(problems.first { $0.problemId == "legacy" }?.memoryMiB == 2048)
            #expect(problems.first { $0.problemId == "keep" }?.memoryMiB == 256)
            let page = try await TestSession(app.client).send(.get, "/contests/regional/problems/B")
            #expect(page.text.contains("2048 MiB"))
            // What a submission is judged with: the settings travel with the target.
            let jury = Identity(userId: 1, username: "jury", displayName: "Jury", roles: [.jury])
            let target = try await ContestCatalog(store: store).submitTarget(problemId: "legacy", contestId: "regional", label: nil,
                                                                             identity: jury)
            #expect(target.judging == stored.judging)
            let practice = try await ContestCatalog(store: store).submitTarget(problemId: "keep", contestId: nil, label: nil, identity: jury)
            #expect(practice.judging.isEmpty)
            // The admin form edits a contest without dropping its judging settings.
            var edited = contest
            edited.judging = JudgeSettings()
            try await store.save(edited, keepJudging: true)
            #expect(try await store.contest("regional", for: nil).judging == stored.judging)
        }
    }
}
