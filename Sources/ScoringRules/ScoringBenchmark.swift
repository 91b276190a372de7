import ArenaCore
import Foundation

/// The scoring benchmark of issue 5 (`scripts/bench standings`; run it from a release build).
public enum ScoringBenchmark {
    /// For each rule: generates a realistic history of `events` events over `users` contestants
    /// × `problems` problems (freeze at 240 of 300 minutes), replays it incrementally timing
    /// every event of the second half (the contest then has all its contestants and most of
    /// its history), times a full recompute of all events, and checks that both agree.
    /// Returns a human-readable report.
    public static func run(
        rules: [ScoringRule] = ScoringRule.allCases, users: Int = 10_000, problems: Int = 26,
        events: Int = 1_000_000, seed: UInt64 = 20_261_125
    ) -> String {
        var report = ["standings benchmark: \(users) contestants × \(problems) problems, \(events) events per rule"]
        for rule in rules {
            report.append(contentsOf: run(rule: rule, users: users, problems: problems, events: events, seed: seed))
        }
        report.append("peak RSS of the process: \(peakResidentMB()) MB")
        return report.joined(separator: "\n")
    }

    private static func run(rule: ScoringRule, users: Int, problems: Int, events eventCount: Int, seed: UInt64) -> [String] {
        let config = ScoringConfig(
            rule: rule,
            problems: (0..<problems).map { ContestProblem(id: label($0), maxPoints: rule == .ioi ? 100 : Double(500 + 250 * ($0 % 8))) },
            durationMinutes: 300, penaltyMinutes: 20, freezeSeconds: 240 * 60)
        let clock = ContinuousClock()
        var start = clock.now
        let events = BenchmarkHistory.make(config: config, users: users, eventCount: eventCount, seed: seed)
        let generated = start.duration(to: clock.now)

        var engine = StandingsEngine(config: config)
        var judgements: [Double] = []
        var accepted: [Double] = []
        var submissions: [Double] = []
        var reported: [Double] = []
        let measureFrom = events.count / 2
        start = clock.now
        for (index, event) in events.enumerated() {
            guard index >= measureFrom else {
                engine.apply(event)
                continue
            }
            let before = clock.now
            let changed = engine.apply(event)
            let nanos = nanoseconds(before.duration(to: clock.now))
            switch event.kind {
            case .submitted: submissions.append(nanos)
            case let .judged(_, verdict, _, _):
                judgements.append(nanos)
                reported.append(Double(changed.count))
                if verdict == .accepted { accepted.append(nanos) }
            }
        }
        let replay = start.duration(to: clock.now)

        start = clock.now
        let fresh = StandingsEngine.recompute(config: config, events: events)
        let recompute = start.duration(to: clock.now)

        start = clock.now
        let publicTable = engine.standings(view: .public)
        let build = start.duration(to: clock.now)
        let agree = publicTable == fresh.standings(view: .public)
            && engine.standings(view: .jury) == fresh.standings(view: .jury)
        let top = publicTable.rows.first.map { "top row: user \($0.user), solved \($0.solved), score \($0.score)" } ?? ""

        return [
            "[\(rule.rawValue)] \(events.count) events (generated in \(seconds(generated))), \(engine.userCount) rows; \(top)",
            "  apply one judgement (\(judgements.count) samples): \(summary(judgements))",
            "    accepted only (\(accepted.count)): \(summary(accepted))",
            "    judgements that changed no row: \(format(100 * Double(reported.count { $0 == 0 }) / Double(max(1, reported.count)), 1))%",
            "    rows reported changed per judgement: mean \(format(mean(reported), 1)), p99 \(format(percentile(reported, 0.99), 0)), max \(format(reported.max() ?? 0, 0))",
            "  apply one submission (\(submissions.count) samples): \(summary(submissions))",
            "  incremental replay of all events: \(seconds(replay)) (\(format(nanoseconds(replay) / Double(events.count) / 1000, 2)) µs/event, timing included)",
            "  full recompute of \(events.count) events: \(seconds(recompute))",
            "  standings(view: .public), \(publicTable.rows.count) rows: \(seconds(build))",
            "  recompute == incremental (public and jury): \(agree ? "yes" : "NO")",
        ]
    }

    private static func label(_ index: Int) -> String {
        index < 26 ? String(UnicodeScalar(UInt8(65 + index))) : "P\(index)"
    }

    private static func summary(_ samples: [Double]) -> String {
        guard !samples.isEmpty else { return "no samples" }
        let sorted = samples.sorted()
        func at(_ q: Double) -> String { format(sorted[min(sorted.count - 1, Int(q * Double(sorted.count)))] / 1000, 1) }
        return "median \(at(0.5)) µs, mean \(format(mean(samples) / 1000, 1)) µs, p90 \(at(0.9)) µs, p99 \(at(0.99)) µs, max \(format(sorted.last! / 1000, 1)) µs"
    }

    private static func percentile(_ samples: [Double], _ q: Double) -> Double {
        let sorted = samples.sorted()
        return sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(q * Double(sorted.count)))]
    }

    private static func mean(_ samples: [Double]) -> Double {
        samples.isEmpty ? 0 : samples.reduce(0, +) / Double(samples.count)
    }

    private static func nanoseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds) / 1e9
    }

    private static func seconds(_ duration: Duration) -> String {
        let nanos = nanoseconds(duration)
        return nanos < 1e9 ? "\(format(nanos / 1e6, 1)) ms" : "\(format(nanos / 1e9, 2)) s"
    }

    private static func format(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    private static func peakResidentMB() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024  // kilobytes
        #else
        getrusage(RUSAGE_SELF, &usage)
        return usage.ru_maxrss / 1024 / 1024  // bytes
        #endif
    }
}
