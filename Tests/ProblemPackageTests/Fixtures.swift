import Foundation

/// Where the example packages of `shared/problems` are, found from this file's real location.
enum Fixtures {
    /// `<repo>/../shared/problems` (this file is `<repo>/Tests/ProblemPackageTests/Fixtures.swift`).
    static let problems: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("../../../shared/problems").standardizedFileURL

    /// Whether the folder is there; when it is not, the tests that need it are skipped with this reason.
    static let available: Bool = {
        let present = FileManager.default.fileExists(atPath: problems.appendingPathComponent("oddecho/problem.yaml").path)
        if !present { print("Skipping shared/problems tests: \(problems.path) is absent") }
        return present
    }()

    /// One example package.
    static func problem(_ name: String) -> URL { problems.appendingPathComponent(name) }

    /// Whether pandoc is installed (LaTeX statement tests need it).
    static let hasPandoc: Bool = ProcessInfo.processInfo.environment["PATH", default: ""].split(separator: ":")
        .contains { FileManager.default.isExecutableFile(atPath: "\($0)/pandoc") }
}

/// A package written into a fresh temporary folder; a valid 2025-09 package until a test breaks it.
struct TempPackage {
    /// The folder holding the package folder (so links can point outside the package).
    let parent: URL
    /// The package root.
    let root: URL

    /// Writes a small valid 2025-09 package named `name`.
    init(_ name: String = "sum") throws {
        parent = FileManager.default.temporaryDirectory.appendingPathComponent("arena-pkg-\(UUID().uuidString)")
        root = parent.appendingPathComponent(name)
        try write("problem.yaml", """
            problem_format_version: 2025-09
            name: Sum
            uuid: 8ee7605a-b5d6-4b4b-9b4f-0c3a4e0d3c11
            credits: Ada Lovelace
            license: cc by
            limits:
              time_limit: 1.5
              memory: 256
            constants:
              max_n: 1000

            """)
        try write("statement/problem.en.md", """
            Add $a+b$ for $1 \\le a, b \\le {{max_n}}$.

            {{nextsample}}

            Explained.

            {{remainingsamples}}

            """)
        try write("data/sample/1.in", "1 2\n")
        try write("data/sample/1.ans", "3\n")
        try write("data/sample/2.in", "2 2\n")
        try write("data/sample/2.ans", "4\n")
        try write("data/secret/1.in", "5 6\n")
        try write("data/secret/1.ans", "11\n")
        try write("submissions/accepted/sum.cpp", "int main() {}\n")
        try write("input_validators/validate.py", "import sys\nsys.exit(42)\n")
    }

    /// Writes `text` at `path` (relative to the package), creating folders.
    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Removes `path` (relative to the package).
    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    /// Makes `path` a symlink whose target text is `target`.
    func link(_ path: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent(path).path, withDestinationPath: target)
    }

    /// Deletes the temporary folder.
    func delete() {
        try? FileManager.default.removeItem(at: parent)
    }
}
