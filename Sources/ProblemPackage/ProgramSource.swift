import Foundation

/// A program in the package: one file or one folder (validators, submissions).
public struct ProgramSource: Sendable, Codable, Equatable {
    /// The file or folder.
    public var path: URL
    /// Whether `path` is a folder.
    public var isDirectory: Bool
    /// Its source files (the file itself, or every regular file in the folder), sorted.
    public var files: [URL]
    /// A language id guessed from the extensions (`cpp`, `c`, `python3`, `java`, `rust`, …), if any.
    public var languageHint: String?
    /// A `build` script in the folder, if present.
    public var buildScript: URL?
    /// A `run` script in the folder, if present.
    public var runScript: URL?

    /// Creates a program source.
    public init(path: URL, isDirectory: Bool, files: [URL], languageHint: String?,
                buildScript: URL? = nil, runScript: URL? = nil) {
        self.path = path
        self.isDirectory = isDirectory
        self.files = files
        self.languageHint = languageHint
        self.buildScript = buildScript
        self.runScript = runScript
    }
}

/// A judge solution with the outcome its folder promises.
public struct ExpectedSubmission: Sendable, Codable, Equatable {
    /// The file or folder under `submissions/<expected>/`.
    public var path: URL
    /// The folder name: `accepted`, `wrong_answer`, `time_limit_exceeded`, `run_time_error`, …
    public var expected: String
    /// The program.
    public var source: ProgramSource
    /// Creates an expected submission.
    public init(path: URL, expected: String, source: ProgramSource) {
        self.path = path
        self.expected = expected
        self.source = source
    }
    /// The path relative to `submissions/`, such as `accepted/hello.cc`.
    public var name: String { "\(expected)/\(path.lastPathComponent)" }
}
