import ArenaCore
import Foundation
import Glibc
import ProblemPackage
import Sandbox
import SandboxShim

/// One interactive test: the output validator and the submission run concurrently, each in its
/// own sandbox, connected by two pipes (validator stdout → submission stdin, submission stdout →
/// validator stdin). Verdict rules as problemtools (reference §1.11):
/// 1. validator crashed or exited with neither 42 nor 43 → JE;
/// 2. validator exited first with 43 → WA (even if the submission then failed);
/// 3. submission over the time limit → TLE (memory → MLE, crash → RTE);
/// 4. otherwise the validator decides: 42 → AC, 43 → WA.
///
/// The judge's copies of each side's pipe ends are closed as soon as that side exits, so the
/// other side sees EOF (or SIGPIPE) at once. After a validator accept, the pipe the submission
/// writes to stays open until the submission exits, so late writes do not kill it.
struct InteractiveRun {
    let runner: CaseRunner
    let testCase: TestCase
    let runDir: URL

    private enum Side: Sendable {
        case submission(SandboxResult)
        case validator(SandboxResult)
    }

    func run() async throws -> CaseOutcome {
        guard let validator = runner.validators.first else {
            throw JudgeError.validator("an interactive problem needs a custom output validator")
        }
        let toSubmission = try PipeEnds()
        let toValidator = try PipeEnds()
        let fds = Descriptors([toSubmission.read, toSubmission.write, toValidator.read, toValidator.write])
        defer { fds.closeAll() }
        let feedback = runDir.appendingPathComponent("feedback")
        try Files.makeDirectory(feedback)
        let (box, writable) = try runner.box(in: runDir)
        let program = runner.program
        let limits = runner.limits
        let submission = SandboxRequest(
            argv: program.runArgv(memoryMiB: runner.metadata.memoryMiB), workDir: box.path, workDirWritable: writable,
            binds: program.language.binds, env: RunEnvironment.variables(program.language.spec),
            stdin: .fd(toSubmission.read), stdout: .fd(toValidator.write), stderr: .capture, limits: limits)
        let validatorRunner = runner.validatorRunner
        let (testCase, metadata) = (self.testCase, runner.metadata)

        var submissionResult: SandboxResult?
        var validatorResult: SandboxResult?
        var validatorFirst = false
        try await withThrowingTaskGroup(of: Side.self) { group in
            group.addTask { .submission(try await runner.sandboxRun(submission)) }
            group.addTask {
                .validator(try await validatorRunner.run(
                    validator, testCase: testCase, feedback: feedback, metadata: metadata,
                    stdin: .fd(toValidator.read), stdout: .fd(toSubmission.write), wallSeconds: limits.effectiveWallSeconds + 2,
                    ignoreSIGPIPE: true))
            }
            do {
                for try await side in group {
                    switch side {
                    case .submission(let result):
                        submissionResult = result
                        fds.close(toSubmission.read, toValidator.write)
                        if validatorResult != nil { fds.close(toValidator.read) }
                    case .validator(let result):
                        validatorResult = result
                        validatorFirst = submissionResult == nil
                        fds.close(toSubmission.write)
                        if result.exitCode != 42 || submissionResult != nil { fds.close(toValidator.read) }
                    }
                }
            } catch {
                fds.closeAll()  // unblock the other side, then report the judge error
                throw error
            }
        }
        guard let sub = submissionResult, let val = validatorResult else { throw JudgeError.sandbox("interactive run ended early") }

        let decision = validatorRunner.interpret(val, feedback: feedback, name: validator.name)
        var result = TestResult(name: testCase.name, verdict: decision.verdict, cpuSeconds: sub.cpuSeconds,
                                wallSeconds: sub.wallSeconds, memoryBytes: sub.peakMemoryBytes, message: decision.message)
        if decision.verdict == .judgingError { return CaseOutcome(result: result) }
        if decision.verdict == .wrongAnswer, validatorFirst {
            result.cpuSeconds = min(sub.cpuSeconds, runner.timeLimit)
            return CaseOutcome(result: result)
        }
        if let (verdict, message) = RunVerdict.failure(of: sub, timeLimit: runner.timeLimit, limits: limits, messageLimit: runner.messageLimit) {
            result.verdict = verdict
            result.message = message
            return CaseOutcome(result: result)
        }
        return CaseOutcome(result: result, validatorScore: decision.score, scoreMultiplier: decision.scoreMultiplier)
    }
}

/// A pipe created close-on-exec (only the end a sandbox dup2s onto stdio survives its exec).
struct PipeEnds {
    let read: Int32
    let write: Int32

    init() throws {
        var fds: [Int32] = [-1, -1]
        guard arena_pipe(&fds, 0) == 0 else { throw JudgeError.io("pipe: \(String(cString: strerror(errno)))") }
        read = fds[0]
        write = fds[1]
    }
}

/// File descriptors owned by the judge, each closed at most once.
final class Descriptors: @unchecked Sendable {
    private let lock = NSLock()
    private var open: Set<Int32>

    init(_ fds: [Int32]) { open = Set(fds) }

    func close(_ fds: Int32...) {
        lock.lock()
        defer { lock.unlock() }
        for fd in fds where open.remove(fd) != nil { _ = Glibc.close(fd) }
    }

    func closeAll() {
        lock.lock()
        defer { lock.unlock() }
        for fd in open { _ = Glibc.close(fd) }
        open.removeAll()
    }
}
