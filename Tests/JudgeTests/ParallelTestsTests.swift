import ArenaCore
import Foundation
import Judge
import ProblemPackage
import Testing

/// Issue 8, item 7: a submission's tests run in parallel (one per run slot), and the result is
/// the one running them one by one gives: test order, the first failure decides, a pass-fail
/// problem stops there, and what was started after it is cancelled and cleaned up.
@Suite struct ParallelTestsTests {
    static func files(tests: Int) -> [String: String] {
        var files = ["data/sample/1.in": "0\n", "data/sample/1.ans": "0\n", "submissions/accepted/a.cpp": "int main(){}\n"]
        for i in 1...tests {
            files[String(format: "data/secret/%02d.in", i)] = "\(i)\n"
            files[String(format: "data/secret/%02d.ans", i)] = "\(i)\n"
        }
        return files
    }

    /// Echoes its input, but: test 1 takes a while (so later tests finish first), test 3 is
    /// wrong, tests after 3 spin until their time limit.
    static let program = """
        #include <cstdio>
        #include <unistd.h>
        int main() {
            int n; if (scanf("%d", &n) != 1) return 1;
            if (n == 1) usleep(300000);
            if (n == 3) { printf("%d\\n", n + 1); return 0; }
            if (n > 3) { volatile unsigned long x = 0; for (;;) x++; }
            printf("%d\\n", n);
        }
        """

    @Test(arguments: [nil, 1, 4] as [Int?])
    func firstFailureInOrderDecidesAndTheRestIsCancelled(width: Int?) async throws {
        let package = try TempPackage(yaml: "limits:\n  time_limit: 2\n", files: Self.files(tests: 8))
        // An engine of its own: its work folder holds only this judgement's run folders.
        let shared = try Shared.engine().configuration
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("arena-parallel-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: work) }
        let engine = try JudgeEngine(configuration: JudgeConfiguration(cacheDirectory: shared.cacheDirectory, workDirectory: work,
                                                                       languagesFile: shared.languagesFile))
        let result = await engine.judge(SubmissionSource(language: "cpp", code: Self.program), problem: try package.load(),
                                        options: JudgeOptions(parallelTests: width))
        #expect(result.verdict == .wrongAnswer, "\(result)")
        #expect(result.tests.map(\.name) == ["sample/1", "secret/01", "secret/02", "secret/03"], "\(result.tests.map(\.name))")
        #expect(result.tests.map(\.verdict) == [.accepted, .accepted, .accepted, .wrongAnswer])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: engine.configuration.workDirectory.path)
            .filter { $0.hasPrefix("run-") }
        #expect(leftovers.isEmpty, "run folders left behind: \(leftovers)")
    }

    @Test func everyTestRunsWhenAllPass() async throws {
        let package = try TempPackage(yaml: "limits:\n  time_limit: 2\n", files: Self.files(tests: 12))
        let engine = try Shared.engine()
        let echo = "#include <cstdio>\nint main(){int n; scanf(\"%d\",&n); printf(\"%d\\n\",n);}\n"
        let result = await engine.judge(SubmissionSource(language: "cpp", code: echo), problem: try package.load(),
                                        options: JudgeOptions(parallelTests: 3))
        #expect(result.verdict == .accepted, "\(result)")
        #expect(result.tests.map(\.name) == ["sample/1"] + (1...12).map { String(format: "secret/%02d", $0) })
    }
}
