import ArenaApp
import ArenaTestSupport
import Foundation
import Testing

/// The README's Configuration table is `ArenaConfig.settings`, every variable the code reads is
/// in it, and every flag in it is one the `arena` binary takes (issue 9, item 12).
@Suite struct ConfigurationTableTests {
    static func readmeRows() throws -> [[String]] {
        let readme = try String(contentsOf: Fixtures.root.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.components(separatedBy: "\n")
        guard let header = lines.firstIndex(of: "| Variable | Flag | Default | Meaning |") else { return [] }
        return lines[(header + 2)...].prefix { $0.hasPrefix("|") }.map { line in
            line.dropFirst().dropLast().components(separatedBy: " | ").map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    static func cell(_ text: String) -> String? {
        text == "—" ? nil : text.trimmingCharacters(in: CharacterSet(charactersIn: "`"))
    }

    static func markdown(_ s: ConfigSetting) -> String {
        "| \(s.variable.map { "`\($0)`" } ?? "—") | \(s.flag.map { "`\($0)`" } ?? "—") | \(s.defaultValue) | \(s.meaning) |"
    }

    @Test func readmeTableIsTheSettingsList() throws {
        let rows = try Self.readmeRows()
        let expected = ArenaConfig.settings.map(Self.markdown).joined(separator: "\n")
        #expect(rows.count == ArenaConfig.settings.count, "the README's table should read:\n\(expected)")
        for (row, setting) in zip(rows, ArenaConfig.settings) {
            #expect(row.count == 4 && Self.cell(row[0]) == setting.variable && Self.cell(row[1]) == setting.flag
                    && row[2] == setting.defaultValue && row[3] == setting.meaning,
                    "README row \(row) should be \(Self.markdown(setting))")
        }
    }

    /// Every `ARENA_*` / `LOG_LEVEL` variable read anywhere in Sources/ is a listed setting, and
    /// every listed variable is read somewhere.
    @Test func everyVariableTheCodeReadsIsListed() throws {
        let sources = Fixtures.root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "swift" } ?? []
        let pattern = try NSRegularExpression(pattern: #"(?:env|environment)\["((?:ARENA_[A-Z0-9_]+)|LOG_LEVEL)"\]"#)
        var read = Set<String>()
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                read.insert((text as NSString).substring(with: match.range(at: 1)))
            }
        }
        #expect(read.count >= 10, "the scan found too few variables: \(read.sorted())")
        let listed = Set(ArenaConfig.settings.compactMap(\.variable))
        #expect(read.subtracting(listed).isEmpty, "read but not in ArenaConfig.settings / the README: \(read.subtracting(listed).sorted())")
        #expect(listed.subtracting(read).isEmpty, "listed but never read: \(listed.subtracting(read).sorted())")
    }

    /// Every listed flag is in the `--help` of the subcommand that should take it.
    @Test func everyListedFlagExists() throws {
        let binary = try #require(Self.arenaBinary(), "the arena binary is not built next to the tests")
        var helps: [String: String] = [:]
        func help(_ command: [String]) throws -> String {
            let key = command.joined(separator: " ")
            if let cached = helps[key] { return cached }
            let process = Process()
            process.executableURL = binary
            process.arguments = command + ["--help"]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            helps[key] = text
            return text
        }
        for setting in ArenaConfig.settings {
            guard let flag = setting.flag else { continue }
            var words = flag.split(separator: " ").map(String.init)
            let option = words.removeLast()
            let commands = words.isEmpty ? [["serve"], ["migrate"], ["problems", "import"]] : [words]
            for command in commands {
                #expect(try help(command).contains(option), "`arena \(command.joined(separator: " ")) --help` has no \(option)")
            }
        }
    }

    /// The built `arena` next to the test bundle (both are products of `swift build --build-tests`).
    static func arenaBinary() -> URL? {
        let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                          Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
                          Fixtures.root.appendingPathComponent(".build/debug")]
        return candidates.map { $0.appendingPathComponent("arena") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
