import ArgumentParser
import ScoringRules

/// `arena bench scoring`: apply one judgement to 10,000 contestants × 26 problems, and a full
/// recompute of 1,000,000 events, for each rule.
struct BenchScoring: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scoring", abstract: "Standings engine timings.")

    func run() async throws {
        print(ScoringBenchmark.run())
    }
}
