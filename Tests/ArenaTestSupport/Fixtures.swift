import Foundation

/// Where the test inputs are: the project's `examples/`, and `../shared/problems` (the Kattis
/// packages, present on the team's machines and in CI, absent in a user's clone).
public enum Fixtures {
    /// The repository root.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `examples/`.
    public static let examples = root.appendingPathComponent("examples")
    /// `../shared/problems`, when present.
    public static var sharedProblems: URL? {
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/problems")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("hello/problem.yaml").path) ? url : nil
    }
    /// A message for skipped tests.
    public static let sharedMissing = "../shared/problems is absent (a user's clone): skipping the tests on the Kattis packages"

    /// A new empty temporary folder.
    public static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("arena-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `files` (relative path → text) under `folder`.
    public static func write(_ files: [String: String], in folder: URL) throws {
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// A small valid 2025-09 package named `name` with `statement` as its Markdown.
    public static func package(_ name: String, statement: String = "Add two numbers $a+b$.\n\n## Input\n\nTwo integers.\n",
                               answer: String = "3\n") -> [String: String] {
        [
            "\(name)/problem.yaml": """
                problem_format_version: 2025-09
                name: \(name.capitalized)
                uuid: \(UUID().uuidString.lowercased())
                limits:
                  time_limit: 1.0
                  memory: 256
                """,
            "\(name)/statement/problem.en.md": statement,
            "\(name)/data/sample/1.in": "1 2\n",
            "\(name)/data/sample/1.ans": answer,
            "\(name)/data/secret/1.in": "2 2\n",
            "\(name)/data/secret/1.ans": "4\n",
            "\(name)/submissions/accepted/a.py": "print(sum(map(int, input().split())))\n",
            "\(name)/input_validators/v.py": "import sys\nsys.exit(42)\n",
        ]
    }
}
