import ArenaCore
import Foundation
import Judge
import ProblemPackage
import Testing

/// A tiny A+B package judged with real compilers in the real sandbox: one test per verdict.
@Suite struct EngineVerdictTests {
    static let files: [String: String] = [
        "data/sample/1.in": "1 2\n", "data/sample/1.ans": "3\n",
        "data/secret/1.in": "40 2\n", "data/secret/1.ans": "42\n",
        "data/secret/2.in": "-5 5\n", "data/secret/2.ans": "0\n",
        "data/secret/3.in": "1000000000 1000000000\n", "data/secret/3.ans": "2000000000\n",
        "submissions/accepted/sum.cpp": "int main(){}\n",
    ]
    static let yaml = "limits:\n  time_limit: 1\n  memory: 128\n  output: 1\n"

    func judge(_ language: String, _ code: String, yaml: String = yaml) async throws -> Judge.JudgeResult {
        let package = try TempPackage(yaml: yaml, files: Self.files)
        let engine = try Shared.engine()
        return await engine.judge(SubmissionSource(language: language, code: code), problem: try package.load())
    }

    @Test func acceptedCppWithPrecompiledHeader() async throws {
        let result = try await judge("cpp", """
            #include <bits/stdc++.h>
            int main() { long long a, b; std::cin >> a >> b; std::cout << a + b << "\\n"; }
            """)
        #expect(result.verdict == .accepted, "\(result)")
        #expect(result.tests.map(\.name) == ["sample/1", "secret/1", "secret/2", "secret/3"])
        #expect(result.tests.allSatisfy { $0.verdict == .accepted && $0.memoryBytes > 0 })
        #expect(!result.compileOutput.contains("not used because"), "PCH rejected: \(result.compileOutput)")
    }

    @Test func acceptedInC() async throws {
        let result = try await judge("c", "#include <stdio.h>\nint main(){long long a,b;scanf(\"%lld %lld\",&a,&b);printf(\"%lld\\n\",a+b);}\n")
        #expect(result.verdict == .accepted, "\(result)")
    }

    @Test func acceptedInPython() async throws {
        let result = try await judge("python3", "a, b = map(int, input().split())\nprint(a + b)\n")
        #expect(result.verdict == .accepted, "\(result)")
    }

    @Test func wrongAnswerStopsAtFirstFailure() async throws {
        let result = try await judge("cpp", "#include <cstdio>\nint main(){long long a,b;scanf(\"%lld %lld\",&a,&b);printf(\"%lld\\n\",a+b+(a==40));}\n")
        #expect(result.verdict == .wrongAnswer)
        #expect(result.tests.map(\.verdict) == [.accepted, .wrongAnswer])
        #expect(result.tests.last?.message?.contains("Judge: \"42\"") == true)
    }

    @Test func timeLimitExceeded() async throws {
        let result = try await judge("cpp", "int main(){ volatile unsigned long x = 0; for(;;) x++; }\n")
        #expect(result.verdict == .timeLimitExceeded)
        #expect(result.tests.count == 1)
        // CPU at most a little over the limit (under load the wall limit may stop it earlier).
        #expect(result.maxCPUSeconds < 2.5)
    }

    @Test func runTimeError() async throws {
        let segfault = try await judge("cpp", "int main(){ volatile int *p = nullptr; *p = 1; }\n")
        #expect(segfault.verdict == .runTimeError)
        #expect(segfault.tests.first?.message?.contains("signal 11") == true)
        let exit = try await judge("python3", "import sys\nsys.exit(3)\n")
        #expect(exit.verdict == .runTimeError)
        #expect(exit.tests.first?.message?.contains("exit code 3") == true)
    }

    @Test func compileError() async throws {
        let result = try await judge("cpp", "int main() { return undefined_name; }\n")
        #expect(result.verdict == .compileError)
        #expect(result.compileOutput.contains("undefined_name"))
        #expect(result.tests.isEmpty)
        let python = try await judge("python3", "def f(:\n  pass\n")
        #expect(python.verdict == .compileError)
    }

    @Test func outputLimitExceeded() async throws {
        let result = try await judge("cpp", "#include <cstdio>\nint main(){ for(;;) fputs(\"spam spam spam spam\\n\", stdout); }\n")
        #expect(result.verdict == .outputLimitExceeded, "\(result)")
    }

    @Test func memoryLimitExceeded() async throws {
        let result = try await judge("cpp", """
            #include <cstdlib>
            #include <cstring>
            int main(){ for(int i = 0; i < 64; i++){ char *p = (char*)malloc(16 << 20); if(!p) return 1; memset(p, 1, 16 << 20); } }
            """)
        // Memory-limit kills are MLE (a failed malloc under a rlimit-only sandbox would be RTE).
        #expect([.memoryLimitExceeded, .runTimeError].contains(result.verdict), "\(result)")
        #expect(result.verdict == .memoryLimitExceeded || result.tests.first?.memoryBytes ?? 0 > 64 << 20)
    }

    @Test func unknownLanguageIsJudgingError() async throws {
        let result = try await judge("cobol", "IDENTIFICATION DIVISION.")
        #expect(result.verdict == .judgingError)
        #expect(result.message?.contains("cobol") == true)
    }

    @Test func progressIsReported() async throws {
        let package = try TempPackage(yaml: Self.yaml, files: Self.files)
        let engine = try Shared.engine()
        let seen = Seen()
        _ = await engine.judge(SubmissionSource(language: "python3", code: "a,b=map(int,input().split())\nprint(a+b)\n"),
                               problem: try package.load()) { seen.add($0) }
        #expect(seen.events.first == .compiling)
        #expect(seen.events.last == .running(index: 3, count: 4, name: "secret/3"))
    }
}

final class Seen: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Judge.JudgeProgress] = []
    func add(_ event: Judge.JudgeProgress) { lock.withLock { list.append(event) } }
    var events: [Judge.JudgeProgress] { lock.withLock { list } }
}
