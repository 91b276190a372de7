import ArgumentParser

/// The `arena` command: every role and tool of Arena in one binary.
@main
struct Arena: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arena",
        abstract: "Arena: a competitive-programming platform.",
        subcommands: [Serve.self, Migrate.self, UserCommand.self, TokenCommand.self, ProblemsCommand.self, ContestCommand.self, JudgeCommand.self, BenchCommand.self])
}
