import ArenaApp
import ArenaCore
import ArenaStorage
import ArgumentParser
import AuthService
import Foundation

/// `arena user create NAME --role admin --password-stdin`.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage users.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user (migrates first). Reads the password from stdin.")

        @OptionGroup var common: CommonOptions
        @Argument(help: "Login name.") var name: String
        @Option(help: "Roles, comma separated: admin, jury, contestant.") var role = "contestant"
        @Option(help: "Display name (default: the login name).") var displayName: String?
        @Flag(help: "Read the password from standard input (required).") var passwordStdin = false
        @Flag(help: "If the user exists, set this password and these roles instead of failing.") var update = false

        func validate() throws {
            guard passwordStdin else { throw ValidationError("pass --password-stdin and the password on standard input") }
        }

        func run() async throws {
            guard let roles = parseRoles(role), !roles.contains(.judge) else {
                throw ValidationError("--role must list admin, jury or contestant, got \(role)")
            }
            let password = (readLine(strippingNewline: true) ?? "")
            let config = try common.config()
            let logger = common.logger()
            let (name, displayName, update) = (self.name, self.displayName, self.update)
            let user = try await withDatabase(config, logger: logger) { db in
                try await Migrator(client: db, migrations: ApplicationBuilder.allMigrations(), logger: logger).migrate()
                let store = UserStore(db: db, logger: logger)
                do {
                    return try await store.create(username: name, password: password, displayName: displayName, roles: roles)
                } catch let error as UserError where error.status == 409 && update {
                    guard let existing = try await store.all().first(where: { $0.username.lowercased() == name.lowercased() }) else { throw error }
                    try await store.setPassword(username: name, password: password)
                    try await store.update(id: existing.id, roles: roles, disabled: false)
                    return existing
                } catch let error as UserError {
                    throw ValidationError(error.message)
                }
            }
            print("user \(user.username) (id \(user.id)) has roles \(roles.map(\.rawValue).joined(separator: ","))")
        }
    }
}
