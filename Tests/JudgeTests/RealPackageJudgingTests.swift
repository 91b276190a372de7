import ArenaCore
import Foundation
import Judge
import ProblemPackage
import Testing

/// Real packages judged as their authors expect (issue 8, items 3 and 4): odd metadata and
/// checktestdata validators do not stop `verify`; a contest's `languages.yaml` (Python 3 as PyPy)
/// and default memory reach the judge; Java runs out of heap (RTE) before it runs out of memory.
@Suite struct RealPackageJudgingTests {
    static let sumFiles: [String: String] = [
        "data/sample/1.in": "1 2\n", "data/sample/1.ans": "3\n",
        "data/secret/1.in": "40 2\n", "data/secret/1.ans": "42\n",
    ]

    @Test func verifyJudgesAPackageWithOddMetadataAndAChecktestdataValidator() async throws {
        let engine = try Shared.engine()
        var files = Self.sumFiles
        files["problem.yaml"] = """
            problem_format_version: 2023-07-draft
            name: Tiny
            license: mit
            rights_owner: {name: Jury}
            generated_by: bapctools
            limits:
              time_limit: 1

            """
        files["input_validators/format.ctd"] = "INT(-1000000000, 1000000000) SPACE INT(-1000000000, 1000000000) NEWLINE EOF\n"
        files["submissions/accepted/sum.py"] = "a, b = map(int, input().split())\nprint(a + b)\n"
        files["submissions/wrong_answer/diff.py"] = "a, b = map(int, input().split())\nprint(a - b)\n"
        let package = try TempPackage(files: files)
        let rows = await engine.verify(packages: [package.root])
        #expect(rows.map(\.status) == [.ok, .ok], "\(VerifyReport.table(rows))")
        let note = rows.first?.note ?? ""
        #expect(note.contains("unknown license \"mit\" kept as written"), "\(note)")
        #expect(note.contains("warning: input_validators/format.ctd: is a checktestdata validator"), "\(note)")
    }

    /// `pypy3` is a language of its own, and a contest that maps `python3` to it judges Python
    /// submissions with PyPy: this one prints the interpreter it runs under.
    @Test func contestsPythonRunsAsPyPy() async throws {
        let engine = try Shared.engine()
        try #require(await engine.languages.resolve("pypy3").language != nil, "pypy3 is missing: scripts/setup installs it")
        let implementation = "import platform\ninput()\nprint(platform.python_implementation())\n"
        let files = ["data/secret/1.in": "x\n", "data/secret/1.ans": "PyPy\n", "submissions/accepted/impl.py": implementation]
        let package = try TempPackage(yaml: "limits:\n  time_limit: 2\n", files: files)
        let direct = await engine.judge(SubmissionSource(language: "pypy3", code: implementation), problem: try package.load())
        #expect(direct.verdict == .accepted, "\(direct)")
        let plain = await engine.verify(packages: [package.root])
        #expect(plain.map(\.status) == [.mismatch] && plain.first?.language == "python3", "\(VerifyReport.table(plain))")
        let contest = JudgeSettings(languages: ["python3": "pypy3"])
        let rows = await engine.verify(packages: [package.root], options: VerifyOptions(settings: contest))
        #expect(rows.map(\.status) == [.ok] && rows.first?.language == "pypy3", "\(VerifyReport.table(rows))")
    }

    /// A legacy package sets no memory limit: problemtools' 1024 MiB applies, unless its contest
    /// (run on DOMjudge, 2 GiB) says otherwise. This submission needs 1100 MiB.
    @Test func contestDefaultMemoryReachesTheJudge() async throws {
        let engine = try Shared.engine()
        let big = """
            #include <cstdio>
            #include <cstring>
            static char buffer[1100 << 20];
            int main(int argc, char **) {
                memset(buffer, 1, sizeof buffer);
                long long a, b;
                if (scanf("%lld %lld", &a, &b) != 2) return 1;
                printf("%lld\\n", a + b + buffer[argc << 20] - 1);
            }
            """
        var files = Self.sumFiles
        files["problem.yaml"] = "name: Tiny\nlicense: cc0\nrights_owner: Jury\n"
        files[".timelimit"] = "2\n"
        files["submissions/accepted/big.cpp"] = big
        let package = try TempPackage(files: files)
        let legacy = try package.load()
        #expect(legacy.metadata.memoryMiB == 1024 && !legacy.metadata.memoryDeclared)
        let plain = await engine.verify(packages: [package.root])
        #expect(plain.first?.verdict == .memoryLimitExceeded, "\(VerifyReport.table(plain))")
        let rows = await engine.verify(packages: [package.root], options: VerifyOptions(settings: JudgeSettings(memoryMiB: 2048)))
        #expect(rows.map(\.status) == [.ok], "\(VerifyReport.table(rows))")
        #expect((rows.first?.maxMemoryBytes ?? 0) > 1024 << 20)
    }

    /// A Java program that keeps allocating must end in OutOfMemoryError (RTE, as its authors
    /// expect), not be killed at the memory limit (MLE) or collect garbage until it times out: the
    /// heap (-Xmx) leaves the JVM its non-heap headroom below the limit. With -Xmx at the limit
    /// this program filled the heap in 8 KB arrays and was killed at 512 MiB.
    @Test func javaThatAllocatesTooMuchIsARunTimeError() async throws {
        let engine = try Shared.engine()
        try #require(await engine.languages.resolve("java").language != nil, "java is missing: scripts/setup installs a JDK")
        let hog = """
            import java.util.*;
            public class Hog {
                public static void main(String[] args) {
                    List<long[]> keep = new ArrayList<>();
                    for (int i = 0; i < 100_000_000; i++) keep.add(new long[1000]);
                    System.out.println(keep.size());
                }
            }
            """
        let package = try TempPackage(yaml: "limits:\n  time_limit: 4\n  memory: 512\n", files: Self.sumFiles)
        let result = await engine.judge(SubmissionSource(language: "java", code: hog), problem: try package.load())
        #expect(result.verdict == .runTimeError, "\(result.verdict): \(result.tests.first?.message ?? result.message ?? "")")
        #expect(result.tests.first?.message?.contains("OutOfMemoryError") == true, "\(result.tests.first?.message ?? "")")
        #expect(result.maxMemoryBytes < 512 << 20)
    }
}
