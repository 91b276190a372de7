import Foundation
import Testing
@testable import ProblemPackage

@Test func scratchDump() throws {
    for name in ["different", "guess", "hello", "oddecho"] {
        let url = URL(fileURLWithPath: "/work/shared/problems/\(name)")
        do {
            let p = try ProblemPackage.load(at: url)
            print("== \(name) \(p.formatVersion) \(p.metadata.name) \(p.metadata.types) mem=\(p.metadata.memoryMiB) tl=\(String(describing: p.metadata.timeLimit)) hash=\(p.contentHash)")
            print("  samples:", p.samples.map { "\($0.name) judged=\($0.isJudged)" })
            print("  cases:", p.allCases.map(\.name))
            print("  args:", p.allCases.map(\.outputValidatorArgs).prefix(3), p.allCases.map(\.inputValidatorArgs).prefix(3))
            print("  validator:", p.outputValidator.map { "\($0.path.lastPathComponent) \($0.languageHint ?? "-") \($0.files.map(\.lastPathComponent))" } ?? "default")
            print("  inputs:", p.inputValidators.map { "\($0.path.lastPathComponent) \($0.languageHint ?? "-")" })
            print("  subs:", p.submissions.map { "\($0.name):\($0.source.languageHint ?? "-")" })
            print("  warnings:", p.warnings)
            func dumpGroup(_ g: TestGroup, _ indent: String) {
                print("\(indent)[\(g.path)] cases=\(g.cases.count) onReject=\(g.onReject) flags=\(g.graderFlags) accept=\(g.acceptScore) max=\(String(describing: g.maxScore)) agg=\(g.aggregation)")
                for s in g.groups { dumpGroup(s, indent + "  ") }
            }
            dumpGroup(p.testGroups, "  ")
            for s in p.statements {
                print("  statement \(s.language) \(s.kind) name=\(s.problemName ?? "-") inline=\(s.inlineSamples) assets=\(s.assets) notice=\(s.notice ?? "-")")
                try (s.html ?? "").write(toFile: "/tmp/scratch/\(name).\(s.language).\(s.kind).html", atomically: true, encoding: .utf8)
            }
        } catch let e as PackageProblems {
            print("== \(name) FAILED\n\(e)")
        }
    }
}
