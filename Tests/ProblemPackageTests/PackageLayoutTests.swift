import Foundation
import Testing
@testable import ProblemPackage

/// Reading the parts of 2025-09 and legacy packages that the examples in shared/problems do not cover.
@Suite struct PackageLayoutTests {
    @Test func modernGroupsArgumentsAndSampleMarkers() throws {
        let package = try TempPackage()
        defer { package.delete() }
        try package.write("problem.yaml", """
            problem_format_version: 2025-09
            type: [scoring]
            name: {en: Sum, sv: Summa}
            uuid: 8ee7605a-b5d6-4b4b-9b4f-0c3a4e0d3c11
            credits: {authors: [Ada Lovelace, {name: Alan Turing, email: alan@example.com}]}
            source: {name: Arena Cup, url: "https://arena.example"}
            keywords: [math, easy]
            constants: {max_n: {value: 1000, tex: "10^3"}}

            """)
        try package.remove("data/secret/1.in")
        try package.remove("data/secret/1.ans")
        try package.write("data/secret/test_group.yaml", "max_score: 100\noutput_validator_args: [float_tolerance, \"1e-6\"]\n")
        for group in ["group2", "group1"] {
            try package.write("data/secret/\(group)/test_group.yaml", "max_score: 50\nscore_aggregation: min\n")
            try package.write("data/secret/\(group)/b.in", "1 1\n")
            try package.write("data/secret/\(group)/b.ans", "2\n")
            try package.write("data/secret/\(group)/a.in", "1 2\n")
            try package.write("data/secret/\(group)/a.ans", "3\n")
        }
        try package.write("data/secret/group1/a.yaml", "output_validator_args: [case_sensitive]\ndescription: small\n")
        try package.write("output_validator/check.py", "import sys\nsys.exit(42)\n")
        let loaded = try ProblemPackage.load(at: package.root)
        #expect(loaded.metadata.types == [.scoring])
        #expect(loaded.metadata.name == ["en": "Sum", "sv": "Summa"])
        #expect(loaded.metadata.credits == "Ada Lovelace, Alan Turing")
        #expect(loaded.metadata.source == "Arena Cup" && loaded.metadata.sourceURL == "https://arena.example")
        #expect(loaded.metadata.keywords == ["math", "easy"])
        #expect(loaded.metadata.constants == ["max_n": "1000"])
        #expect(loaded.metadata.timeMultipliers == TimeMultipliers(acToTimeLimit: 2, timeLimitToTle: 1.5))
        let secret = try #require(loaded.testGroups.group(at: "secret"))
        #expect(secret.maxScore == 100 && secret.aggregation == .sum)
        #expect(secret.groups.map(\.name) == ["group1", "group2"])
        let group1 = try #require(secret.group(at: "group1"))
        #expect(group1.maxScore == 50 && group1.aggregation == .min && group1.hasConfig)
        #expect(group1.cases.map(\.name) == ["secret/group1/a", "secret/group1/b"])
        #expect(group1.cases[0].outputValidatorArgs == ["float_tolerance", "1e-6", "case_sensitive"])
        #expect(group1.cases[0].description == "small")
        #expect(group1.cases[1].outputValidatorArgs == ["float_tolerance", "1e-6"])
        #expect(loaded.validatorFlags.isEmpty)
        let validator = try #require(loaded.outputValidator)
        #expect(validator.path.lastPathComponent == "output_validator" && validator.languageHint == "python3")

        let statement = try #require(loaded.statements.first)
        let html = try #require(statement.html)
        #expect(statement.inlineSamples == ["sample/1", "sample/2"])
        #expect(html.contains("<span class=\"math inline\">\\(1 \\le a, b \\le 1000\\)</span>"))
        let first = try #require(html.range(of: "Sample Input 1"))
        let explained = try #require(html.range(of: "Explained."))
        let second = try #require(html.range(of: "Sample Input 2"))
        #expect(first.lowerBound < explained.lowerBound && explained.lowerBound < second.lowerBound)
        #expect(html.contains("<pre class=\"sample-input\">1 2\n</pre>"))
        #expect(!html.contains("{{"))
        // 2025-09 asks for names in exactly the statement languages.
        #expect(loaded.warnings.contains { $0.file == "problem.yaml" && $0.message.contains("sv") })
    }

