import ArenaCore
import Foundation
import ProblemPackage

/// Runs the cases of one submission for the graders, which ask for them one by one, in order.
///
/// Results come back in the order asked, as if run one by one, but up to `width` cases run at
/// once (issue 8): asking for a case also starts the next `width - 1` of the plan (the judged
/// cases in package order), each holding its own run slot, so a 2-core judge uses both cores.
/// `finish()` cancels what was started and never asked for (a pass-fail problem stopped at its
/// first failure). Cases whose input, answer and arguments are the same files (symlinked cases,
/// as problemtools does; the format lets judges assume runs are deterministic) run once.
final class JudgeSession {
    let runner: CaseRunner
    let packageRoot: URL
    let total: Int
    let progress: @Sendable (JudgeProgress) -> Void
    private(set) var tests: [TestResult] = []
    private let plan: [TestCase]
    private let position: [String: Int]
    private let width: Int
    /// Runs started, by reuse key; a judging error is dropped, so the next identical case runs again.
    private var started: [String: Task<CaseOutcome, Never>] = [:]
    private var asked: Set<String> = []

    init(runner: CaseRunner, packageRoot: URL, plan: [TestCase], width: Int, progress: @escaping @Sendable (JudgeProgress) -> Void) {
        self.runner = runner
        self.packageRoot = packageRoot
        self.plan = plan
        self.total = plan.count
        self.width = max(1, width)
        self.progress = progress
        var position: [String: Int] = [:]
        for (index, testCase) in plan.enumerated() where position[testCase.name] == nil { position[testCase.name] = index }
        self.position = position
    }

    func run(_ original: TestCase, score: ((CaseOutcome) -> Double?)? = nil) async -> CaseOutcome {
        progress(.running(index: tests.count, count: total, name: original.name))
        let (key, task) = start(original)
        asked.insert(key)
        if let at = position[original.name] {
            for next in plan[(at + 1)..<min(at + width, plan.count)] { _ = start(next) }
        }
        var outcome = await task.value
        if outcome.result.verdict == .judgingError { started[key] = nil }
        outcome.result.name = original.name
        outcome.result.score = score?(outcome)
        tests.append(outcome.result)
        return outcome
    }

    /// Cancels the runs started ahead and never asked for, and waits until they are gone.
    func finish() async {
        let unasked = started.filter { !asked.contains($0.key) }.map(\.value)
        unasked.forEach { $0.cancel() }
        for task in unasked { _ = await task.value }
        started = [:]
    }

    /// The running (or finished) run of a case, started now if need be.
    private func start(_ original: TestCase) -> (String, Task<CaseOutcome, Never>) {
        let testCase = PseudoLinks.resolve(original, packageRoot: packageRoot)
        let key = ([testCase.input, testCase.answer].map { $0.resolvingSymlinksInPath().path } + testCase.outputValidatorArgs)
            .joined(separator: "\u{0}")
        if let task = started[key] { return (key, task) }
        let runner = self.runner
        let task = Task { await runner.run(testCase) }
        started[key] = task
        return (key, task)
    }
}

/// Legacy (and 2023-07-draft) scoring: each group's results go through problemtools' default
/// grader (`grader_flags`), recursively; `on_reject: break` stops a group at its first rejection.
enum LegacyGrading {
    static func grade(_ group: TestGroup, session: JudgeSession) async -> (verdict: Verdict, score: Double) {
        enum Item { case test(TestCase), group(TestGroup) }
        var items: [(key: String, item: Item)] = group.cases.map { ($0.baseName, .test($0)) }
        items += group.groups.map { ($0.name, .group($0)) }
        items.sort { $0.key < $1.key }
        var results: [(verdict: Verdict, score: Double)] = []
        for (_, item) in items {
            let result: (verdict: Verdict, score: Double)
            switch item {
            case .test(let testCase):
                let outcome = await session.run(testCase) { outcome in
                    outcome.result.verdict == .accepted ? (outcome.validatorScore ?? group.acceptScore) : group.rejectScore
                }
                result = (outcome.result.verdict, outcome.result.score ?? 0)
            case .group(let child):
                result = await grade(child, session: session)
            }
            results.append(result)
            if result.verdict == .judgingError { return (.judgingError, 0) }
            if group.onReject == .break, result.verdict != .accepted { break }
        }
        return aggregate(results, flags: group.graderFlags, scores: group.aggregation)
    }

