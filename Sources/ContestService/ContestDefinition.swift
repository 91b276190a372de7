import ArenaCore
import Foundation
import Yams

/// A contest as `contest.yaml` + `problems.yaml` (CCS contest package, §2.9) describe it, checked.
public struct ContestDefinition: Sendable, Equatable {
    /// Contest id (`[a-z0-9_-]+`).
    public var id: String
    /// Display name.
    public var name: String
    /// Start.
    public var start: Date
    /// Length in seconds.
    public var duration: Int
    /// Seconds before the end when the public scoreboard freezes (nil: never).
    public var freeze: Int?
    /// `icpc`, `ioi` or `codeforces`.
    public var scoring: String
    /// Penalty minutes per rejected try (ICPC).
    public var penaltyMinutes: Int
    /// Listed to everyone (else only to registered users and jury).
    public var isPublic: Bool
    /// Anyone may register (else the jury registers people).
    public var openRegistration: Bool
    /// Problems in order.
    public var problems: [ContestProblemDefinition]
    /// How its submissions are judged beyond the packages (`languages.yaml`, `memory_limit`).
    public var judging: JudgeSettings
    /// What was read but ignored (from `languages.yaml`), for the import report; not stored.
    public var notes: [String]

    /// Creates a definition (call `validate()` before storing it).
    public init(id: String, name: String, start: Date, duration: Int, freeze: Int?, scoring: String, penaltyMinutes: Int,
                isPublic: Bool, openRegistration: Bool, problems: [ContestProblemDefinition], judging: JudgeSettings = JudgeSettings(),
                notes: [String] = []) {
        self.id = id; self.name = name; self.start = start; self.duration = duration; self.freeze = freeze; self.scoring = scoring
        self.penaltyMinutes = penaltyMinutes; self.isPublic = isPublic; self.openRegistration = openRegistration; self.problems = problems
        self.judging = judging; self.notes = notes
    }

    /// When it ends.
    public var end: Date { start.addingTimeInterval(Double(duration)) }

    /// Checks the times and problems; the error says what is wrong.
    public func validate() throws {
        guard id.range(of: #"^[a-z0-9][a-z0-9_-]{0,63}$"#, options: .regularExpression) != nil else {
            throw UserError.invalid("contest id \"\(id)\" must be lower-case letters, digits, '-' or '_'")
        }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw UserError.invalid("the contest needs a name") }
        guard duration > 0 else { throw UserError.invalid("the contest must end after it starts (duration \(duration) s)") }
        guard duration <= 31 * 86400 else { throw UserError.invalid("a contest lasts at most 31 days") }
        if let freeze, freeze < 0 || freeze > duration {
            throw UserError.invalid("the scoreboard freeze (\(freeze) s before the end) must fall inside the contest (\(duration) s)")
        }
        guard ["icpc", "ioi", "codeforces"].contains(scoring) else { throw UserError.invalid("scoring must be icpc, ioi or codeforces, not \(scoring)") }
        guard (0...1000).contains(penaltyMinutes) else { throw UserError.invalid("penalty_time must be 0 to 1000 minutes") }
        let labels = problems.map(\.label)
        guard Set(labels).count == labels.count else { throw UserError.invalid("problem labels repeat: \(labels.joined(separator: ", "))") }
        guard Set(problems.map(\.problemId)).count == problems.count else { throw UserError.invalid("a problem appears twice in the contest") }
    }
}

/// One problem of a contest.
public struct ContestProblemDefinition: Sendable, Equatable {
    /// The problem id (package folder name).
    public var problemId: String
    /// Label, `A`, `B`, ….
    public var label: String
    /// Points (IOI/Codeforces maximum), if given.
    public var points: Int?
    /// Colour as `#rrggbb`, if given.
    public var rgb: String?

    /// Creates one.
    public init(problemId: String, label: String, points: Int?, rgb: String?) {
        self.problemId = problemId; self.label = label; self.points = points; self.rgb = rgb
    }
}

