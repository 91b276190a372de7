import ArenaApp
import ArenaCore
import ArgumentParser
import ContestService
import Foundation

/// `arena contest import PATH`.
struct ContestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "contest", abstract: "Manage contests.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a contest folder (contest.yaml + problems.yaml); packages beside it are imported too.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The contest folder.") var path: String
        @Flag(help: "Move the start to now (a demo contest that is running at once).") var startNow = false

        func run() async throws {
            let folder = URL(fileURLWithPath: path)
            var definition: ContestDefinition
            do { definition = try ContestPackageReader.read(folder) } catch let error as UserError {
                throw ValidationError("\(path): \(error.message)")
            }
            if startNow { definition.start = Date().addingTimeInterval(-60) }
            let frozen = definition
            try await withMigratedDatabase(common) { db, logger in
                // Packages beside the contest folder (or inside it) that the contest names.
                let parent = folder.deletingLastPathComponent()
                let beside = frozen.problems.map(\.problemId).flatMap { [folder.appendingPathComponent($0), parent.appendingPathComponent($0)] }
                    .filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent("problem.yaml").path) }
                if !beside.isEmpty { try report(try await ProblemImporter(db: db, logger: logger).importPackages(at: beside)) }
                try await ContestStore(db: db, logger: logger).save(frozen)
            }
            print("contest \(frozen.id): \(frozen.name), \(frozen.problems.count) problems, starts \(ISO8601DateFormatter().string(from: frozen.start))")
            for line in frozen.judging.summary { print("  \(line)") }
            for note in frozen.notes { print("  note: \(note)") }
        }
    }
}
