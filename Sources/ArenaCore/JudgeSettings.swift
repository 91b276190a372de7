import Foundation

/// What a contest tells the judge beyond its problem packages: which installed language judges
/// each submitted one (from the contest's `languages.yaml`: a contest whose Python 3 ran as
/// PyPy maps `python3` to `pypy3`) and the memory limit its packages assume when they set none
/// (`memory_limit` in `contest.yaml`). Empty for practice submissions: the packages' own rules.
public struct JudgeSettings: Sendable, Codable, Equatable {
    /// Submitted language id → the language id the judge compiles and runs it with.
    public var languages: [String: String]
    /// Memory limit in MiB for problems whose `problem.yaml` sets none; nil: the format's default.
    public var memoryMiB: Int?

    /// Creates settings; the defaults change nothing.
    public init(languages: [String: String] = [:], memoryMiB: Int? = nil) {
        self.languages = languages
        self.memoryMiB = memoryMiB
    }

    /// Whether the settings change nothing.
    public var isEmpty: Bool { languages.isEmpty && memoryMiB == nil }

    /// The settings as stored in PostgreSQL (`jsonb`) beside a contest or a submission.
    public var jsonText: String {
        String(decoding: (try? JSONEncoder().encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// Settings from stored JSON; empty when the text is not valid.
    public init(jsonText: String) {
        self = (try? JSONDecoder().decode(JudgeSettings.self, from: Data(jsonText.utf8))) ?? JudgeSettings()
    }

    /// One line per setting, for import reports: `python3 submissions are judged as pypy3`.
    public var summary: [String] {
        languages.sorted { $0.key < $1.key }.map { "\($0.key) submissions are judged as \($0.value) (languages.yaml)" }
            + (memoryMiB.map { ["memory limit \($0) MiB where a problem sets none (contest.yaml memory_limit)"] } ?? [])
    }

    /// The language id to judge a submission in `submitted` with.
    public func language(for submitted: String) -> String { languages[submitted] ?? submitted }

    enum CodingKeys: String, CodingKey {
        case languages, memoryMiB
    }

    /// Decodes settings; absent keys change nothing (older servers send none).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        languages = try c.decodeIfPresent([String: String].self, forKey: .languages) ?? [:]
        memoryMiB = try c.decodeIfPresent(Int.self, forKey: .memoryMiB)
    }
}
