import Foundation
import Sandbox
import Testing

/// Two sandboxed programs talking over pipes, as interactive problems need.
@Suite struct InteractiveTests {
    func makePipe() throws -> (Int32, Int32) { try Sandbox.makePipe() }

    @Test func interactorAndSolutionTalk() async throws {
        let f = try Fixture()
        let interactor = try await f.compile("""
            #include <cstdio>
            int main() {
                printf("21\\n"); fflush(stdout);
                int answer = 0;
                if (scanf("%d", &answer) != 1) { fprintf(stderr, "no answer\\n"); return 43; }
                int extra = 0;
                bool eof = scanf("%d", &extra) != 1; // the solution has exited: end of file, not a hang
                fprintf(stderr, "answer %d eof %d\\n", answer, eof);
                return answer == 42 && eof ? 42 : 43;
            }
            """, name: "interactor")
        let solution = try await f.compile("""
            #include <cstdio>
            int main() { int x; scanf("%d", &x); printf("%d\\n", 2 * x); }
            """, name: "solution")
        let (toSolutionRead, toSolutionWrite) = try makePipe()
        let (toInteractorRead, toInteractorWrite) = try makePipe()
        let limits = Fixture.limits
        async let judged = f.sandbox.run(SandboxRequest(
            argv: [interactor], workDir: f.box, stdin: .fd(toInteractorRead), stdout: .fd(toSolutionWrite),
            limits: limits, closeAfterStart: [toInteractorRead, toSolutionWrite]))
        async let solved = f.sandbox.run(SandboxRequest(
            argv: [solution], workDir: f.box, stdin: .fd(toSolutionRead), stdout: .fd(toInteractorWrite),
            limits: limits, closeAfterStart: [toSolutionRead, toInteractorWrite]))
        let (validator, submission) = try await (judged, solved)
        #expect(submission.exitCode == 0 && submission.limitHit == nil)
        #expect(validator.exitCode == 42, "\(validator.err)")
        #expect(validator.err == "answer 42 eof 1\n")
        #expect(validator.limitHit == nil && submission.limitHit == nil)
    }

    @Test func closeAfterStartIsClosedEvenWhenTheRunFails() async throws {
        let f = try Fixture()
        let (readEnd, writeEnd) = try makePipe()
        await #expect(throws: SandboxError.self) {
            try await f.sandbox.run(SandboxRequest(argv: ["/box/missing"], workDir: f.box, closeAfterStart: [writeEnd]))
        }
        var byte: UInt8 = 0
        #expect(read(readEnd, &byte, 1) == 0) // end of file: the write end is closed
        close(readEnd)
    }
}
