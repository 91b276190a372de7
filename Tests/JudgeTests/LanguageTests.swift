import ArenaCore
import Foundation
import ProblemPackage
import Sandbox
import Testing
@testable import Judge

/// The languages table, availability detection, the compile cache and the precompiled header.
@Suite struct LanguageTests {
    @Test func builtinTableMatchesConfigFile() throws {
        let file = Shared.repositoryRoot.appendingPathComponent("config/languages.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        // A Swift multi-line literal drops the final newline.
        #expect(text == BuiltinLanguages.yaml + "\n", "config/languages.yaml and BuiltinLanguages.swift differ")
        let table = try LanguageTable.parse(yaml: text)
        #expect(table.languages.map(\.id) == ["cpp", "c", "python3", "pypy3", "java", "rust"])
        #expect(LanguageTable.builtin == table)
        #expect(table.language(forFile: "a.cc")?.id == "cpp")
        #expect(table.language(forFile: "a.C")?.id == "cpp")
        #expect(table.language(forFile: "a.c")?.id == "c")
        #expect(table.language(forFile: "a.py")?.id == "python3")
    }

    @Test func javaHeapLeavesTheJVMItsHeadroom() throws {
        let java = try #require(LanguageTable.builtin.language("java"))
        #expect(java.run.contains("-Xmx{heap_mib}m"))
        #expect(java.heapMiB(memoryMiB: 2048) == 1920)
        #expect(java.heapMiB(memoryMiB: 1024) == 896)
        #expect(java.heapMiB(memoryMiB: 200) == 100)  // never below half the limit
        #expect(try #require(LanguageTable.builtin.language("cpp")).heapMiB(memoryMiB: 256) == 256)
    }

    @Test func invalidTablesAreRejected() {
        #expect(throws: JudgeError.self) { try LanguageTable.parse(yaml: "languages: 3") }
        #expect(throws: JudgeError.self) {
            try LanguageTable.parse(yaml: "languages:\n  - {id: a, name: A, extensions: [a], source: a, run: [x], version: [x]}\n"
                                    + "  - {id: a, name: A, extensions: [a], source: a, run: [x], version: [x]}\n")
        }
    }

    @Test func missingProgramsMakeALanguageUnavailable() async throws {
        let table = try LanguageTable.parse(yaml: """
            languages:
              - {id: nope, name: Nope, extensions: [nope], source: a.nope, compile: [no-such-compiler-xyz, a.nope], run: [./a], version: [no-such-compiler-xyz, --version]}
              - {id: tc, name: TC, extensions: [tc], source: a.tc, toolchain: [no-such-toolchain-xyz], run: [./a], version: [sh]}
            """)
        let registry = LanguageRegistry(table: table, sandbox: SandboxConfiguration.detect())
        guard case .unavailable(let reason) = await registry.resolve("nope") else { Issue.record("expected unavailable"); return }
        #expect(reason.contains("no-such-compiler-xyz"))
        #expect(await registry.resolve("tc").language == nil)
        #expect(await registry.resolve("cobol").language == nil)
    }

    @Test func installedLanguagesResolve() async throws {
        let engine = try Shared.engine()
        for (spec, availability) in await engine.availableLanguages() {
            switch availability {
            case .available(let language): print("language \(spec.id): \(language.version)")
            case .unavailable(let reason): print("language \(spec.id): unavailable (\(reason))")
            }
        }
        // g++ is a requirement of the judge (scripts/setup installs it).
        #expect(await engine.languages.resolve("cpp").language != nil)
    }

    @Test func javaMainClass() {
        func find(_ code: String) -> String { JavaMainClass.find(in: [.init(name: "x.java", contents: Data(code.utf8))]) }
        #expect(find("import java.util.*;\npublic class Different {\n public static void main(String[] a){}\n}") == "Different")
        #expect(find("class Helper {}\npublic final class Sol { public static void main(String[] a){} }") == "Sol")
        // A submission sent as text is one file not named *.java yet.
        #expect(JavaMainClass.find(in: [.init(name: "source", contents: Data("public class Hog { static void main(String[] a){} }".utf8))]) == "Hog")
        #expect(find("class Solution { public static void main(String[] a){} }") == "Solution")
        #expect(find("interface X {}") == "Main")
    }

