import ArenaCore
import Foundation
import ProblemPackage

/// How `verify` runs.
public struct VerifyOptions: Sendable {
    /// Submissions judged at once (each runs its tests one after another). 2 on a 2-core machine
    /// keeps CPU times stable; use 1 for the most precise timing.
    public var parallelism: Int
    /// CPU limit for the accepted submissions when the time limit must be derived from them.
    public var probeTimeLimit: Double
    /// The contest's settings when verifying a contest's packages (`languages.yaml`: the language
    /// each submission runs as; `memory_limit`: the default memory limit).
    public var settings: JudgeSettings

    /// Creates options.
    public init(parallelism: Int = 2, probeTimeLimit: Double = 10, settings: JudgeSettings = JudgeSettings()) {
        self.parallelism = max(1, parallelism)
        self.probeTimeLimit = probeTimeLimit
        self.settings = settings
    }
}

/// The time limit a package is judged with, and where it came from.
public struct TimeLimitDecision: Sendable, Equatable {
    /// CPU seconds per test.
    public var seconds: Double
    /// The slowest accepted run it was derived from, if derived and any accepted submission passed.
    public var slowestAccepted: Double?
    /// Whether it was derived (the package gives none).
    public var derived: Bool
}

extension JudgeEngine {
    /// Judges every example submission of each package (`submissions/<expected>/…`) and compares
    /// it with its folder's rule (see `VerifyExpectation`). Packages are verified one after
    /// another, submissions `options.parallelism` at a time; rows come back in package order.
    ///
    /// Time limit: the package's (`limits.time_limit` or `.timelimit`), else derived as
    /// problemtools does from the slowest accepted run `T`: legacy `max(1, ceil(T × time_multiplier))`,
    /// 2023-07/2025-09 the smallest multiple of `time_resolution` ≥ `T × ac_to_time_limit`.
    /// `slow_accepted` must pass within limit × `time_limit_to_tle` (legacy `time_safety_margin`),
    /// and `time_limit_exceeded` runs are killed there (a TLE that finished below it gets a note).
    public func verify(packages: [URL], options: VerifyOptions = VerifyOptions(),
                       onRow: (@Sendable (VerifyRow) -> Void)? = nil) async -> [VerifyRow] {
        var rows: [VerifyRow] = []
        for url in packages {
            let packageRows = await verifyPackage(url, options: options)
            packageRows.forEach { onRow?($0) }
            rows += packageRows
        }
        return rows
    }

    /// The time limit to judge `package` with: its own (`limits.time_limit`, `.timelimit`), else
    /// derived from its accepted submissions as `verify` does (they are run once, `probeTimeLimit`
    /// CPU seconds each). Workers call this once per package version for legacy packages.
    public func timeLimit(for package: ProblemPackage, options: VerifyOptions = VerifyOptions()) async -> TimeLimitDecision {
        if let explicit = package.metadata.timeLimit { return TimeLimitDecision(seconds: explicit, slowestAccepted: nil, derived: false) }
        var jobs: [Job] = []
        let package = package.applying(options.settings)
        for (index, submission) in package.submissions.enumerated() where submission.expected == "accepted" {
            guard let hint = submission.source.languageHint, case let language = options.settings.language(for: hint),
                  await languages.resolve(language).language != nil,
                  let source = try? SubmissionSource.read(submission.source, language: language) else { continue }
            jobs.append(Job(index: index, submission: submission, source: source))
        }
        let results = await judgeAll(jobs, problem: package, parallelism: options.parallelism) { _ in
            JudgeOptions(timeLimit: options.probeTimeLimit)
        }
        return Self.decide(results: Array(results.values), package: package)
    }

    static func decide(results: [JudgeResult], package: ProblemPackage) -> TimeLimitDecision {
        let slowest = results.filter { $0.verdict == .accepted }.map(\.maxCPUSeconds).max()
        let seconds = deriveTimeLimit(slowest: slowest ?? 0, metadata: package.metadata, legacy: package.formatVersion == .legacy)
        return TimeLimitDecision(seconds: seconds, slowestAccepted: slowest, derived: true)
    }

    private struct Job: Sendable {
        var index: Int
        var submission: ExpectedSubmission
        var source: SubmissionSource
    }

