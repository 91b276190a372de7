import ArenaCore
import Foundation
import Judge
import ProblemPackage
import Testing

/// Custom output validators (42/43/JE, judgemessage.txt, several legacy validators), default
/// validator flags from the package, and 2025-09 scoring with test groups.
@Suite struct ValidatorAndScoringTests {
    static let compareValidator = """
        import sys
        answer = open(sys.argv[2]).read().split()
        team = sys.stdin.read().split()
        if team == answer:
            sys.exit(42)
        with open(sys.argv[3] + "judgemessage.txt", "w") as f:
            f.write("expected %s, got %s" % (" ".join(answer), " ".join(team)))
        sys.exit(43)
        """
    static let data: [String: String] = [
        "data/secret/1.in": "1 2\n", "data/secret/1.ans": "3\n",
        "data/secret/2.in": "5 5\n", "data/secret/2.ans": "10\n",
        "submissions/accepted/a.py": "\n",
    ]
    static let sum = "a, b = map(int, input().split())\nprint(a + b)\n"
    static let yaml = "limits:\n  time_limit: 2\n"

    func judge(_ package: TempPackage, _ code: String, language: String = "python3") async throws -> Judge.JudgeResult {
        let engine = try Shared.engine()
        return await engine.judge(SubmissionSource(language: language, code: code), problem: try package.load())
    }

    @Test func customValidatorAcceptsAndRejectsWithMessage() async throws {
        let package = try TempPackage(yaml: Self.yaml, files: Self.data.merging(["output_validator/validate.py": Self.compareValidator]) { $1 })
        #expect(try await judge(package, Self.sum).verdict == .accepted)
        let wrong = try await judge(package, "a, b = map(int, input().split())\nprint(a * b if a == 5 else a + b)\n")
        #expect(wrong.verdict == .wrongAnswer)
        #expect(wrong.tests.last?.message == "expected 10, got 25")
    }

    @Test func brokenValidatorIsJudgingError() async throws {
        let package = try TempPackage(yaml: Self.yaml, files: Self.data.merging(["output_validator/validate.py": "import sys\nsys.exit(0)\n"]) { $1 })
        let result = try await judge(package, Self.sum)
        #expect(result.verdict == .judgingError)
        #expect(result.message?.contains("expected 42 or 43") == true, "\(result)")
    }

    @Test func validatorThatDoesNotCompileIsJudgingError() async throws {
        let package = try TempPackage(yaml: Self.yaml, files: Self.data.merging(["output_validator/validate.cpp": "int main( {\n"]) { $1 })
        let result = try await judge(package, Self.sum)
        #expect(result.verdict == .judgingError)
        #expect(result.message?.contains("does not compile") == true, "\(result)")
    }

    @Test func legacyValidatorsMustAllAccept() async throws {
        let strict = "import sys\nteam = sys.stdin.read()\nsys.exit(42 if team.endswith('\\n') and not team.endswith(' \\n') else 43)\n"
        let package = try TempPackage(files: Self.data.merging([
            "problem.yaml": "name: Legacy\nvalidation: custom\nlimits:\n  memory: 256\n",
            "problem_statement/problem.en.tex": "\\problemname{Legacy}\nAdd.\n",
            "statement/problem.en.md": "",
            "output_validators/a_compare/validate.py": Self.compareValidator,
            "output_validators/b_strict/validate.py": strict,
        ]) { $1 })
        let engine = try Shared.engine()
        let problem = try package.load()
        let options = JudgeOptions(timeLimit: 2)
        let ok = await engine.judge(SubmissionSource(language: "python3", code: Self.sum), problem: problem, options: options)
        #expect(ok.verdict == .accepted, "\(ok)")
        let spaces = await engine.judge(SubmissionSource(language: "python3", code: "a, b = map(int, input().split())\nprint(a + b, end=' \\n')\n"),
                                        problem: problem, options: options)
        #expect(spaces.verdict == .wrongAnswer)
    }

    @Test func defaultValidatorArgumentsFromTheGroup() async throws {
        let package = try TempPackage(yaml: Self.yaml, files: [
            "data/secret/test_group.yaml": "output_validator_args: [float_tolerance, \"1e-3\"]\n",
            "data/secret/1.in": "1\n", "data/secret/1.ans": "0.3333333\n",
            "submissions/accepted/a.py": "\n",
        ])
        #expect(try await judge(package, "input()\nprint(0.3334)\n").verdict == .accepted)
        #expect(try await judge(package, "input()\nprint(0.336)\n").verdict == .wrongAnswer)
    }

    @Test func scoringWithTestGroups() async throws {
        let package = try TempPackage(yaml: "type: scoring\n" + Self.yaml, files: [
            "data/sample/1.in": "1 1\n", "data/sample/1.ans": "2\n",
            "data/secret/group1/test_group.yaml": "max_score: 30\n",
            "data/secret/group1/1.in": "1 2\n", "data/secret/group1/1.ans": "3\n",
            "data/secret/group2/test_group.yaml": "max_score: 70\nscore_aggregation: sum\n",
            "data/secret/group2/1.in": "10 20\n", "data/secret/group2/1.ans": "30\n",
            "data/secret/group2/2.in": "100 200\n", "data/secret/group2/2.ans": "300\n",
            "submissions/accepted/a.py": "\n",
        ])
        let full = try await judge(package, Self.sum)
        #expect(full.verdict == .accepted && full.score == 100 && full.maxScore == 100, "\(full)")
        let partial = try await judge(package, "a, b = map(int, input().split())\nprint(a + b if a < 100 else 0)\n")
        #expect(partial.verdict == .accepted && partial.score == 65, "\(partial)")
        #expect(partial.tests.count == 4)  // scoring problems judge every group
        let none = try await judge(package, "print(0)\n")
        #expect(none.verdict == .wrongAnswer && none.score == 0, "\(none)")
    }

    @Test func fileWritingNeedsPermission() async throws {
        let writer = "a, b = map(int, input().split())\nopen('scratch.txt', 'w').write('x')\nprint(a + b)\n"
        let denied = try TempPackage(yaml: Self.yaml, files: Self.data)
        #expect(try await judge(denied, writer).verdict == .runTimeError)
        let allowed = try TempPackage(yaml: "allow_file_writing: true\n" + Self.yaml, files: Self.data)
        #expect(try await judge(allowed, writer).verdict == .accepted)
    }
}
