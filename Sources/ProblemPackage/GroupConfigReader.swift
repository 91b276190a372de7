import Foundation

/// Reads a group's `testdata.yaml` (legacy keys, also used by 2023-07-draft as problemtools does) or
/// `test_group.yaml` (2025-09 keys) into a `TestGroup`. Settings missing from a folder's file are
/// inherited from the parent folder, key by key, as problemtools does; `max_score` and
/// `score_aggregation` get the 2025-09 defaults instead (100/sum for `secret`, unbounded/pass-fail for groups).
enum GroupConfigReader {
    static let legacyKeys: Set<String> = [
        "on_reject", "grading", "grader_flags", "input_validator_flags", "output_validator_flags",
        "accept_score", "reject_score", "range",
    ]
    static let modernKeys: Set<String> = [
        "max_score", "score_aggregation", "static_validation_score", "require_pass", "args",
        "input_validator_args", "static_validator_args", "output_validator_args", "input_visualizer_args",
        "output_visualizer_args", "full_feedback",
    ]

    /// A new group at `dir` with settings inherited from `parent` and then read from its config file.
    static func group(dir: URL, name: String, path: String, parent: TestGroup?, _ d: inout Diagnostics) -> TestGroup {
        var group = TestGroup(name: name, path: path)
        if let parent {
            group.onReject = parent.onReject
            group.graderFlags = parent.graderFlags
            group.acceptScore = parent.acceptScore
            group.rejectScore = parent.rejectScore
            group.scoreRange = parent.scoreRange
            group.maxScore = parent.maxScore
            group.aggregation = parent.aggregation
            group.outputValidatorArgs = parent.outputValidatorArgs
            group.inputValidatorArgs = parent.inputValidatorArgs
        }
        group.graderFlags.removeAll { $0 == "ignore_sample" && !path.isEmpty }  // root only
        if let map = YAMLMap.load(dir.appendingPathComponent("testdata.yaml"), diagnostics: &d) {
            readLegacy(map, into: &group, &d)
            group.hasConfig = true
        }
        if let map = YAMLMap.load(dir.appendingPathComponent("test_group.yaml"), diagnostics: &d) {
            if group.hasConfig { d.error(map.file, "a folder may hold testdata.yaml or test_group.yaml, not both") }
            if path == "secret" { group.maxScore = 100; group.aggregation = .sum } else { group.maxScore = nil; group.aggregation = .passFail }
            readModern(map, into: &group, &d)
            group.hasConfig = true
        }
        return group
    }

    private static func readLegacy(_ map: YAMLMap, into group: inout TestGroup, _ d: inout Diagnostics) {
        map.warnUnknownKeys(legacyKeys, &d)
        if let raw = map.string("on_reject", &d) {
            if let value = OnReject(rawValue: raw) { group.onReject = value } else { map.wrongType("on_reject", "break or continue", &d) }
        }
        if let grading = map.string("grading", &d), !["default", "custom"].contains(grading) {
            map.wrongType("grading", "default or custom", &d)
        }
        if let flags = map.strings("grader_flags", &d) {
            group.graderFlags = flags
            let modes: [(String, ScoreAggregation)] = [("min", .min), ("max", .max), ("avg", .avg), ("sum", .sum)]
            group.aggregation = modes.first { flags.contains($0.0) }?.1 ?? .sum
        }
        if let score = map.double("accept_score", &d, positive: false) { group.acceptScore = score }
        if let score = map.double("reject_score", &d, positive: false) { group.rejectScore = score }
        if let range = map.string("range", &d) {
            let parts = range.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
            if parts.count == 2, parts[0] <= parts[1] {
                group.scoreRange = parts[0]...parts[1]
                group.maxScore = parts[1].isFinite ? parts[1] : nil
            } else {
                map.wrongType("range", "two numbers \"low high\"", &d)
            }
        }
        if let flags = flagList(map, "output_validator_flags", &d) { group.outputValidatorArgs = flags }
        if let flags = flagList(map, "input_validator_flags", &d) { group.inputValidatorArgs = flags }
    }

    /// Legacy validator flags: a string, or a mapping from validator name to a string (values joined).
    private static func flagList(_ map: YAMLMap, _ key: String, _ d: inout Diagnostics) -> [String]? {
        guard let node = map[key] else { return nil }
        if node.scalar != nil { return map.strings(key, &d) }
        guard let byName = map.map(key, &d) else { return nil }
        return byName.pairs.flatMap { ($0.value.string ?? "").split(whereSeparator: \.isWhitespace).map(String.init) }
    }

    private static func readModern(_ map: YAMLMap, into group: inout TestGroup, _ d: inout Diagnostics) {
        map.warnUnknownKeys(modernKeys, &d)
        if let node = map["max_score"] {
            if node.string == "unbounded" { group.maxScore = nil }
            else if let value = map.double("max_score", &d, positive: false) { group.maxScore = value }
        }
        if let raw = map.string("score_aggregation", &d) {
            switch raw {
            case "pass-fail": group.aggregation = .passFail
            case "sum": group.aggregation = .sum
            case "min": group.aggregation = .min
            default: map.wrongType("score_aggregation", "pass-fail, sum or min", &d)
            }
        }
        _ = map.double("static_validation_score", &d, positive: false)
        _ = map.bool("full_feedback", &d)
        if let groups = map.strings("require_pass", &d) { group.requirePass = groups }
        if let args = map.strings("output_validator_args", &d, splitting: false) { group.outputValidatorArgs = args }
        if let args = map.strings("input_validator_args", &d, splitting: false) { group.inputValidatorArgs = args }
        for key in ["args", "static_validator_args", "input_visualizer_args", "output_visualizer_args"] {
            _ = map.strings(key, &d, splitting: false)
        }
    }
}
