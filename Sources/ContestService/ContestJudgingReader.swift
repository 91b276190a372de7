import ArenaCore
import Foundation
import Yams

/// Reads what a contest folder says about judging beyond its packages: `languages.yaml` (the
/// problemtools/Kattis language format) and `memory_limit` in `contest.yaml`.
///
/// A `languages.yaml` entry is keyed by a language id (`python3`) and has a `run` command (and
/// maybe `compile`). Arena looks at the program that command starts — `run`'s first word, or
/// `compile`'s when `run` starts the compiled `{binary}` — and when that program belongs to
/// another Arena language of the same family (`pypy3 "{mainfile}"` under `python3`), submissions
/// in that language are judged with it. Everything else in the file (names, priorities, globs,
/// flags) is the contest's business and ignored; what cannot be used is a note, never an error.
public enum ContestJudgingReader {
    /// Other spellings of Arena language ids found in contest systems' files.
    static let aliases = ["py3": "python3", "c++": "cpp", "rs": "rust"]

    /// Whether `folder` is a contest folder (it has `contest.yaml` or `languages.yaml`).
    public static func isContest(_ folder: URL) -> Bool {
        ["contest.yaml", "languages.yaml"].contains { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
    }

    /// The settings and the notes about what was ignored. `contest` is `contest.yaml` when already
    /// read; else it is read from `folder` if present.
    public static func read(_ folder: URL, contest: [String: Any]? = nil) throws -> (settings: JudgeSettings, notes: [String]) {
        let contestFile = folder.appendingPathComponent("contest.yaml")
        let contest = try contest ?? (FileManager.default.fileExists(atPath: contestFile.path) ? ContestPackageReader.yamlMap(contestFile) : nil)
        var notes: [String] = []
        var settings = JudgeSettings()
        let file = folder.appendingPathComponent("languages.yaml")
        if FileManager.default.fileExists(atPath: file.path) {
            guard let entries = try ContestPackageReader.yaml(file) as? [String: Any] else {
                throw UserError.invalid("languages.yaml: expected a mapping of language ids to their settings")
            }
            var others: [String] = []
            for key in entries.keys.sorted() {
                guard LanguageCatalog.find(aliases[key] ?? key) != nil else { others.append(key); continue }
                if let (target, note) = judgedLanguage(key, entry: entries[key]) {
                    if let target { settings.languages[aliases[key] ?? key] = target }
                    if let note { notes.append("languages.yaml: \(key): \(note)") }
                }
            }
            if !others.isEmpty { notes.append("languages.yaml: not Arena languages, ignored: \(others.joined(separator: ", "))") }
        }
        if let value = contest?["memory_limit"] {
            guard let mib = Int("\(value)"), (16...1_048_576).contains(mib) else {
                throw UserError.invalid("contest.yaml: memory_limit must be a whole number of MiB (such as 2048), not \(value)")
            }
            settings.memoryMiB = mib
        }
        return (settings, notes)
    }

    /// The Arena language that judges `key`'s submissions when it differs from `key` itself, and a
    /// note when the entry cannot be used as written; nil for an entry that changes nothing.
    static func judgedLanguage(_ key: String, entry: Any?) -> (String?, String?)? {
        guard let info = LanguageCatalog.find(aliases[key] ?? key) else { return (nil, "not a language Arena offers; ignored") }
        guard let map = entry as? [String: Any] else { return (nil, "expected a mapping with `run`; ignored") }
        let program = firstWord(map["run"]).flatMap { $0.contains("{") ? firstWord(map["compile"]) : $0 }
        guard let program else { return (nil, "no `run` command; judged as Arena's \(info.id)") }
        guard let started = LanguageCatalog.started(by: program) else {
            return (nil, "runs `\(program)`, which Arena has no language for; judged as Arena's \(info.id)")
        }
        guard started.family == info.family else {
            return (nil, "runs `\(program)` (\(started.id)), not a \(info.id) implementation; ignored")
        }
        return started.id == info.id ? nil : (started.id, nil)
    }

    /// The first word of a command (a string, or a list whose first item is the program), unquoted.
    static func firstWord(_ command: Any?) -> String? {
        let text = (command as? [Any])?.first.map { "\($0)" } ?? (command as? String)
        let word = text?.split(whereSeparator: \.isWhitespace).first.map(String.init)
        return word?.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
    }
}
