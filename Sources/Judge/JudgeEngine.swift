import ArenaCore
import Foundation
import ProblemPackage
import Sandbox

/// The judging engine (DESIGN.md §3): compiles a submission once (cached), runs it on every test
/// of a problem package in the sandbox, checks the output and decides the verdict. No HTTP, no
/// database: the worker and `arena problems verify` both call `judge(_:problem:options:progress:)`.
public final class JudgeEngine: Sendable {
    /// Directories and compile limits.
    public let configuration: JudgeConfiguration
    /// The sandbox every program runs in.
    public let sandbox: Sandbox
    /// The configured languages and whether each is installed.
    public let languages: LanguageRegistry
    let compiler: Compiler
    let validators = ValidatorCache()

    /// Creates an engine. The languages come from `languages`, else `configuration.languagesFile`,
    /// else the built-in table.
    /// - Throws: `JudgeError.languageConfig` for an invalid languages file, `.io` if the cache or
    ///   work directory cannot be created. Folders the sandbox user cannot reach are replaced by
    ///   reachable ones (`SandboxReach`); `configuration` tells which are in use.
    public init(configuration: JudgeConfiguration = JudgeConfiguration(), sandbox: Sandbox = Sandbox(),
                languages: LanguageTable? = nil) throws {
        self.sandbox = sandbox
        // bwrap runs as the sandbox user and must reach every folder it binds: private ones move.
        var configuration = configuration
        let reach = SandboxReach(sandbox: sandbox.configuration)
        configuration.cacheDirectory = try reach.folder(for: configuration.cacheDirectory)
        configuration.workDirectory = try reach.folder(for: configuration.workDirectory)
        self.configuration = configuration
        let table = try languages ?? LanguageTable.load(file: configuration.languagesFile)
        self.languages = LanguageRegistry(table: table, sandbox: sandbox.configuration,
                                          mirrorDirectory: configuration.cacheDirectory.appendingPathComponent("toolchains"))
        compiler = Compiler(sandbox: sandbox, configuration: configuration, headers: PrecompiledHeaders())
    }

    /// Judges `source` on every test of `problem`. Never throws: judge-side failures give JE with
    /// the reason in `message`, compile failures CE with the compiler output.
    public func judge(_ source: SubmissionSource, problem: ProblemPackage, options: JudgeOptions = JudgeOptions(),
                      progress: @escaping @Sendable (JudgeProgress) -> Void = { _ in }) async -> JudgeResult {
        let timeLimit = options.timeLimit ?? problem.metadata.timeLimit ?? options.fallbackTimeLimit
        var result = JudgeResult(verdict: .judgingError, timeLimit: timeLimit)
        progress(.compiling)
        guard let language = await languages.resolve(source.language).language else {
            let reason = await languages.resolve(source.language)
            result.message = "\(JudgeError.languageUnavailable(source.language, reason: Self.reason(reason)))"
            return result
        }
        if source.size > problem.metadata.codeKiB << 10 {
            result.verdict = .compileError
            result.compileOutput = "source is \(source.size) bytes, over the code limit (\(problem.metadata.codeKiB) KiB)"
            return result
        }
        let program: CompiledProgram
        let validators: [OutputValidator]
        do {
            switch try await compiler.compile(source, language: language) {
            case .failed(let output):
                result.verdict = .compileError
                result.compileOutput = output
                return result
            case .compiled(let compiled):
                program = compiled
                result.compileOutput = compiled.output
            }
            validators = try await self.validators.prepare(problem, compiler: compiler, languages: languages)
        } catch {
            result.message = "\(error)"
            return result
        }
        let runner = CaseRunner(
            sandbox: sandbox, program: program, validators: validators, metadata: problem.metadata,
            timeLimit: timeLimit, runLimit: timeLimit * options.runLimitFactor,
            workDirectory: configuration.workDirectory, messageLimit: configuration.messageLimit)
        return await run(runner, problem: problem, options: options, into: result, progress: progress)
    }

    /// The languages with their availability, in table order (for `--self-test` and submit forms).
    public func availableLanguages() async -> [(spec: LanguageSpec, availability: LanguageAvailability)] {
        await languages.all()
    }

    private func run(_ runner: CaseRunner, problem: ProblemPackage, options: JudgeOptions, into base: JudgeResult,
                     progress: @escaping @Sendable (JudgeProgress) -> Void) async -> JudgeResult {
        var result = base
        let cases = problem.testGroups.allCases().filter(\.isJudged)
        let width = options.parallelTests ?? max(sandbox.slots.count, 1)
        let session = JudgeSession(runner: runner, packageRoot: problem.root, plan: cases, width: width, progress: progress)
        let metadata = problem.metadata
        if metadata.types.contains(.multiPass) || metadata.types.contains(.submitAnswer) {
            await session.finish()
            result.message = "\(JudgeError.unsupported("problem types multi-pass and submit-answer"))"
            return result
        }
        if metadata.isScoring {
            if problem.formatVersion == .v2025 {
                let graded = await ModernScoring.grade(problem.testGroups, session: session)
                (result.verdict, result.score, result.maxScore) = (graded.verdict, graded.score, graded.max)
            } else {
                let graded = await LegacyGrading.grade(problem.testGroups, session: session)
                (result.verdict, result.score) = (graded.verdict, graded.score)
                result.maxScore = problem.testGroups.maxScore ?? problem.testGroups.group(at: "secret")?.maxScore
            }
        } else {
            let lazy = options.stopAtFirstFailure ?? true
            for testCase in cases {
                let outcome = await session.run(testCase)
                if outcome.result.verdict != .accepted, lazy { break }
            }
            result.verdict = session.tests.first { $0.verdict != .accepted }?.verdict ?? .accepted
        }
        await session.finish()
        result.tests = session.tests
        if result.verdict == .judgingError, result.message == nil {
            result.message = session.tests.first { $0.verdict == .judgingError }?.message
        }
        if cases.isEmpty {
            result.verdict = .judgingError
            result.message = "the problem has no test cases"
        }
        return result
    }

    static func reason(_ availability: LanguageAvailability) -> String {
        if case .unavailable(let reason) = availability { return reason }
        return "available"
    }
}
