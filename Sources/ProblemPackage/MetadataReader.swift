import Foundation
import Yams

/// Legacy `validation:` — `default` or `custom`, optionally with `interactive` and `score`.
struct LegacyValidation {
    /// A custom output validator is used.
    var custom = false
    /// The validator talks to the submission.
    var interactive = false
    /// The validator reports a score.
    var score = false
}

/// Reads `problem.yaml` into `ProblemMetadata`, per format version.
struct MetadataReader {
    /// What was read.
    struct Result {
        var metadata = ProblemMetadata()
        var validatorFlags: [String] = []
        var validation = LegacyValidation()
    }

    static let legacyKeys: Set<String> = [
        "problem_format_version", "type", "name", "uuid", "author", "source", "source_url", "license",
        "rights_owner", "limits", "validation", "validator_flags", "grading", "keywords", "languages",
    ]
    static let modernKeys: Set<String> = [
        "problem_format_version", "type", "name", "uuid", "version", "credits", "source", "license",
        "rights_owner", "embargo_until", "limits", "keywords", "languages", "allow_file_writing", "constants",
    ]
    static let legacyLimitKeys: Set<String> = [
        "time_multiplier", "time_safety_margin", "time_limit", "memory", "output", "code", "compilation_time",
        "compilation_memory", "validation_time", "validation_memory", "validation_output",
    ]
    static let modernLimitKeys: Set<String> = [
        "time_multipliers", "time_limit", "time_resolution", "memory", "output", "code", "compilation_time",
        "compilation_memory", "validation_time", "validation_memory", "validation_output", "validation_passes",
    ]
    static let licenses: Set<String> = [
        "unknown", "public domain", "cc0", "cc by", "cc by-sa", "educational", "permission",
    ]

    /// The format version `problem_format_version` names (legacy when absent); nil and an error when unknown.
    static func version(of map: YAMLMap, _ diagnostics: inout Diagnostics) -> FormatVersion? {
        guard let raw = map.string("problem_format_version", &diagnostics) else { return .legacy }
        switch raw.trimmingCharacters(in: .whitespaces) {
        case "legacy", "legacy-icpc": return .legacy
        case "2023-07-draft", "2023-07": return .draft2023
        case "2025-09": return .v2025
        default:
            diagnostics.error(map.file, "unknown problem_format_version \"\(raw)\" (known: legacy, legacy-icpc, "
                + "2023-07-draft, 2025-09)", line: map["problem_format_version"].flatMap(YAMLMap.line))
            return nil
        }
    }

    /// The version a package whose `problem.yaml` cannot be read probably has: the version line if it
    /// can be found in the raw text, else 2025-09 when there is a `statement/` folder, else legacy.
    static func guessVersion(root: URL) -> FormatVersion {
        let text = PackagePaths.text(root.appendingPathComponent("problem.yaml")) ?? ""
        if let line = text.range(of: #"(?m)^problem_format_version:\s*["']?([0-9a-z-]+)"#, options: .regularExpression) {
            let value = text[line].split(separator: ":").last?.trimmingCharacters(in: CharacterSet(charactersIn: " \"'")) ?? ""
            switch value {
            case "2023-07-draft", "2023-07": return .draft2023
            case "2025-09": return .v2025
            case "legacy", "legacy-icpc": return .legacy
            default: break
            }
        }
        return PackagePaths.isDirectory(root.appendingPathComponent("statement")) ? .v2025 : .legacy
    }

    /// Reads every key of `map` for `version`. What does not change judging (licence, rights,
    /// credits, source, keywords, uuid, unknown keys) is only ever a warning: the authors' tools
    /// accepted the package, so Arena imports it and says what it ignored.
    static func read(_ map: YAMLMap, version: FormatVersion, _ d: inout Diagnostics) -> Result {
        var result = Result()
        let legacy = version == .legacy
        map.warnUnknownKeys(legacy ? legacyKeys : modernKeys, &d)
        var meta = result.metadata
        readName(map, required: !legacy, into: &meta, &d)
        meta.types = readTypes(map, legacy: legacy, &d)
        d.asWarnings { readDescriptive(map, version: version, into: &meta, &$0) }
        if let languages = map.strings("languages", &d), languages != ["all"] { meta.languages = languages }
        if legacy {
            result.validation = readValidation(map, &d)
            if result.validation.interactive { meta.types.insert(.interactive) }
            result.validatorFlags = map.strings("validator_flags", &d) ?? []
            if let grading = map.map("grading", &d) {
                grading.warnUnknownKeys(["objective", "show_test_data_groups"], &d)
                if let objective = grading.string("objective", &d) {
                    if ["min", "max"].contains(objective) { meta.gradingObjective = objective }
                    else { grading.wrongType("objective", "min or max", &d) }
                }
                d.asWarnings { _ = grading.bool("show_test_data_groups", &$0) }
            }
        } else {
            meta.allowFileWriting = map.bool("allow_file_writing", &d) ?? false
            meta.constants = readConstants(map, &d)
        }
        LimitsReader.read(map.map("limits", &d), version: version, into: &meta, &d)
        result.metadata = meta
        return result
    }

