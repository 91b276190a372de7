import ArenaHTTP
import ArgumentParser
import AuthService

/// `arena token create --role judge`: a long-lived judge token, signed with the local key.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Issue machine tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a long-lived token for a judge worker.")

        @OptionGroup var common: CommonOptions
        @Option(help: "The token's role (only judge).") var role = "judge"
        @Option(help: "Name recorded in the token.") var name = "judge"
        @Option(help: "Lifetime in days.") var days = 365

        func run() async throws {
            guard role == "judge" else { throw ValidationError("only --role judge tokens can be created here; users log in") }
            let config = try common.config()
            let key = try KeyStore.privateKey(file: config.jwtPrivateKeyFile, dataDirectory: config.dataDirectory)
            let issuer = await TokenIssuer(privateKey: key)
            print(try await issuer.judgeToken(name: name, lifetime: Double(days) * 86400))
        }
    }
}
