import ArenaCore
import ArgumentParser
import ContestService
import Foundation
import Judge
import Sandbox

/// `arena problems verify PATH… [--json]`: judge every file under each package's
/// `submissions/<expected>/` with the real sandbox, no server or database, and compare.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Judge each package's submissions/<expected>/ files locally and report expected vs got.")

    @Argument(help: "Package folders, or folders holding packages.") var paths: [String]
    @Flag(help: "Print JSON instead of a table.") var json = false
    @Option(help: "Submissions judged at once (1 gives the steadiest times).") var parallel = 2
    @Option(help: "Folder for compiled programs (default: a per-user cache in the temp folder).") var cacheDir: String?

    func run() async throws {
        let report = await Sandbox.selfTest()
        guard report.isSafe else {
            print(report.description)
            throw ValidationError("the sandbox is not safe on this machine (see above)")
        }
        let groups = try paths.map { try Self.group(URL(fileURLWithPath: $0)) }
        guard groups.contains(where: { !$0.packages.isEmpty }) else {
            throw ValidationError("no problem package (a folder with problem.yaml) under \(paths.joined(separator: " "))")
        }
        let cache = URL(fileURLWithPath: cacheDir ?? FileManager.default.temporaryDirectory.appendingPathComponent("arena-verify").path)
        let engine = try JudgeEngine(configuration: JudgeConfiguration(cacheDirectory: cache.appendingPathComponent("build"),
                                                                       workDirectory: cache.appendingPathComponent("work")))
        let json = self.json
        var rows: [VerifyRow] = []
        for group in groups where !group.packages.isEmpty {
            for note in group.notes { FileHandle.standardError.write(Data("\(note)\n".utf8)) }
            rows += await engine.verify(packages: group.packages, options: VerifyOptions(parallelism: parallel, settings: group.settings)) { row in
                if !json { FileHandle.standardError.write(Data("  \(row.package)/\(row.submission): \(row.status)\n".utf8)) }
            }
        }
        print(json ? try VerifyReport.json(rows) : VerifyReport.table(rows))
        if rows.contains(where: \.isFailure) { throw ExitCode(1) }
    }

    /// The packages under one path, with the contest's settings when the path is a contest folder
    /// (`contest.yaml` or `languages.yaml`): its packages are the ones `problems.yaml` names, inside
    /// the folder or beside it (as `arena contest import` finds them), else those inside it.
    static func group(_ url: URL) throws -> (packages: [URL], settings: JudgeSettings, notes: [String]) {
        guard ContestJudgingReader.isContest(url) else { return (packages(url), JudgeSettings(), []) }
        let (settings, notes) = try ContestJudgingReader.read(url)
        var found = packages(url)
        if let contest = try? ContestPackageReader.read(url) {
            let named = contest.problems.map(\.problemId).compactMap { id in
                [url.appendingPathComponent(id), url.deletingLastPathComponent().appendingPathComponent(id)]
                    .first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("problem.yaml").path) }
            }
            if !named.isEmpty { found = named }
        }
        let summary = settings.isEmpty ? ["the packages' own judging rules"] : settings.summary
        return (found, settings, summary.map { "contest \(url.lastPathComponent): \($0)" } + notes)
    }

    /// A package, or the packages one level inside a folder.
    static func packages(_ url: URL) -> [URL] {
        let fm = FileManager.default
        if fm.fileExists(atPath: url.appendingPathComponent("problem.yaml").path) { return [url] }
        let names = (try? fm.contentsOfDirectory(atPath: url.path)) ?? []
        return names.sorted().map { url.appendingPathComponent($0) }.filter { fm.fileExists(atPath: $0.appendingPathComponent("problem.yaml").path) }
    }
}
