import ArenaCore
import Foundation

/// What each `submissions/<folder>/` promises (reference §1.8), applied to the lazily judged
/// verdict (the first failing test decides, as in a contest).
///
/// Verdicts are grouped into the CCS categories first: MLE counts as RTE (the ICPC rules call a
/// memory kill a run-time error; Arena reports MLE) and OLE as WA.
/// - `accepted`: AC within the time limit (scoring: any score; a score below full gets a note).
/// - `slow_accepted` (not a format folder; problemtools ignores it): correct but slow — AC within
///   time limit × safety margin, or TLE there (noted: only the tests that ran were checked);
///   WA/RTE fail.
/// - `partially_accepted`: AC with 0 < score < full score.
/// - `wrong_answer`: WA. `time_limit_exceeded`: TLE. `run_time_error`: RTE. On a scoring problem
///   the first failing secret test's verdict counts (the overall verdict is AC with a partial score).
/// - `rejected`: any of RTE, TLE, WA. `brute_force`: RTE or TLE.
/// CE and JE never satisfy a rule.
public enum VerifyExpectation {
    /// The verdict categories a folder accepts, or nil for a folder without a rule.
    public static func rule(for folder: String) -> Set<Verdict>? {
        switch folder {
        case "accepted", "partially_accepted": [.accepted]
        case "slow_accepted": [.accepted, .timeLimitExceeded]
        case "wrong_answer": [.wrongAnswer]
        case "time_limit_exceeded": [.timeLimitExceeded]
        case "run_time_error": [.runTimeError]
        case "rejected": [.runTimeError, .timeLimitExceeded, .wrongAnswer]
        case "brute_force": [.runTimeError, .timeLimitExceeded]
        default: nil
        }
    }

    /// The CCS category of a verdict: MLE → RTE, OLE → WA, others unchanged.
    public static func category(_ verdict: Verdict) -> Verdict {
        switch verdict {
        case .memoryLimitExceeded: .runTimeError
        case .outputLimitExceeded: .wrongAnswer
        default: verdict
        }
    }

    /// Whether `result` satisfies `folder`'s rule, with a note explaining a mismatch (or a warning).
    public static func check(folder: String, result: JudgeResult, timeLimit: Double, margin: Double,
                             scoring: Bool) -> (ok: Bool, note: String?) {
        guard let allowed = rule(for: folder) else { return (false, "no rule for folder `\(folder)`") }
        var got = category(result.verdict)
        // A scoring problem's overall verdict is AC with a partial score when some group failed;
        // a rejecting folder (`time_limit_exceeded`, …) is then judged by its first failing secret test.
        if scoring, got == .accepted, !allowed.contains(.accepted),
           let failing = result.tests.first(where: { $0.verdict != .accepted && !$0.name.hasPrefix("sample/") }) {
            got = category(failing.verdict)
        }
        switch result.verdict {
        case .compileError:
            return (false, "compile error:\n" + result.compileOutput.split(separator: "\n").prefix(6).joined(separator: "\n"))
        case .judgingError:
            return (false, "judging error: \(result.message ?? "unknown")")
        default:
            break
        }
        guard allowed.contains(got) else {
            let failing = result.tests.first { $0.verdict != .accepted }
            var note = "expected \(allowed.map(\.rawValue).sorted().joined(separator: "/")), got \(result.verdict.rawValue)"
            if let failing {
                note += " on \(failing.name)"
                if let message = failing.message { note += ": " + message.split(separator: "\n").prefix(4).joined(separator: " | ") }
            }
            return (false, note)
        }
        let full = result.maxScore
        let score = result.score ?? 0
        switch folder {
        case "partially_accepted":
            guard scoring else { return (false, "partially_accepted needs a scoring problem") }
            if score <= 0 { return (false, "score \(VerifyRow.number(score)) is not above 0") }
            if let full, score >= full { return (false, "full score \(VerifyRow.number(score)): not partial") }
            return (true, nil)
        case "accepted":
            if scoring, let full, score < full { return (true, "score \(VerifyRow.number(score)) below full \(VerifyRow.number(full))") }
            return (true, nil)
        case "slow_accepted":
            if result.verdict == .timeLimitExceeded {
                return (true, String(format: "TLE at time limit × margin (%.2f s): correct on the tests that ran, too slow to finish",
                                     timeLimit * margin))
            }
            if result.maxCPUSeconds <= timeLimit / margin {
                return (true, String(format: "fast (%.2f s): could be in accepted/", result.maxCPUSeconds))
            }
            return (true, nil)
        case "time_limit_exceeded":
            let slowest = result.tests.last?.cpuSeconds ?? 0
            // Killed at the margin means at least ~that much CPU; clearly less means it finished in between.
            if slowest < timeLimit * margin * 0.95, result.tests.last?.message?.contains("wall-clock") != true {
                return (true, String(format: "TLE, but finished within the safety margin (%.2f s < %.2f s)", slowest, timeLimit * margin))
            }
            return (true, nil)
        default:
            return (true, nil)
        }
    }
}
