import ArenaApp
import ArenaStorage
import ArgumentParser

/// `arena migrate`: apply every pending migration of every role.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations of all roles.")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let config = try common.config()
        let logger = common.logger()
        let applied = try await withDatabase(config, logger: logger) { db in
            try await Migrator(client: db, migrations: ApplicationBuilder.allMigrations(), logger: logger).migrate()
        }
        print(applied.isEmpty ? "migrations: up to date" : "migrations applied: \(applied.joined(separator: ", "))")
    }
}
