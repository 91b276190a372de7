import Foundation

/// One thing wrong with a package: the file (relative to the package) and what is wrong.
public struct PackageProblem: Sendable, Codable, Equatable, CustomStringConvertible {
    /// The file or folder, relative to the package root (`""` for the package itself).
    public var file: String
    /// The line in `file`, when known (1-based).
    public var line: Int?
    /// What is wrong.
    public var message: String
    /// Creates a problem.
    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }
    /// `file:line: message`.
    public var description: String {
        let place = file.isEmpty ? "." : file
        return line.map { "\(place):\($0): \(message)" } ?? "\(place): \(message)"
    }
}

/// Thrown by `ProblemPackage.load(at:)`: every problem found, so a broken package reports all at once.
public struct PackageProblems: Error, Sendable, CustomStringConvertible {
    /// The package folder.
    public var root: URL
    /// Every problem found, in the order found.
    public var problems: [PackageProblem]
    /// Warnings found along the way (they alone would not have stopped the import).
    public var warnings: [PackageProblem]
    /// Creates the error.
    public init(root: URL, problems: [PackageProblem], warnings: [PackageProblem] = []) {
        self.root = root
        self.problems = problems
        self.warnings = warnings
    }
    /// One problem per line, prefixed by the package name.
    public var description: String {
        problems.map { "\(root.lastPathComponent)/\($0)" }.joined(separator: "\n")
    }
}
