import Foundation

/// Reads `limits` of `problem.yaml`, with the defaults of each format version.
///
/// Memory defaults: 1024 MiB for legacy packages (as problemtools), 2048 MiB for 2023-07-draft and
/// 2025-09 (their "system default"). Legacy `time_multiplier`/`time_safety_margin` (defaults 5 and 2)
/// become `acToTimeLimit`/`timeLimitToTle`, as problemtools maps them.
enum LimitsReader {
    static func read(_ limits: YAMLMap?, version: FormatVersion, into meta: inout ProblemMetadata, _ d: inout Diagnostics) {
        let legacy = version == .legacy
        let defaultMemory = legacy ? 1024 : 2048
        meta.memoryMiB = defaultMemory
        meta.compilationMemoryMiB = defaultMemory
        meta.validationMemoryMiB = defaultMemory
        meta.timeMultipliers = legacy ? TimeMultipliers(acToTimeLimit: 5, timeLimitToTle: 2)
                                      : TimeMultipliers(acToTimeLimit: 2, timeLimitToTle: 1.5)
        guard let limits else { return }
        limits.warnUnknownKeys(legacy ? MetadataReader.legacyLimitKeys : MetadataReader.modernLimitKeys, &d)
        if legacy {
            if let value = limits.double("time_multiplier", &d) { meta.timeMultipliers.acToTimeLimit = value }
            if let value = limits.double("time_safety_margin", &d) { meta.timeMultipliers.timeLimitToTle = value }
            // Not a legacy key, but DOMjudge (and BAPCtools' legacy output) read and write it.
            meta.timeLimit = limits.double("time_limit", &d)
        } else {
            if let multipliers = limits.map("time_multipliers", &d) {
                multipliers.warnUnknownKeys(["ac_to_time_limit", "time_limit_to_tle"], &d)
                if let value = multipliers.double("ac_to_time_limit", &d) {
                    if value >= 1 { meta.timeMultipliers.acToTimeLimit = value }
                    else { multipliers.wrongType("ac_to_time_limit", "at least 1", &d) }
                }
                if let value = multipliers.double("time_limit_to_tle", &d) {
                    if value >= 1 { meta.timeMultipliers.timeLimitToTle = value }
                    else { multipliers.wrongType("time_limit_to_tle", "at least 1", &d) }
                }
            }
            meta.timeLimit = limits.double("time_limit", &d)
            meta.timeResolution = limits.double("time_resolution", &d) ?? 1.0
            if let passes = limits.int("validation_passes", &d) {
                if passes >= 2 { meta.validationPasses = passes } else { limits.wrongType("validation_passes", "at least 2", &d) }
            }
        }
        if let memory = limits.int("memory", &d) {
            meta.memoryMiB = memory
            meta.memoryDeclared = true
        }
        meta.outputMiB = limits.int("output", &d) ?? meta.outputMiB
        meta.codeKiB = limits.int("code", &d) ?? meta.codeKiB
        meta.compilationTime = limits.double("compilation_time", &d) ?? meta.compilationTime
        meta.compilationMemoryMiB = limits.int("compilation_memory", &d) ?? meta.compilationMemoryMiB
        meta.validationTime = limits.double("validation_time", &d) ?? meta.validationTime
        meta.validationMemoryMiB = limits.int("validation_memory", &d) ?? meta.validationMemoryMiB
        meta.validationOutputMiB = limits.int("validation_output", &d) ?? meta.validationOutputMiB
    }

    /// Reads a `.timelimit` file (DOMjudge convention) into `meta.timeLimit` when no explicit limit is
    /// set; one that disagrees with `limits.time_limit` is a warning (problem.yaml wins).
    static func readTimeLimitFile(root: URL, into meta: inout ProblemMetadata, _ d: inout Diagnostics) {
        let url = root.appendingPathComponent(".timelimit")
        guard PackagePaths.isFile(url) else { return }
        let text = PackagePaths.text(url)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard let value = Double(text), value > 0, value.isFinite else {
            d.error(".timelimit", "must hold a positive number of seconds, not \"\(text)\"")
            return
        }
        if let explicit = meta.timeLimit {
            if abs(explicit - value) > 1e-9 {
                d.warning(".timelimit", "says \(text) s but problem.yaml sets limits.time_limit \(explicit) s; problem.yaml wins")
            }
            return
        }
        meta.timeLimit = value
    }
}