/// Reads a CCS contest folder.
public enum ContestPackageReader {
    /// Reads `contest.yaml` and `problems.yaml` in `folder` (and `languages.yaml`, see
    /// `ContestJudgingReader`); errors name the file and the key.
    public static func read(_ folder: URL) throws -> ContestDefinition {
        let contestFile = folder.appendingPathComponent("contest.yaml")
        let contest = try yamlMap(contestFile)
        func string(_ key: String) -> String? { (contest[key]).map { "\($0)" } }
        guard let id = string("id") ?? Optional(folder.lastPathComponent) else { throw UserError.invalid("contest.yaml: no id") }
        guard let startText = string("start_time") else { throw UserError.invalid("contest.yaml: start_time is missing") }
        guard let start = (contest["start_time"] as? Date) ?? parseTime(startText) else {
            throw UserError.invalid("contest.yaml: start_time \"\(startText)\" is not an ISO 8601 time")
        }
        // YAML 1.1 reads 5:00:00 as a base-60 integer, which is already seconds.
        func seconds(_ key: String) -> Int? { (contest[key] as? Int) ?? string(key).flatMap(parseDuration) }
        guard let duration = seconds("duration") else { throw UserError.invalid("contest.yaml: duration must look like 5:00:00") }
        var freeze: Int?
        if contest["scoreboard_freeze_duration"] != nil {
            guard let value = seconds("scoreboard_freeze_duration") else {
                throw UserError.invalid("contest.yaml: scoreboard_freeze_duration must look like 1:00:00")
            }
            freeze = value
        }
        // Minutes (CCS 2023-06: `20`), or a duration (2026-01: `"0:20:00"`).
        let penalty = try string("penalty_time").map { text -> Int in
            if let minutes = Int(text) { return minutes }
            if let seconds = parseDuration(text) { return seconds / 60 }
            throw UserError.invalid("contest.yaml: penalty_time must be minutes or h:mm:ss, got \(text)")
        } ?? 20
        let problemsFile = folder.appendingPathComponent("problems.yaml")
        let problems = try yamlList(problemsFile).enumerated().map { index, entry -> ContestProblemDefinition in
            guard let map = entry as? [String: Any], let id = (map["short_name"] ?? map["id"]).map({ "\($0)" }) else {
                throw UserError.invalid("problems.yaml: entry \(index + 1) needs an id")
            }
            let label = map["label"].map { "\($0)" } ?? String(UnicodeScalar(UInt8(65 + index % 26)))
            let points = map["points"].flatMap { Int("\($0)") }
            let rgb = map["rgb"].map { "\($0)" }
            return ContestProblemDefinition(problemId: id, label: label, points: points, rgb: rgb)
        }
        let judging = try ContestJudgingReader.read(folder, contest: contest)
        let definition = ContestDefinition(
            id: id, name: string("name") ?? string("formal_name") ?? id, start: start, duration: duration, freeze: freeze,
            scoring: string("scoring") ?? "icpc", penaltyMinutes: penalty, isPublic: (contest["public"] as? Bool) ?? true,
            openRegistration: (contest["open_registration"] as? Bool) ?? true, problems: problems,
            judging: judging.settings, notes: judging.notes)
        try definition.validate()
        return definition
    }

    static func yamlMap(_ file: URL) throws -> [String: Any] {
        guard let value = try yaml(file) as? [String: Any] else { throw UserError.invalid("\(file.lastPathComponent): expected a mapping") }
        return value
    }

    static func yamlList(_ file: URL) throws -> [Any] {
        guard let value = try yaml(file) as? [Any] else { throw UserError.invalid("\(file.lastPathComponent): expected a list of problems") }
        return value
    }

    static func yaml(_ file: URL) throws -> Any? {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { throw UserError.invalid("\(file.path): cannot read the file") }
        do {
            return try Yams.load(yaml: text)
        } catch let error as YamlError {
            throw UserError.invalid("\(file.lastPathComponent): broken YAML: \(error)")
        }
    }

    /// ISO 8601 with or without fractional seconds and offset (`2026-01-01T10:00:00+01:00`).
    static func parseTime(_ text: String) -> Date? {
        if let date = text as Any as? Date { return date }
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    /// `h:mm:ss(.uuu)` → seconds.
    static func parseDuration(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 3, let h = Int(parts[0]), let m = Int(parts[1]), let s = Double(parts[2]), h >= 0, (0..<60).contains(m), s >= 0, s < 60
        else { return nil }
        return h * 3600 + m * 60 + Int(s)
    }
}
