import ArenaMarkdown
import Foundation
import Testing
@testable import ProblemPackage

/// The four packages of `shared/problems` (copied from Kattis/problemtools), read for real.
@Suite(.enabled(if: Fixtures.available, "shared/problems is absent"))
struct ExamplePackageTests {
    @Test func allFourLoadWithoutProblems() throws {
        for name in ["different", "guess", "hello", "oddecho"] {
            let package = try ProblemPackage.load(at: Fixtures.problem(name))
            #expect(package.shortName == name)
            #expect(package.contentHash.count == 64)
            #expect(!package.secretCases.isEmpty)
            #expect(package.submissions.contains { $0.expected == "accepted" })
        }
    }

    @Test func differentIsLegacyWithCustomValidatorAndLaTeX() throws {
        let package = try ProblemPackage.load(at: Fixtures.problem("different"))
        #expect(package.formatVersion == .legacy)
        #expect(package.metadata.name == ["en": "A Different Problem"])
        #expect(package.metadata.types == [.passFail])
        #expect(package.metadata.memoryMiB == 1024)
        #expect(package.metadata.timeMultipliers == TimeMultipliers(acToTimeLimit: 5, timeLimitToTle: 4))
        #expect(package.metadata.source == "Kattis")
        #expect(package.metadata.license == "cc by-sa")
        #expect(package.samples.map(\.name) == ["sample/1"])
        #expect(package.secretCases.map(\.name) == ["secret/01", "secret/02_extreme_cases"])
        #expect(package.secretCases.first?.description == "A bunch of handwritten cases.")
        let validator = try #require(package.outputValidator)
        #expect(validator.path.lastPathComponent == "different_validator")
        #expect(validator.isDirectory && validator.languageHint == "cpp")
        #expect(validator.files.map(\.lastPathComponent) == ["validate.cc", "validate.h"])
        let languages = Dictionary(package.submissions.map { ($0.name, $0.source.languageHint) }, uniquingKeysWith: { a, _ in a })
        #expect(languages["accepted/different.cc"] == "cpp")
        #expect(languages["accepted/different.c"] == "c")
        #expect(languages["accepted/different_py2.py"] == "python2")
        #expect(languages["accepted/different_py3.py"] == "python3")
        #expect(languages["accepted/Different.java"] == "java")
        #expect(languages["accepted/prolog"] == "prolog")
        #expect(package.submissions.contains { $0.name == "slow_accepted/different_slow.py" })
    }

    @Test(.enabled(if: Fixtures.hasPandoc, "pandoc is not installed"))
    func differentLaTeXStatementGoesThroughPandoc() throws {
        let package = try ProblemPackage.load(at: Fixtures.problem("different"))
        let statement = try #require(package.statements.first)
        #expect(statement.kind == .latex && statement.language == "en")
        #expect(statement.problemName == "A Different Problem")
        let html = try #require(statement.html)
        #expect(html.contains("<h2 class=\"unnumbered\" id=\"stmt-input\">Input</h2>"))
        #expect(html.contains("<span class=\"math inline\">\\(10^{15}\\)</span>"))
        #expect(!html.contains("problemname"))
        #expect(statement.notice == nil)
    }

    @Test func latexWithoutPandocGetsANotice() throws {
        let package = try ProblemPackage.load(at: Fixtures.problem("hello"), options: LoadOptions(pandoc: .disabled))
        #expect(package.statements.map(\.language) == ["en", "sv"])
        for statement in package.statements {
            #expect(statement.html == nil)
            #expect(statement.notice?.contains("LaTeX only") == true)
        }
        // The names still come from problem.yaml and \problemname.
        #expect(package.metadata.name == ["en": "Hello World!", "sv": "Hej Världen!"])
    }

    @Test func helloHasNoSamplesAndAMemoryLimit() throws {
        let package = try ProblemPackage.load(at: Fixtures.problem("hello"))
        #expect(package.formatVersion == .legacy)
        #expect(package.metadata.memoryMiB == 512)
        #expect(package.samples.isEmpty)
        #expect(package.allCases.map(\.name) == ["secret/hello"])
        #expect(package.outputValidator == nil)
        #expect(package.submissions.contains { $0.name == "run_time_error/memory_limit.cc" })
    }

