import Foundation

/// Where the judge keeps files and how it compiles. Everything has a default.
public struct JudgeConfiguration: Sendable {
    /// Compiled submissions, precompiled headers and validators, keyed by content hashes.
    /// Safe to delete at any time (nothing is pruned automatically yet).
    public var cacheDirectory: URL
    /// Scratch space for compile boxes, run outputs and feedback directories (cleaned after each use).
    public var workDirectory: URL
    /// The languages file; nil or missing means the built-in table.
    public var languagesFile: URL?
    /// CPU seconds a compile may use (problem `compilation_time` is used when larger).
    public var compileCPUSeconds: Double = 30
    /// Memory a compile may use, in MiB.
    public var compileMemoryMiB: Int = 2048
    /// Compile output kept for the owner, in bytes.
    public var compileOutputLimit: Int = 64 << 10
    /// Judge message (validator feedback, stderr excerpts) kept per test, in bytes.
    public var messageLimit: Int = 4 << 10

    /// Creates a configuration. Defaults: `$ARENA_JUDGE_CACHE` or `<tmp>/arena-judge-cache`,
    /// `<tmp>/arena-judge-work`, and `$ARENA_LANGUAGES` or `./config/languages.yaml` if present.
    public init(cacheDirectory: URL? = nil, workDirectory: URL? = nil, languagesFile: URL? = nil) {
        let env = ProcessInfo.processInfo.environment
        let tmp = FileManager.default.temporaryDirectory
        self.cacheDirectory = cacheDirectory ?? env["ARENA_JUDGE_CACHE"].map { URL(fileURLWithPath: $0) }
            ?? tmp.appendingPathComponent("arena-judge-cache")
        self.workDirectory = workDirectory ?? tmp.appendingPathComponent("arena-judge-work")
        self.languagesFile = languagesFile ?? env["ARENA_LANGUAGES"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("config/languages.yaml")
    }
}