    private func verifyPackage(_ url: URL, options: VerifyOptions) async -> [VerifyRow] {
        let name = url.standardizedFileURL.lastPathComponent
        let package: ProblemPackage
        do {
            package = try ProblemPackage.load(at: url, options: LoadOptions(pandoc: .disabled)).applying(options.settings)
        } catch {
            return [VerifyRow(package: name, submission: "-", expected: "-", status: .error, note: "package does not load: \(error)")]
        }
        do {
            _ = try await validators.prepare(package, compiler: compiler, languages: languages)
        } catch {
            return [VerifyRow(package: name, submission: "-", expected: "-", status: .error, note: "\(error)")]
        }
        var rows: [VerifyRow] = []
        var jobs: [Job] = []
        for (index, submission) in package.submissions.enumerated() {
            let judgedAs = submission.source.languageHint.map(options.settings.language(for:))
            let row = VerifyRow(package: name, submission: submission.name, language: judgedAs,
                                expected: submission.expected, status: .skipped)
            rows.append(row)
            guard VerifyExpectation.rule(for: submission.expected) != nil else {
                rows[index].note = "no rule for folder `\(submission.expected)`"
                continue
            }
            guard let language = judgedAs else {
                rows[index].note = "language not recognised"
                continue
            }
            if case .unavailable(let reason) = await languages.resolve(language) {
                rows[index].note = "language \(language) not available: \(reason)"
                continue
            }
            do {
                jobs.append(Job(index: index, submission: submission, source: try SubmissionSource.read(submission.source, language: language)))
            } catch {
                rows[index].status = .error
                rows[index].note = "\(error)"
            }
        }

        let metadata = package.metadata
        var results: [Int: JudgeResult] = [:]
        var timeLimit = metadata.timeLimit ?? 0
        var derivation = "from the package"
        if metadata.timeLimit == nil {
            let accepted = jobs.filter { $0.submission.expected == "accepted" }
            results = await judgeAll(accepted, problem: package, parallelism: options.parallelism) { _ in
                JudgeOptions(timeLimit: options.probeTimeLimit)
            }
            let decision = Self.decide(results: Array(results.values), package: package)
            timeLimit = decision.seconds
            derivation = decision.slowestAccepted.map {
                String(format: "derived: slowest accepted %.3f s × %g", $0, metadata.timeMultipliers.acToTimeLimit)
            } ?? "no accepted submission passed: the minimum"
        }
        let margin = metadata.timeMultipliers.timeLimitToTle
        let limit = timeLimit
        let rest = jobs.filter { results[$0.index] == nil }
        let more = await judgeAll(rest, problem: package, parallelism: options.parallelism) { job in
            switch job.submission.expected {
            case "slow_accepted": JudgeOptions(timeLimit: limit * margin)
            case "time_limit_exceeded": JudgeOptions(timeLimit: limit, runLimitFactor: margin)
            default: JudgeOptions(timeLimit: limit)
            }
        }
        results.merge(more) { $1 }

        for job in jobs {
            guard let result = results[job.index] else { continue }
            var row = rows[job.index]
            row.verdict = result.verdict
            row.score = metadata.isScoring ? result.score : nil
            row.maxScore = metadata.isScoring ? result.maxScore : nil
            row.maxTimeSeconds = result.tests.isEmpty ? nil : result.maxCPUSeconds
            row.maxMemoryBytes = result.tests.isEmpty ? nil : result.maxMemoryBytes
            let check = VerifyExpectation.check(folder: job.submission.expected, result: result, timeLimit: timeLimit, margin: margin,
                                                scoring: metadata.isScoring)
            row.status = check.ok ? .ok : .mismatch
            row.note = check.note
            rows[job.index] = row
        }
        for index in rows.indices {
            rows[index].timeLimit = timeLimit
        }
        if let first = rows.indices.first {
            let line = "time limit \(VerifyRow.number(timeLimit)) s (\(derivation); safety margin ×\(VerifyRow.number(margin)))"
            let warnings = package.warnings.map { "warning: \($0)" }
            rows[first].note = ([line] + [rows[first].note].compactMap { $0 } + warnings).joined(separator: "\n")
        }
        return rows
    }

    private func judgeAll(_ jobs: [Job], problem: ProblemPackage, parallelism: Int,
                          options: @escaping @Sendable (Job) -> JudgeOptions) async -> [Int: JudgeResult] {
        await withTaskGroup(of: (Int, JudgeResult).self) { group in
            var results: [Int: JudgeResult] = [:]
            var pending = jobs[...]
            func start() {
                guard let job = pending.popFirst() else { return }
                group.addTask { (job.index, await self.judge(job.source, problem: problem, options: options(job))) }
            }
            for _ in 0..<parallelism { start() }
            for await (index, result) in group {
                results[index] = result
                start()
            }
            return results
        }
    }

    /// The time limit problemtools would set from the slowest accepted CPU time.
    static func deriveTimeLimit(slowest: Double, metadata: ProblemMetadata, legacy: Bool) -> Double {
        let exact = slowest * metadata.timeMultipliers.acToTimeLimit - 1e-9
        if legacy { return max(1, exact.rounded(.up)) }
        let resolution = metadata.timeResolution > 0 ? metadata.timeResolution : 1
        return max(resolution, (exact / resolution).rounded(.up) * resolution)
    }
}
