import ArenaCore
import Foundation
import ProblemPackage
import Sandbox

/// A compiled custom output validator.
struct OutputValidator: Sendable {
    /// The program's name in the package (`different_validator`).
    let name: String
    let program: CompiledProgram
}

/// Compiles each package's custom output validators once per package version (content hash).
actor ValidatorCache {
    private var tasks: [String: Task<Result<[OutputValidator], JudgeError>, Never>] = [:]

    /// The compiled validators of `package` (empty: the default validator).
    /// - Throws: `JudgeError.validator` if one does not compile or its language is unavailable.
    func prepare(_ package: ProblemPackage, compiler: Compiler, languages: LanguageRegistry) async throws -> [OutputValidator] {
        let programs = package.outputValidator.map { [$0] + package.extraOutputValidators } ?? []
        if programs.isEmpty { return [] }
        let key = package.contentHash.isEmpty ? package.root.path : package.contentHash
        if tasks[key] == nil {
            let limits = (package.metadata.compilationTime, package.metadata.compilationMemoryMiB)
            tasks[key] = Task {
                do {
                    var compiled: [OutputValidator] = []
                    for program in programs {
                        let built = try await Self.compile(program, compiler: compiler, languages: languages, limits: limits)
                        compiled.append(OutputValidator(name: program.path.lastPathComponent, program: built))
                    }
                    return .success(compiled)
                } catch let error as JudgeError {
                    return .failure(error)
                } catch {
                    return .failure(.validator("\(error)"))
                }
            }
        }
        guard let task = tasks[key] else { return [] }
        let result = await task.value
        if case .failure = result { tasks[key] = nil }  // retry next time (e.g. a transient sandbox error)
        return try result.get()
    }

    private static func compile(_ program: ProgramSource, compiler: Compiler, languages: LanguageRegistry,
                                limits: (Double, Int)) async throws -> CompiledProgram {
        let name = program.path.lastPathComponent
        let language: ResolvedLanguage
        let source: SubmissionSource
        if program.runScript != nil {
            let spec = LanguageSpec(id: "script", name: "build/run scripts", extensions: [], source: "run",
                                    compile: program.buildScript == nil ? nil : ["/bin/sh", "build"],
                                    run: ["/bin/sh", "run"], version: ["/bin/sh"])
            language = ResolvedLanguage(spec: spec, version: "posix sh", toolchain: nil, compile: spec.compile, run: spec.run)
            source = try SubmissionSource.read(program, language: "script")
        } else {
            source = try SubmissionSource.read(program)
            guard let resolved = await languages.resolve(source.language).language else {
                throw JudgeError.validator("\(name): language `\(source.language)` is not available here")
            }
            language = resolved
        }
        switch try await compiler.compile(source, language: language, cpuSeconds: limits.0, memoryMiB: limits.1) {
        case .compiled(let compiled): return compiled
        case .failed(let output): throw JudgeError.validator("\(name) does not compile:\n\(output)")
        }
    }
}

/// What one output validator said about one test.
struct ValidatorVerdict: Sendable {
    var verdict: Verdict
    /// `score.txt` (absolute score), if written on accept.
    var score: Double?
    /// `score_multiplier.txt`, if written on accept.
    var scoreMultiplier: Double?
    /// `judgemessage.txt` (truncated), or why the validator failed.
    var message: String?
}

/// Runs custom output validators with the ICPC calling convention.
struct ValidatorRunner: Sendable {
    let sandbox: Sandbox
    let messageLimit: Int

