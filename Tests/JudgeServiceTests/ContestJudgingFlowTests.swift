import ArenaCore
import ArenaTestSupport
import ContestService
import Foundation
import Testing

/// A contest's judging settings from its folder to the verdict (issue 8, item 4): `arena contest
/// import` reads `languages.yaml` (Python 3 as PyPy) and `memory_limit` (2 GiB), the submission
/// stores them, the claimed job carries them, and the worker judges with them.
@Suite(.serialized) struct ContestJudgingFlowTests {
    /// A legacy package without a memory limit (problemtools' default: 1024 MiB) whose answer
    /// is the Python implementation's name.
    static func setUp(_ app: TestApp) async throws -> TestSession {
        let root = try Fixtures.temporaryFolder()
        try Fixtures.write([
            "plus/problem.yaml": "name: Plus\nlicense: cc0\nrights_owner: Jury\n",
            "plus/.timelimit": "4\n",
            "plus/statement/problem.en.md": "Name your Python.\n",
            "plus/data/sample/1.in": "x\n", "plus/data/sample/1.ans": "PyPy\n",
            "plus/data/secret/1.in": "y\n", "plus/data/secret/1.ans": "PyPy\n",
            "contest/contest.yaml": "id: c\nname: C\nstart_time: 2026-01-01T10:00:00Z\nduration: 5:00:00\nmemory_limit: 2048\n",
            "contest/problems.yaml": "- id: plus\n  label: A\n",
            "contest/languages.yaml": "python3:\n  name: Python 3 (PyPy)\n  compile: pypy3 -m py_compile {files}\n  run: pypy3 \"{mainfile}\"\n",
        ], in: root)
        _ = try await ProblemImporter(db: app.db, logger: TestDatabase.logger).importPackages(at: [root.appendingPathComponent("plus")])
        var contest = try ContestPackageReader.read(root.appendingPathComponent("contest"))
        contest.start = Date().addingTimeInterval(-60)
        try await ContestStore(db: app.db, logger: TestDatabase.logger).save(contest)
        return try await JudgingFlowTests.login(app, "solver")
    }

    @Test func pythonRunsAsPyPyAndTheContestsMemoryLimitApplies() async throws {
        try await TestApp.run(live: true, configure: { $0.submissionGap = 0 }) { app in
            let s = try await Self.setUp(app)
            try await JudgingFlowTests.withWorker(app) {
                let python = try await JudgingFlowTests.submit(s, "python3", "import platform\ninput()\nprint(platform.python_implementation())\n")
                // 1100 MiB: over the package's 1024 MiB default, under the contest's 2048.
                let big = try await JudgingFlowTests.submit(s, "cpp", """
                    #include <cstdio>
                    #include <cstring>
                    static char buffer[1100 << 20];
                    int main(int argc, char **) { memset(buffer, 1, sizeof buffer); printf("PyPy%s\\n", buffer[argc << 20] == 1 ? "" : "?"); }
                    """)
                let pythonJSON = try await JudgingFlowTests.waitJudged(s, python)
                #expect(pythonJSON["verdict"] as? String == "AC", "\(pythonJSON)")
                let bigJSON = try await JudgingFlowTests.waitJudged(s, big)
                #expect(bigJSON["verdict"] as? String == "AC", "\(bigJSON)")
                #expect((bigJSON["memory_kb"] as? Int ?? 0) > 1024 * 1024, "\(bigJSON)")
            }
        }
    }
}