    /// `-H` lists the headers g++ reads; `!` marks a precompiled header that was used.
    @Test func precompiledHeaderIsUsed() async throws {
        var table = try LanguageTable.parse(yaml: BuiltinLanguages.yaml)
        let index = try #require(table.languages.firstIndex { $0.id == "cpp" })
        table.languages[index].compile = table.languages[index].compile.map { $0 + ["-H"] }
        let base = try Shared.engine().configuration
        let engine = try JudgeEngine(configuration: base, languages: table)
        let package = try TempPackage(yaml: "limits:\n  time_limit: 1\n", files: [
            "data/secret/1.in": "2 3\n", "data/secret/1.ans": "5\n", "submissions/accepted/a.cpp": "\n",
        ])
        let source = SubmissionSource(language: "cpp", code: "#include <bits/stdc++.h>\nint main(){int a,b;std::cin>>a>>b;std::cout<<a+b<<'\\n';}\n")
        let result = await engine.judge(source, problem: try package.load())
        #expect(result.verdict == .accepted, "\(result)")
        #expect(result.compileOutput.contains("! /pch/bits/stdc++.h.gch"), "PCH not used: \(result.compileOutput.prefix(2000))")
        #expect(!result.compileOutput.contains("not used because"))
    }

    @Test func compiledProgramsAreCached() async throws {
        let engine = try Shared.engine()
        let package = try TempPackage(yaml: "limits:\n  time_limit: 1\n", files: [
            "data/secret/1.in": "2 3\n", "data/secret/1.ans": "5\n", "submissions/accepted/a.cpp": "\n",
        ])
        let problem = try package.load()
        let code = "#include <bits/stdc++.h>\n// \(UUID())\nint main(){int a,b;std::cin>>a>>b;std::cout<<a+b<<'\\n';}\n"
        let first = Date()
        let one = await engine.judge(SubmissionSource(language: "cpp", code: code), problem: problem)
        let firstTime = Date().timeIntervalSince(first)
        let second = Date()
        let two = await engine.judge(SubmissionSource(language: "cpp", code: code), problem: problem)
        let secondTime = Date().timeIntervalSince(second)
        #expect(one.verdict == .accepted && two.verdict == .accepted)
        print("compile+run \(firstTime) s, cached \(secondTime) s")
        #expect(secondTime < firstTime)
    }

    @Test func timeLimitDerivation() {
        var legacy = ProblemMetadata()
        legacy.timeMultipliers = TimeMultipliers(acToTimeLimit: 5, timeLimitToTle: 2)
        #expect(JudgeEngine.deriveTimeLimit(slowest: 0.2, metadata: legacy, legacy: true) == 1)
        #expect(JudgeEngine.deriveTimeLimit(slowest: 0.21, metadata: legacy, legacy: true) == 2)
        #expect(JudgeEngine.deriveTimeLimit(slowest: 0, metadata: legacy, legacy: true) == 1)
        var modern = ProblemMetadata()
        modern.timeResolution = 0.5
        #expect(JudgeEngine.deriveTimeLimit(slowest: 0.3, metadata: modern, legacy: false) == 1.0)
        #expect(JudgeEngine.deriveTimeLimit(slowest: 0.1, metadata: modern, legacy: false) == 0.5)
        modern.timeResolution = 1
        #expect(JudgeEngine.deriveTimeLimit(slowest: 0.6, metadata: modern, legacy: false) == 2)
    }
}

/// The verify table and JSON.
@Suite struct VerifyReportTests {
    static let rows = [
        VerifyRow(package: "hello", submission: "accepted/hello.cc", language: "cpp", expected: "accepted", verdict: .accepted,
                  maxTimeSeconds: 0.01, maxMemoryBytes: 1 << 20, timeLimit: 1, status: .ok, note: "time limit 1 s"),
        VerifyRow(package: "hello", submission: "accepted/hello.kt", language: "kotlin", expected: "accepted", status: .skipped,
                  note: "language kotlin not available"),
        VerifyRow(package: "odd", submission: "partially_accepted/a.py", language: "python3", expected: "partially_accepted",
                  verdict: .accepted, score: 50, maxScore: 100, status: .ok),
        VerifyRow(package: "odd", submission: "wrong_answer/b.py", language: "python3", expected: "wrong_answer",
                  verdict: .timeLimitExceeded, status: .mismatch, note: "expected WA, got TLE"),
    ]

    @Test func table() {
        let text = VerifyReport.table(Self.rows)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("PACKAGE") == true)
        #expect(lines.contains { $0.contains("accepted/hello.cc") && $0.contains("AC") && $0.hasSuffix("ok") })
        #expect(lines.contains { $0.contains("AC (50)") })
        #expect(lines.contains("    expected WA, got TLE"))
        #expect(lines.last == "2 ok, 1 skipped, 1 mismatched, 0 package errors")
        #expect(Self.rows.filter(\.isFailure).count == 1)
    }

    @Test func json() throws {
        let text = try VerifyReport.json(Self.rows)
        struct Document: Decodable { var rows: [VerifyRow]; var failed: Bool }
        let document = try JSONDecoder().decode(Document.self, from: Data(text.utf8))
        #expect(document.rows == Self.rows)
        #expect(document.failed)
        #expect(text.contains("\"verdict\" : \"TLE\""))
    }
}
