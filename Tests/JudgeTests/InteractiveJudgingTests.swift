import ArenaCore
import Foundation
import Judge
import Testing

/// Interactive problems: validator and submission in two sandboxes joined by pipes.
@Suite struct InteractiveJudgingTests {
    /// Sends n 200 000 times (more than a pipe holds), then wants 2n back.
    static let validator = """
        #include <stdio.h>
        int main(int argc, char **argv) {
            FILE *in = fopen(argv[1], "r");
            long n, got;
            if (!in || fscanf(in, "%ld", &n) != 1) return 1;
            for (int i = 0; i < 200000; i++) printf("%ld\\n", n);
            fflush(stdout);
            if (scanf("%ld", &got) != 1) return 43;
            return got == 2 * n ? 42 : 43;
        }
        """
    static let package: TempPackage? = try? TempPackage(yaml: "type: interactive\nlimits:\n  time_limit: 1\n", files: [
        "data/secret/1.in": "21\n", "data/secret/1.ans": "-\n",
        "output_validator/validate.c": validator,
        "submissions/accepted/a.c": "\n",
    ])

    func judge(_ code: String) async throws -> Judge.JudgeResult {
        let engine = try Shared.engine()
        let package = try #require(Self.package)
        return await engine.judge(SubmissionSource(language: "c", code: code), problem: try package.load())
    }

    @Test func accepted() async throws {
        let result = try await judge("#include <stdio.h>\nint main(){long n=0,x;for(int i=0;i<200000;i++)scanf(\"%ld\",&x),n=x;printf(\"%ld\\n\",2*n);}\n")
        #expect(result.verdict == .accepted, "\(result)")
    }

    @Test func wrongAnswer() async throws {
        let result = try await judge("#include <stdio.h>\nint main(){long x;for(int i=0;i<200000;i++)scanf(\"%ld\",&x);printf(\"%ld\\n\",x);}\n")
        #expect(result.verdict == .wrongAnswer, "\(result)")
    }

    /// The submission dies while the validator is still writing: RTE, not a validator crash (JE).
    @Test func crashWhileValidatorWrites() async throws {
        let result = try await judge("int main(){ return 3; }\n")
        #expect(result.verdict == .runTimeError, "\(result)")
    }

    /// Neither side can move (the submission never reads): the submission's wall limit ends it.
    @Test func deadlockIsTimeLimitExceeded() async throws {
        let result = try await judge("#include <unistd.h>\nint main(){ sleep(30); }\n")
        #expect(result.verdict == .timeLimitExceeded, "\(result)")
        #expect(result.maxWallSeconds < 10)
    }
}