    @Test func guessIsInteractiveWithADialogueSample() throws {
        let package = try ProblemPackage.load(at: Fixtures.problem("guess"))
        #expect(package.formatVersion == .draft2023)
        #expect(package.metadata.types == [.interactive, .passFail])
        #expect(package.metadata.isInteractive)
        #expect(package.metadata.name == ["en": "Guess the Number", "sv": "Gissa talet"])
        #expect(package.metadata.uuid == "5ca6ba5b-36d5-4eff-8aa7-d967cbc4375e")
        #expect(package.metadata.timeMultipliers.timeLimitToTle == 4)
        #expect(package.metadata.timeMultipliers.acToTimeLimit == 2)
        #expect(package.secretCases.count == 10)
        #expect(package.outputValidator?.path.lastPathComponent == "guess_validator")
        // Samples are dialogues only: shown, never judged.
        #expect(package.samples.map(\.name) == ["sample/1", "sample/2"])
        let sample = try #require(package.samples.first)
        #expect(sample.interaction?.lastPathComponent == "1.interaction")
        #expect(!sample.isJudged && sample.isSample)
        #expect(package.testGroups.group(at: "sample")?.cases.isEmpty ?? true)
        let html = SampleHTML.render(sample, number: 1)
        #expect(html.contains("Sample Interaction 1"))
        #expect(html.contains("<div class=\"from-program\"><span class=\"who\">Your program writes</span><pre>792</pre></div>"))
        #expect(html.contains("<div class=\"to-program\"><span class=\"who\">Your program reads</span><pre>higher</pre></div>"))
        let markdown = try #require(package.statements.first { $0.language == "sv" })
        #expect(markdown.kind == .markdown)
        #expect(markdown.html?.contains("<span class=\"math inline\">\\(1000\\)</span>") == true)
    }

    @Test func oddechoHasScoredGroups() throws {
        let package = try ProblemPackage.load(at: Fixtures.problem("oddecho"))
        #expect(package.metadata.types == [.scoring])
        #expect(package.metadata.credits == "Johan Sannemo")
        let root = package.testGroups
        #expect(root.groups.map(\.name) == ["sample", "secret"])
        #expect(root.graderFlags == ["ignore_sample"])
        let secret = try #require(root.group(at: "secret"))
        #expect(secret.groups.map(\.path) == ["secret/subtask1", "secret/subtask2"])
        #expect(secret.onReject == .continue)
        let one = try #require(root.group(at: "secret/subtask1"))
        let two = try #require(root.group(at: "secret/subtask2"))
        #expect(one.cases.count == 3 && two.cases.count == 13)
        #expect(one.onReject == .break && one.aggregation == .min)
        #expect(one.acceptScore == 50 && one.maxScore == 50 && one.scoreRange == 0...50)
        #expect(one.inputValidatorArgs == ["nFive=1"] && two.inputValidatorArgs == ["nFive=0"])
        #expect(root.group(at: "sample")?.acceptScore == 0)
        let order = package.allCases.map(\.name)
        #expect(order.count == 2 + 3 + 13)
        #expect(Array(order.prefix(3)) == ["sample/1", "sample/2", "secret/subtask1/1"])
        #expect(order.last == "secret/subtask2/3")
        #expect(package.submissions.map(\.name).contains("partially_accepted/sol.py"))
    }

    @Test func oddechoMarkdownStatementRenders() throws {
        let package = try ProblemPackage.load(at: Fixtures.problem("oddecho"))
        let statement = try #require(package.statements.first { $0.language == "sv" })
        #expect(statement.kind == .markdown)
        #expect(statement.assets == ["cave.jpg"])
        let html = try #require(statement.html)
        #expect(html.contains("<img src=\"cave.jpg\" alt=\"CC-BY-SA 2.0 By William Craig on wikimedia.org\" />"))
        #expect(html.contains("<table>\n<thead>\n<tr>\n<th>Grupp</th>"))
        #expect(html.contains("<td><span class=\"math inline\">\\(N\\)</span> är alltid <span class=\"math inline\">\\(5\\)</span></td>"))
        #expect(html.contains("<span class=\"math inline\">\\(1 \\le N \\le 10\\)</span>"))
        #expect(html.contains("<sup class=\"footnote-ref\"><a href=\"#stmt-fn-1\" id=\"stmt-fnref-1\" data-footnote-ref>1</a></sup>"))
        #expect(html.contains("<section class=\"footnotes\" data-footnotes>"))
        #expect(html.contains("href=\"https://sv.wikipedia.org/wiki/Interferens\""))
        #expect(html.contains("<code>a-z</code>"))
        #expect(statement.inlineSamples.isEmpty)
        #expect(package.samplesAfter(statement).map(\.number) == [1, 2])
        let samples = package.appendedSamplesHTML(for: statement)
        #expect(samples.contains("Sample Input 2"))
        #expect(samples.contains("<pre class=\"sample-input\">"))
    }

    @Test func contentHashIsStable() throws {
        let first = try ProblemPackage.load(at: Fixtures.problem("oddecho"))
        let second = try ProblemPackage.load(at: Fixtures.problem("oddecho"))
        #expect(first.contentHash == second.contentHash)
        let other = try ProblemPackage.load(at: Fixtures.problem("hello"))
        #expect(first.contentHash != other.contentHash)
    }
}