    @Test func legacyFlagsCombineProblemAndGroupFlags() throws {
        let package = try TempPackage("legacy")
        defer { package.delete() }
        try package.write("problem.yaml", """
            name: Legacy
            validation: custom
            validator_flags: float_tolerance 1e-4
            keywords: geometry simple
            limits: {time_multiplier: 3, memory: 64}

            """)
        try package.remove("statement/problem.en.md")
        try package.write("problem_statement/problem.md", "A legacy *Markdown* statement.\n")
        try package.write("data/secret/testdata.yaml", "output_validator_flags: case_sensitive\non_reject: continue\n")
        try package.write("output_validators/check/check.cpp", "int main() { return 42; }\n")
        try package.write("output_validators/check/util.h", "\n")
        try package.write(".timelimit", "2\n")
        let loaded = try ProblemPackage.load(at: package.root)
        #expect(loaded.formatVersion == .legacy)
        #expect(loaded.metadata.timeLimit == 2)
        #expect(loaded.metadata.memoryMiB == 64 && loaded.metadata.compilationMemoryMiB == 1024)
        #expect(loaded.metadata.timeMultipliers == TimeMultipliers(acToTimeLimit: 3, timeLimitToTle: 2))
        #expect(loaded.metadata.keywords == ["geometry", "simple"])
        #expect(loaded.validatorFlags == ["float_tolerance", "1e-4"])
        #expect(loaded.secretCases.first?.outputValidatorArgs == ["float_tolerance", "1e-4", "case_sensitive"])
        #expect(loaded.samples.first?.outputValidatorArgs == ["float_tolerance", "1e-4"])
        #expect(loaded.testGroups.group(at: "secret")?.onReject == .continue)
        #expect(loaded.outputValidator?.languageHint == "cpp")
        #expect(loaded.statements.map(\.language) == ["en"])
        #expect(loaded.statements.first?.html?.contains("<em>Markdown</em>") == true)
        #expect(loaded.statements.first?.assets == [])
    }

    @Test func interactiveWithoutValidatorIsAnError() throws {
        let package = try TempPackage()
        defer { package.delete() }
        try package.write("problem.yaml", """
            problem_format_version: 2025-09
            type: interactive
            name: Talk
            uuid: 8ee7605a-b5d6-4b4b-9b4f-0c3a4e0d3c11

            """)
        let problems = loadProblems(package)
        #expect(problems.contains { $0.file == "output_validator" && $0.message.contains("interactive") })
    }

    @Test func contentHashFollowsTheBytes() throws {
        let package = try TempPackage()
        defer { package.delete() }
        let before = try ProblemPackage.load(at: package.root).contentHash
        #expect(try ProblemPackage.load(at: package.root).contentHash == before)
        try package.write("data/secret/1.ans", "12\n")
        #expect(try ProblemPackage.load(at: package.root).contentHash != before)
    }

    @Test func judgingOrderInterleavesCasesAndGroups() {
        let url = URL(fileURLWithPath: "/x")
        let c = { (name: String) in TestCase(name: name, input: url, answer: url) }
        var inner = TestGroup(name: "b", path: "secret/b", cases: [c("secret/b/1")])
        inner.groups = []
        let secret = TestGroup(name: "secret", path: "secret", cases: [c("secret/a"), c("secret/c")], groups: [inner])
        #expect(secret.allCases().map(\.name) == ["secret/a", "secret/b/1", "secret/c"])
    }

    @Test func sha256MatchesKnownVectors() {
        let empty = ContentHasher()
        #expect(empty.hexDigest() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        var abc = ContentHasher()
        abc.update(Array("abc".utf8))
        #expect(abc.hexDigest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentHasher.million() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

extension ContentHasher {
    /// SHA-256 of one million "a", fed in uneven pieces.
    static func million() -> String {
        var hasher = ContentHasher()
        let piece = [UInt8](repeating: 0x61, count: 999)
        var left = 1_000_000
        while left > 0 {
            let n = min(left, piece.count)
            hasher.update(piece.prefix(n))
            left -= n
        }
        return hasher.hexDigest()
    }
}