    /// Runs `validator input answer /feedback/ args… < stdin [> stdout]` in the sandbox.
    /// The input and answer are bound read-only, the feedback directory writable. Interactive
    /// validators run with SIGPIPE ignored (as problemtools' `interactive` does), so a submission
    /// that dies while the validator writes to it is its failure, not a validator crash.
    func run(_ validator: OutputValidator, testCase: TestCase, feedback: URL, metadata: ProblemMetadata,
             stdin: SandboxIO, stdout: SandboxIO = .null, wallSeconds: Double? = nil, ignoreSIGPIPE: Bool = false) async throws -> SandboxResult {
        let program = validator.program
        var argv = program.runArgv(memoryMiB: metadata.validationMemoryMiB)
            + ["/judge/input", "/judge/answer", "/feedback/"] + testCase.outputValidatorArgs
        if ignoreSIGPIPE { argv = ["/bin/sh", "-c", "trap '' PIPE; exec \"$@\"", "sh"] + argv }
        let staging = feedback.deletingLastPathComponent()
        let binds = program.language.binds + [
            SandboxBind(host: try reachable(testCase.input, as: "judge-input", in: staging), inside: "/judge/input"),
            SandboxBind(host: try reachable(testCase.answer, as: "judge-answer", in: staging), inside: "/judge/answer"),
            SandboxBind(host: feedback.path, inside: "/feedback", writable: true),
        ]
        let output = max(metadata.validationOutputMiB, 1) << 20
        let cpu = max(metadata.validationTime, 1)
        let limits = SandboxLimits(
            cpuSeconds: cpu, wallSeconds: wallSeconds.map { max($0, cpu) } ?? cpu * 2 + 1,
            memoryBytes: max(metadata.validationMemoryMiB, 64) << 20, processes: program.language.spec.processes ?? 64,
            outputBytes: output, fileSizeBytes: output, openFiles: 64)
        let request = SandboxRequest(
            argv: argv, workDir: program.directory.path, workDirWritable: false, binds: binds,
            env: RunEnvironment.variables(program.language.spec), stdin: stdin, stdout: stdout, stderr: .capture, limits: limits)
        do { return try await sandbox.run(request) } catch let error as SandboxError {
            throw JudgeError.sandbox(error.message)
        }
    }

    /// `file`'s path when the sandbox user reaches it, else a hard link (or copy) of it in the
    /// run folder: a package under a private folder (`verify` of a clone under /root).
    func reachable(_ file: URL, as name: String, in folder: URL) throws -> String {
        let reach = SandboxReach(sandbox: sandbox.configuration)
        if reach.isReachable(file.path) { return file.path }
        let copy = folder.appendingPathComponent(name)
        guard !Files.exists(copy) else { return copy.path }
        var info = stat()
        let worldReadable = stat(file.path, &info) == 0 && info.st_mode & 0o004 != 0
        if !worldReadable || link(file.path, copy.path) != 0 {  // a link shares the mode: only when others may read
            do { try FileManager.default.copyItem(at: file, to: copy) } catch { throw JudgeError.io("cannot copy \(file.path): \(error)") }
            chmod(copy.path, 0o644)
        }
        return copy.path
    }

    /// Reads a validator's exit status and feedback files: 42 → AC, 43 → WA, else JE.
    func interpret(_ result: SandboxResult, feedback: URL, name: String) -> ValidatorVerdict {
        let message = Files.text(feedback.appendingPathComponent("judgemessage.txt"), limit: messageLimit)
        switch (result.exitCode, result.limitHit) {
        case (42?, nil):
            let score = number(feedback.appendingPathComponent("score.txt"))
            let multiplier = number(feedback.appendingPathComponent("score_multiplier.txt"))
            if case .invalid(let text) = score { return judgeError("\(name) wrote an invalid score.txt: \(text)", message) }
            if case .invalid(let text) = multiplier { return judgeError("\(name) wrote an invalid score_multiplier.txt: \(text)", message) }
            return ValidatorVerdict(verdict: .accepted, score: score.value, scoreMultiplier: multiplier.value, message: message)
        case (43?, nil):
            return ValidatorVerdict(verdict: .wrongAnswer, message: message)
        default:
            var why = result.limitHit.map { "hit its \($0.rawValue) limit" }
                ?? result.signal.map { "was killed by signal \($0)" } ?? "exited with status \(result.exitCode ?? -1)"
            why = "output validator \(name) \(why) (expected 42 or 43)"
            let stderr = Files.truncated(result.stderr, limit: messageLimit / 2)
            if !stderr.isEmpty { why += "\nstderr: \(stderr)" }
            return judgeError(why, message)
        }
    }

    private func judgeError(_ why: String, _ message: String?) -> ValidatorVerdict {
        ValidatorVerdict(verdict: .judgingError, message: [why, message].compactMap { $0 }.joined(separator: "\n"))
    }

    private enum Number {
        case absent, valid(Double), invalid(String)
        var value: Double? { if case .valid(let v) = self { v } else { nil } }
    }

    private func number(_ url: URL) -> Number {
        guard let text = Files.text(url, limit: 256) else { return .absent }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let value = Double(trimmed), value.isFinite, value >= 0 else { return .invalid(trimmed) }
        return .valid(value)
    }
}
