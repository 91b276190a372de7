import ArenaCore
import Foundation
import Glibc
import ProblemPackage
import Sandbox

/// One test case's outcome plus what scoring needs from the validator.
struct CaseOutcome: Sendable {
    var result: TestResult
    /// `score.txt` of an accepting validator.
    var validatorScore: Double?
    /// `score_multiplier.txt` of an accepting validator.
    var scoreMultiplier: Double?
}

/// Runs test cases of one compiled submission: sandboxed run, verdict mapping, output check.
struct CaseRunner: Sendable {
    let sandbox: Sandbox
    let program: CompiledProgram
    let validators: [OutputValidator]
    let metadata: ProblemMetadata
    /// Verdict limit (CPU seconds).
    let timeLimit: Double
    /// Kill limit (CPU seconds, ≥ timeLimit).
    let runLimit: Double
    let workDirectory: URL
    let messageLimit: Int

    var validatorRunner: ValidatorRunner { ValidatorRunner(sandbox: sandbox, messageLimit: messageLimit) }

    /// Limits of a submission run: the problem's memory and output, CPU at `runLimit`.
    var limits: SandboxLimits {
        let output = max(metadata.outputMiB, 1) << 20
        return SandboxLimits(cpuSeconds: runLimit, memoryBytes: max(metadata.memoryMiB, 16) << 20,
                             processes: program.language.spec.processes ?? 64, outputBytes: output,
                             fileSizeBytes: output, openFiles: 64)
    }

    /// Runs one case, holding a run slot. Judge-side failures become a JE result with the reason.
    func run(_ testCase: TestCase) async -> CaseOutcome {
        await sandbox.slots.withSlot { await runHoldingSlot(testCase) }
    }

    private func runHoldingSlot(_ testCase: TestCase) async -> CaseOutcome {
        do {
            let runDir = try Files.temporaryDirectory(in: workDirectory, prefix: "run")
            defer { Files.remove(runDir) }
            if metadata.isInteractive {
                return try await InteractiveRun(runner: self, testCase: testCase, runDir: runDir).run()
            }
            return try await runBatch(testCase, runDir: runDir)
        } catch {
            return CaseOutcome(result: TestResult(name: testCase.name, verdict: .judgingError, message: "\(error)"))
        }
    }

    /// The directory mounted at /box: the cached program (read-only), or a writable copy when the
    /// problem allows file writing.
    func box(in runDir: URL) throws -> (path: URL, writable: Bool) {
        guard metadata.allowFileWriting else { return (program.directory, false) }
        let copy = runDir.appendingPathComponent("box")
        try Files.makeDirectory(copy)
        try Files.copyContents(of: program.directory, into: copy)
        return (copy, true)
    }

    private func runBatch(_ testCase: TestCase, runDir: URL) async throws -> CaseOutcome {
        let output = runDir.appendingPathComponent("out")
        let (box, writable) = try box(in: runDir)
        let request = SandboxRequest(
            argv: program.runArgv(memoryMiB: metadata.memoryMiB), workDir: box.path, workDirWritable: writable,
            binds: program.language.binds, env: RunEnvironment.variables(program.language.spec),
            stdin: .file(testCase.input.path), stdout: .file(output.path), stderr: .capture, limits: limits)
        let run = try await sandboxRun(request)
        var result = TestResult(name: testCase.name, verdict: .accepted, cpuSeconds: run.cpuSeconds,
                                wallSeconds: run.wallSeconds, memoryBytes: run.peakMemoryBytes)
        if let (verdict, message) = RunVerdict.failure(of: run, timeLimit: timeLimit, limits: limits, messageLimit: messageLimit) {
            result.verdict = verdict
            result.message = message
            return CaseOutcome(result: result)
        }
        if validators.isEmpty {
            let flags = try DefaultValidatorFlags.parse(testCase.outputValidatorArgs)
            let check = try DefaultValidator.check(outputFile: output, answerFile: testCase.answer, flags: flags, limit: limits.outputBytes)
            result.verdict = check.accepted ? .accepted : .wrongAnswer
            result.message = check.message.map { Files.truncated(Array($0.utf8), limit: messageLimit) }
            return CaseOutcome(result: result)
        }
        var outcome = CaseOutcome(result: result)
        for (index, validator) in validators.enumerated() {
            let feedback = runDir.appendingPathComponent("feedback\(index)")
            try Files.makeDirectory(feedback)
            let ran = try await validatorRunner.run(validator, testCase: testCase, feedback: feedback, metadata: metadata,
                                                    stdin: .file(output.path))
            let verdict = validatorRunner.interpret(ran, feedback: feedback, name: validator.name)
            outcome.result.verdict = verdict.verdict
            outcome.result.message = verdict.message
            outcome.validatorScore = verdict.score ?? outcome.validatorScore
            outcome.scoreMultiplier = verdict.scoreMultiplier ?? outcome.scoreMultiplier
            if verdict.verdict != .accepted { break }
        }
        return outcome
    }

    func sandboxRun(_ request: SandboxRequest) async throws -> SandboxResult {
        do { return try await sandbox.run(request) } catch let error as SandboxError {
            throw JudgeError.sandbox(error.message)
        }
    }
}

/// Maps a finished run to a verdict before any output check.
///
/// Memory-limit kills are MLE (Codeforces-style, more useful to contestants); the ICPC CCS
/// requirements would call them RTE, and `verify` accepts MLE where RTE is expected. Output over
/// the limit is OLE (ICPC: WA). A run over the time limit is TLE even if it then crashed.
enum RunVerdict {
    static func failure(of run: SandboxResult, timeLimit: Double, limits: SandboxLimits, messageLimit: Int) -> (Verdict, String)? {
        let stderr = run.stderr.isEmpty ? "" : "\nstderr:\n" + Files.truncated(run.stderr, limit: messageLimit / 2)
        switch run.limitHit {
        case .cpu?, .wall?:
            let which = run.limitHit == .wall ? "wall-clock time \(format(run.wallSeconds)) s" : "CPU time \(format(run.cpuSeconds)) s"
            return (.timeLimitExceeded, "\(which) over the limit (\(format(timeLimit)) s)")
        case .memory?:
            return (.memoryLimitExceeded, "memory limit (\(limits.memoryBytes >> 20) MiB) exceeded" + stderr)
        case .output?, .fileSize?:
            return (.outputLimitExceeded, "output limit (\(limits.outputBytes >> 20) MiB) exceeded")
        case .processes?:
            return (.runTimeError, "process/thread limit (\(limits.processes)) reached" + stderr)
        case nil:
            break
        }
        if run.cpuSeconds > timeLimit {
            return (.timeLimitExceeded, "CPU time \(format(run.cpuSeconds)) s over the limit (\(format(timeLimit)) s)")
        }
        if let signal = run.signal {
            return (.runTimeError, "killed by signal \(signal) (\(signalName(signal)))" + stderr)
        }
        if let code = run.exitCode, code != 0 {
            return (.runTimeError, "exit code \(code)" + stderr)
        }
        return nil
    }

    static func signalName(_ signal: Int32) -> String {
        guard let name = strsignal(signal) else { return "signal \(signal)" }
        return String(cString: name)
    }

    static func format(_ seconds: Double) -> String { String(format: "%.3f", seconds) }
}