    /// The keys that describe the problem without changing how it is judged.
    private static func readDescriptive(_ map: YAMLMap, version: FormatVersion, into meta: inout ProblemMetadata,
                                        _ d: inout Diagnostics) {
        meta.uuid = map.string("uuid", &d)
        if meta.uuid == nil, version != .legacy { d.warning(map.file, "no `uuid` (\(version.rawValue) asks for one)") }
        meta.license = map.string("license", &d)
        if let license = meta.license {
            let known = licenses.contains(license.lowercased())
            if !known {
                d.warning(map.file, "unknown license \"\(license)\" kept as written (known: \(licenses.sorted().joined(separator: ", ")))",
                          line: map["license"].flatMap(YAMLMap.line))
            } else if license != license.lowercased() {
                d.warning(map.file, "license \"\(license)\" should be written in lower case", line: map["license"].flatMap(YAMLMap.line))
            }
        }
        meta.rightsOwner = map.string("rights_owner", &d)
        meta.keywords = map.strings("keywords", &d) ?? []
        if version == .legacy {
            meta.credits = map.string("author", &d)
            meta.source = map.string("source", &d)
            meta.sourceURL = map.string("source_url", &d)
        } else {
            meta.version = map.string("version", &d)
            meta.credits = readCredits(map, &d)
            (meta.source, meta.sourceURL) = readSource(map, &d)
            _ = map.string("embargo_until", &d)
        }
    }

    private static func readName(_ map: YAMLMap, required: Bool, into meta: inout ProblemMetadata, _ d: inout Diagnostics) {
        guard let node = map["name"] else {
            if required { d.error(map.file, "`name` is required") }
            return
        }
        if let scalar = node.scalar {
            meta.name = ["en": scalar.string]
        } else if let names = YAMLMap(node, file: map.file, prefix: "name.") {
            for (language, _) in names.pairs {
                if let name = names.string(language, &d) { meta.name[language] = name }
            }
            if meta.name.isEmpty { d.error(map.file, "`name` has no languages", line: YAMLMap.line(node)) }
        } else {
            map.wrongType("name", "a string or a mapping from language to name", &d)
        }
    }

    private static func readTypes(_ map: YAMLMap, legacy: Bool, _ d: inout Diagnostics) -> Set<ProblemType> {
        guard let words = map.strings("type", &d) else { return [.passFail] }
        let line = map["type"].flatMap(YAMLMap.line)
        var types: Set<ProblemType> = []
        let allowed: [ProblemType] = legacy ? [.passFail, .scoring] : ProblemType.allCases
        for word in words {
            guard let type = ProblemType(rawValue: word), allowed.contains(type) else {
                d.error(map.file, "unknown type \"\(word)\" (known: \(allowed.map(\.rawValue).joined(separator: ", ")))",
                        line: line)
                continue
            }
            types.insert(type)
        }
        if types.isSuperset(of: [.passFail, .scoring]) { d.error(map.file, "type cannot be both pass-fail and scoring", line: line) }
        if types.contains(.submitAnswer), !types.isDisjoint(with: [.interactive, .multiPass]) {
            d.error(map.file, "type submit-answer cannot be interactive or multi-pass", line: line)
        }
        if !types.contains(.scoring) { types.insert(.passFail) }
        return types
    }

    private static func readValidation(_ map: YAMLMap, _ d: inout Diagnostics) -> LegacyValidation {
        var validation = LegacyValidation()
        guard let words = map.strings("validation", &d) else { return validation }
        let line = map["validation"].flatMap(YAMLMap.line)
        guard let mode = words.first, mode == "default" || mode == "custom" else {
            d.error(map.file, "`validation` must start with default or custom", line: line)
            return validation
        }
        validation.custom = mode == "custom"
        for word in words.dropFirst() {
            switch word {
            case "interactive" where validation.custom: validation.interactive = true
            case "score" where validation.custom: validation.score = true
            default: d.error(map.file, "`validation` has unexpected \"\(word)\" (use custom [interactive] [score])", line: line)
            }
        }
        return validation
    }

    private static func readCredits(_ map: YAMLMap, _ d: inout Diagnostics) -> String? {
        guard let node = map["credits"] else { return nil }
        if let scalar = node.scalar { return scalar.string }
        guard let credits = map.map("credits", &d) else { return nil }
        credits.warnUnknownKeys(["authors", "contributors", "testers", "translators", "packagers", "acknowledgements"], &d)
        guard let authors = credits["authors"] else { return nil }
        let people = authors.sequence.map(Array.init) ?? [authors]
        let names = people.compactMap { $0.scalar?.string ?? $0.mapping?["name"]?.string }
        return names.isEmpty ? nil : names.joined(separator: ", ")
    }

    private static func readSource(_ map: YAMLMap, _ d: inout Diagnostics) -> (String?, String?) {
        guard let node = map["source"] else { return (nil, nil) }
        let entries = node.sequence.map(Array.init) ?? [node]
        var names: [String] = []
        var url: String?
        for entry in entries {
            if let scalar = entry.scalar { names.append(scalar.string); continue }
            guard let mapping = entry.mapping, let name = mapping["name"]?.string else {
                map.wrongType("source", "a string, a {name, url} mapping, or a list of those", &d)
                return (nil, nil)
            }
            names.append(name)
            url = url ?? mapping["url"]?.string
        }
        return (names.isEmpty ? nil : names.joined(separator: "; "), url)
    }

    private static func readConstants(_ map: YAMLMap, _ d: inout Diagnostics) -> [String: String] {
        guard let constants = map.map("constants", &d) else { return [:] }
        var values: [String: String] = [:]
        for (name, node) in constants.pairs {
            if let scalar = node.scalar { values[name] = scalar.string }
            else if let value = node.mapping?["value"]?.scalar { values[name] = value.string }
            else { constants.wrongType(name, "a value or a mapping with `value`", &d) }
        }
        return values
    }
}
