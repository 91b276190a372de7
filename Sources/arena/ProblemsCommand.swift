import ArenaApp
import ArenaStorage
import ArgumentParser
import ContestService
import Foundation

/// `arena problems import|sync` (and `verify`, the judge's).
struct ProblemsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "problems", abstract: "Import and check problem packages.",
                                                    subcommands: [Import.self, Sync.self, VerifyCommand.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import packages (or folders / git checkouts holding them) as new versions.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Package folders, or folders holding packages.") var paths: [String]

        func run() async throws {
            let urls = paths.map { URL(fileURLWithPath: $0) }
            let outcomes = try await withMigratedDatabase(common) { db, logger in
                try await ProblemImporter(db: db, logger: logger).importPackages(at: urls)
            }
            try report(outcomes)
        }
    }

    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Pull ARENA_PROBLEMS_REPO and import what changed.")
        @OptionGroup var common: CommonOptions
        @Option(help: "Git URL or path (ARENA_PROBLEMS_REPO).") var repo: String?

        func run() async throws {
            let config = try common.config()
            let repository = repo ?? config.problemsRepository
            let outcomes = try await withMigratedDatabase(common) { db, logger in
                try await ProblemSync(importer: ProblemImporter(db: db, logger: logger), repository: repository,
                                      dataDirectory: config.dataDirectory).sync()
            }
            try report(outcomes)
        }
    }
}

/// Prints one line per package (errors indented under it); fails when any package failed.
func report(_ outcomes: [ImportOutcome]) throws {
    for outcome in outcomes {
        let version = outcome.versionId.map { "version \($0)" } ?? ""
        print("\(outcome.problemId): \(outcome.status) \(version)")
        for error in outcome.errors { print("  \(error)") }
        for warning in outcome.warnings { print("  warning: \(warning)") }
    }
    let failed = outcomes.filter { $0.status == "failed" }
    if !failed.isEmpty {
        throw ValidationError("\(failed.count) of \(outcomes.count) packages failed to import; their last good versions stay live")
    }
}
