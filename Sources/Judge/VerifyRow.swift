import ArenaCore
import Foundation

/// One line of `arena problems verify`: an example submission, what its folder promises, what it got.
public struct VerifyRow: Sendable, Codable, Equatable {
    /// How the row turned out.
    public enum Status: String, Sendable, Codable {
        /// Got what the folder promises.
        case ok
        /// Not judged: its language is not installed here (never a failure).
        case skipped
        /// Judged, and the result breaks the folder's rule.
        case mismatch
        /// The package (or a validator) is broken: nothing could be judged.
        case error
    }

    /// The package's short name (folder name).
    public var package: String
    /// The submission relative to `submissions/` (`accepted/hello.cc`), or `-` for a package error.
    public var submission: String
    /// Language id (or the guess from the file extension).
    public var language: String?
    /// The folder name: `accepted`, `wrong_answer`, `time_limit_exceeded`, …
    public var expected: String
    /// The verdict it got, if judged.
    public var verdict: Verdict?
    /// The score it got (scoring problems).
    public var score: Double?
    /// The best possible score, if known.
    public var maxScore: Double?
    /// Largest CPU time over the tests that ran, in seconds.
    public var maxTimeSeconds: Double?
    /// Largest peak memory over the tests that ran, in bytes.
    public var maxMemoryBytes: Int?
    /// The time limit used for verdicts (derived or from the package), in seconds.
    public var timeLimit: Double?
    /// The outcome.
    public var status: Status
    /// Why (skip reason, mismatch detail, compile output excerpt, time-limit derivation).
    public var note: String?

    /// Creates a row.
    public init(package: String, submission: String, language: String? = nil, expected: String, verdict: Verdict? = nil,
                score: Double? = nil, maxScore: Double? = nil, maxTimeSeconds: Double? = nil, maxMemoryBytes: Int? = nil,
                timeLimit: Double? = nil, status: Status, note: String? = nil) {
        self.package = package
        self.submission = submission
        self.language = language
        self.expected = expected
        self.verdict = verdict
        self.score = score
        self.maxScore = maxScore
        self.maxTimeSeconds = maxTimeSeconds
        self.maxMemoryBytes = maxMemoryBytes
        self.timeLimit = timeLimit
        self.status = status
        self.note = note
    }

    /// The verdict as shown: `AC`, `AC (50)`, `TLE`, or `-`.
    public var got: String {
        guard let verdict else { return "-" }
        guard let score else { return verdict.rawValue }
        return "\(verdict.rawValue) (\(Self.number(score)))"
    }

    /// Whether this row makes verify fail (mismatch or package error; skipped rows never do).
    public var isFailure: Bool { status == .mismatch || status == .error }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.2f", value)
    }
}

/// Plain-text and JSON renderings of verify rows.
public enum VerifyReport {
    /// An aligned table (package, submission, language, expected, got, time, memory, result), notes
    /// (the time limit on each package's first row, reasons) indented under their row, then a summary line.
    public static func table(_ rows: [VerifyRow]) -> String {
        let header = ["PACKAGE", "SUBMISSION", "LANG", "EXPECTED", "GOT", "TIME", "MEMORY", "RESULT"]
        var lines: [[String]] = []
        var notes: [Int: String] = [:]
        for row in rows {
            if let note = row.note, !note.isEmpty { notes[lines.count] = note }
            lines.append([
                row.package, row.submission, row.language ?? "?", row.expected, row.got,
                row.maxTimeSeconds.map { String(format: "%.2fs", $0) } ?? "-",
                row.maxMemoryBytes.map { String(format: "%.1fMiB", Double($0) / 1_048_576) } ?? "-",
                row.status.rawValue,
            ])
        }
        let widths = header.indices.map { column in ([header] + lines).map { $0[column].count }.max() ?? 0 }
        func render(_ cells: [String]) -> String {
            cells.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var output = [render(header)]
        for (index, line) in lines.enumerated() {
            output.append(render(line))
            if let note = notes[index] {
                output += note.split(separator: "\n", omittingEmptySubsequences: false).prefix(8).map { "    " + $0 }
            }
        }
        output.append(summary(rows))
        return output.joined(separator: "\n") + "\n"
    }

    /// `12 ok, 3 skipped, 0 mismatched, 0 package errors`.
    public static func summary(_ rows: [VerifyRow]) -> String {
        let count = { (status: VerifyRow.Status) in rows.filter { $0.status == status }.count }
        return "\(count(.ok)) ok, \(count(.skipped)) skipped, \(count(.mismatch)) mismatched, \(count(.error)) package errors"
    }

    /// Pretty-printed JSON: `{"rows": [...], "failed": bool}` (for `--json`).
    public static func json(_ rows: [VerifyRow]) throws -> String {
        struct Document: Encodable {
            var rows: [VerifyRow]
            var failed: Bool
            var summary: String
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(Document(rows: rows, failed: rows.contains(where: \.isFailure), summary: summary(rows)))
        return String(decoding: data, as: UTF8.self)
    }
}