    /// problemtools' `default_grader`: verdict mode `worst_error` (default), `first_error` or
    /// `always_accept`; `accept_if_any_accepted`; `ignore_sample` keeps only the last (secret) result.
    static func aggregate(_ input: [(verdict: Verdict, score: Double)], flags: [String], scores: ScoreAggregation) -> (verdict: Verdict, score: Double) {
        var results = input
        if flags.contains("ignore_sample") { results = Array(results.suffix(1)) }
        guard !results.isEmpty else { return (.accepted, 0) }
        let verdicts = results.map(\.verdict)
        var verdict: Verdict
        if flags.contains("first_error") {
            verdict = verdicts.first { $0 != .accepted } ?? .accepted
        } else if flags.contains("always_accept") {
            verdict = .accepted
        } else {
            let order: [Verdict] = [.judgingError, .runTimeError, .memoryLimitExceeded, .timeLimitExceeded, .outputLimitExceeded, .wrongAnswer]
            verdict = order.first(where: verdicts.contains) ?? .accepted
        }
        if flags.contains("accept_if_any_accepted"), verdicts.contains(.accepted) { verdict = .accepted }
        let values = results.map(\.score)
        let score: Double = switch scores {
        case .min: values.min() ?? 0
        case .max: values.max() ?? 0
        case .avg: values.reduce(0, +) / Double(values.count)
        case .sum, .passFail: values.reduce(0, +)
        }
        return (verdict, score)
    }
}

/// 2025-09 scoring: `secret` (or each of its test groups) scored by `score_aggregation`
/// (`pass-fail`, `sum`, `min`) and `max_score`; `require_pass`; samples never score.
enum ModernScoring {
    static func grade(_ root: TestGroup, session: JudgeSession) async -> (verdict: Verdict, score: Double, max: Double?) {
        var passed: [String: Bool] = [:]
        if let sample = root.group(at: "sample") {
            passed["sample"] = await run(sample.allCases(), session: session, stopAtFailure: true)
        }
        guard let secret = root.group(at: "secret") else { return (verdictOf(session.tests, score: 0), 0, nil) }
        let groups = secret.groups.filter(\.hasConfig).sorted { $0.name < $1.name }
        let secretMax = secret.hasConfig ? secret.maxScore : 100  // the 2025-09 default for `secret`
        var score = 0.0
        if groups.isEmpty {
            score = await scoreCases(secret.allCases(), mode: secret.aggregation, max: secretMax, session: session).score
        } else {
            var groupScores: [Double] = []
            for group in groups {
                let ready = group.requirePass.allSatisfy { passed[$0] ?? passed[String($0.split(separator: "/").last ?? "")] ?? false }
                guard ready else {
                    passed[group.name] = false
                    groupScores.append(0)
                    continue
                }
                let (groupScore, allAccepted) = await scoreCases(group.allCases(), mode: group.aggregation, max: group.maxScore, session: session)
                passed[group.name] = allAccepted
                groupScores.append(groupScore)
            }
            switch secret.aggregation {
            case .passFail: score = groups.allSatisfy { passed[$0.name] == true } ? (secretMax ?? 0) : 0
            case .min: score = groupScores.min() ?? 0
            default: score = groupScores.reduce(0, +)
            }
        }
        return (verdictOf(session.tests, score: score), score, secretMax)
    }

    /// AC when everything passed or something scored; else the first rejection.
    static func verdictOf(_ tests: [TestResult], score: Double) -> Verdict {
        if let error = tests.first(where: { $0.verdict == .judgingError }) { return error.verdict }
        let failure = tests.first { $0.verdict != .accepted }
        return failure == nil || score > 0 ? .accepted : (failure?.verdict ?? .wrongAnswer)
    }

    private static func run(_ cases: [TestCase], session: JudgeSession, stopAtFailure: Bool) async -> Bool {
        var all = true
        for testCase in cases {
            let outcome = await session.run(testCase)
            if outcome.result.verdict != .accepted {
                all = false
                if stopAtFailure { break }
            }
        }
        return all
    }

    private static func scoreCases(_ cases: [TestCase], mode: ScoreAggregation, max: Double?, session: JudgeSession) async -> (score: Double, allAccepted: Bool) {
        if mode == .passFail {
            let all = await run(cases, session: session, stopAtFailure: true)
            return (all ? (max ?? 0) : 0, all)
        }
        let caseMax = max.map { mode == .sum ? $0 / Double(Swift.max(cases.count, 1)) : $0 }
        var scores: [Double] = []
        var all = true
        for testCase in cases {
            let outcome = await session.run(testCase) { outcome in
                guard outcome.result.verdict == .accepted else { return 0 }
                if let score = outcome.validatorScore { return score }
                return (caseMax ?? 0) * (outcome.scoreMultiplier ?? 1)
            }
            scores.append(outcome.result.score ?? 0)
            if outcome.result.verdict != .accepted {
                all = false
                if mode == .min { break }  // the minimum is 0 now
            }
        }
        let score = mode == .min ? (all ? scores.min() ?? 0 : 0) : scores.reduce(0, +)
        return (score, all)
    }
}
