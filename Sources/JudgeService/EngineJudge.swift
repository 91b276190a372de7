import ArenaCore
import Foundation
import Judge
import NIOConcurrencyHelpers
import ProblemPackage

/// The real engine behind a worker: loads the package once per content hash (versions are
/// immutable), judges in the sandbox under the contest's settings (the language its submissions
/// run as, its default memory limit), and maps the engine's result to the judge API's.
public final class EngineJudge: SubmissionJudge {
    let engine: JudgeEngine
    private let packages = NIOLockedValueBox<[String: ProblemPackage]>([:])

    /// Creates the adapter around `engine`.
    public init(engine: JudgeEngine) { self.engine = engine }

    public func judge(package url: URL, language: String, source: String, settings: JudgeSettings,
                      progress: @escaping @Sendable (ArenaCore.JudgeProgress) async -> Void) async -> ArenaCore.JudgeResult {
        let problem: ProblemPackage
        do {
            problem = try load(url).applying(settings)
        } catch {
            return ArenaCore.JudgeResult(verdict: .judgingError, score: nil, timeMs: 0, memoryKb: 0, compileOutput: "", tests: [],
                                         error: "the package does not load on this judge: \(error)")
        }
        // The engine reports synchronously; one consumer forwards in order.
        let (stream, continuation) = AsyncStream.makeStream(of: ArenaCore.JudgeProgress.self, bufferingPolicy: .bufferingNewest(1))
        let forwarder = Task { for await update in stream { await progress(update) } }
        let submission = SubmissionSource(language: settings.language(for: language), code: source)
        let result = await engine.judge(submission, problem: problem) { update in
            switch update {
            case .compiling: continuation.yield(.init(phase: "compiling"))
            case .running(let index, let count, _): continuation.yield(.init(phase: "running", test: index + 1, of: count))
            }
        }
        continuation.finish()
        await forwarder.value
        return Self.map(result)
    }

    func load(_ url: URL) throws -> ProblemPackage {
        if let cached = packages.withLockedValue({ $0[url.path] }) { return cached }
        let package = try ProblemPackage.load(at: url, options: LoadOptions(pandoc: .disabled))
        packages.withLockedValue { $0[url.path] = package }
        return package
    }

    static func map(_ result: Judge.JudgeResult) -> ArenaCore.JudgeResult {
        let tests = result.tests.map {
            TestRunResult(name: $0.name, verdict: $0.verdict, timeMs: Int(($0.cpuSeconds * 1000).rounded()), memoryKb: $0.memoryBytes / 1024,
                          score: $0.score, isSample: $0.name.hasPrefix("sample/"), message: $0.message)
        }
        return ArenaCore.JudgeResult(verdict: result.verdict, score: result.score, timeMs: Int((result.maxCPUSeconds * 1000).rounded()),
                                     memoryKb: result.maxMemoryBytes / 1024, compileOutput: result.compileOutput, tests: tests,
                                     error: result.verdict == .judgingError ? result.message : nil)
    }
}
