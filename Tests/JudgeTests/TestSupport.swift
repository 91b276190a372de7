import Foundation
import Judge
import ProblemPackage
import Testing

/// One engine for the whole test process: the compile cache and precompiled headers are shared
/// (and kept between runs in the system temp directory, keyed by content, so reruns are fast).
enum Shared {
    /// The engine, or why it cannot be made. A machine without bubblewrap, the sandbox init or a
    /// usable work folder FAILS the engine tests (issue 8): CI must never turn them into skips.
    static func engine() throws -> JudgeEngine { try made.get() }

    private static let made: Result<JudgeEngine, any Error> = Result {
        let tmp = FileManager.default.temporaryDirectory
        let configuration = JudgeConfiguration(
            cacheDirectory: tmp.appendingPathComponent("arena-judge-test-cache"),
            workDirectory: tmp.appendingPathComponent("arena-judge-test-work-\(getpid())"),
            languagesFile: repositoryRoot.appendingPathComponent("config/languages.yaml"))
        let engine = try JudgeEngine(configuration: configuration)
        let sandbox = engine.sandbox.configuration
        guard sandbox.bwrapPath != nil else { throw JudgeTestSetupError("bubblewrap is not installed (scripts/setup installs it)") }
        guard sandbox.initPath != nil else { throw JudgeTestSetupError("arena-sandbox-init is not built (swift build --build-tests builds it)") }
        return engine
    }

    /// /work/main (from this file: Tests/JudgeTests/TestSupport.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// ../shared/problems next to the repository, if present.
    static let sharedProblems: URL? = {
        let url = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/problems")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()
}

/// Why the judge tests cannot run on this machine.
struct JudgeTestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A problem package written into a temporary directory (2025-09 layout, Markdown statement).
final class TempPackage: Sendable {
    let root: URL

    /// Creates `<tmp>/<random>/<name>` with problem.yaml, a statement and the given files.
    init(name: String = "tiny", yaml: String = "", files: [String: String]) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("arena-judge-pkg-\(UUID().uuidString.prefix(8))")
        root = base.appendingPathComponent(name)
        var all = files
        all["problem.yaml"] = all["problem.yaml"] ?? """
            problem_format_version: 2025-09
            name: Tiny
            uuid: 8e9c4e0a-1111-4222-8333-944445555666
            license: cc0
            \(yaml)
            """
        all["statement/problem.en.md"] = all["statement/problem.en.md"] ?? "Print the sum.\n"
        for (path, text) in all {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    func load() throws -> ProblemPackage { try ProblemPackage.load(at: root) }

    deinit { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
}
