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
        #expect(text == BuiltinLanguages.yaml, "config/languages.yaml and BuiltinLanguages.swift differ")
        let table = try LanguageTable.parse(yaml: text)
        #expect(table.languages.map(\.id) == ["cpp", "c", "python3", "java", "rust"])
        #expect(LanguageTable.builtin == table)
        #expect(table.language(forFile: "a.cc")?.id == "cpp")
        #expect(table.language(forFile: "a.C")?.id == "cpp")
        #expect(table.language(forFile: "a.c")?.id == "c")
        #expect(table.language(forFile: "a.py")?.id == "python3")
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
        let engine = try #require(Shared.engine)
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
        #expect(find("class Solution { public static void main(String[] a){} }") == "Solution")
        #expect(find("interface X {}") == "Main")
    }

    /// `-H` lists the headers g++ reads; `!` marks a precompiled header that was used.
    @Test(.enabled(if: Shared.hasSandbox)) func precompiledHeaderIsUsed() async throws {
        var table = try LanguageTable.parse(yaml: BuiltinLanguages.yaml)
        let index = try #require(table.languages.firstIndex { $0.id == "cpp" })
        table.languages[index].compile = table.languages[index].compile.map { $0 + ["-H"] }
        let base = try #require(Shared.engine).configuration
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

    @Test(.enabled(if: Shared.hasSandbox)) func compiledProgramsAreCached() async throws {
        let engine = try #require(Shared.engine)
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
}
