import ArenaCore
import Foundation
import Judge
import ProblemPackage
import Testing

/// `verify` over the four problemtools example packages in ../shared/problems (skipped when absent):
/// every submission gets its folder's verdict; languages not installed are skipped, never failures.
@Suite(.serialized) struct VerifySharedProblemsTests {
    static let packages = ["hello", "different", "guess", "oddecho"]

    @Test(.enabled(if: Shared.sharedProblems != nil, "../shared/problems is absent"))
    func everySubmissionGetsItsExpectedVerdict() async throws {
        let engine = try Shared.engine()
        let root = try #require(Shared.sharedProblems)
        let start = Date()
        let rows = await engine.verify(packages: Self.packages.map { root.appendingPathComponent($0) })
        print(VerifyReport.table(rows))
        print(String(format: "verify took %.1f s", Date().timeIntervalSince(start)))
        for row in rows where row.isFailure {
            Issue.record("\(row.package) \(row.submission): expected \(row.expected), got \(row.got): \(row.note ?? "")")
        }
        // Each package produced rows, and the five configured languages were judged where installed.
        for package in Self.packages { #expect(rows.contains { $0.package == package && $0.status == .ok }, "\(package)") }
        let judged = Set(rows.filter { $0.status == .ok }.compactMap(\.language))
        #expect(judged.contains("cpp"))
        // Languages outside the table are skipped with a reason, not failed.
        for row in rows where !["cpp", "c", "python3", "java", "rust"].contains(row.language ?? "") {
            #expect(row.status == .skipped, "\(row.submission)")
        }
        let oddecho = rows.filter { $0.package == "oddecho" && $0.status == .ok }
        #expect(oddecho.contains { $0.expected == "partially_accepted" && ($0.score ?? 0) > 0 && ($0.score ?? 0) < 100 })
        #expect(oddecho.filter { $0.expected == "accepted" }.allSatisfy { $0.score == 100 })
        let json = try VerifyReport.json(rows)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(decoded?["failed"] as? Bool == false)
        #expect((decoded?["rows"] as? [Any])?.count == rows.count)
    }

    @Test(.enabled(if: Shared.sharedProblems != nil, "../shared/problems is absent"))
    func legacyTimeLimitIsDerivedFromAcceptedRuns() async throws {
        let engine = try Shared.engine()
        let root = try #require(Shared.sharedProblems)
        let package = try ProblemPackage.load(at: root.appendingPathComponent("different"), options: LoadOptions(pandoc: .disabled))
        let decision = await engine.timeLimit(for: package)
        #expect(decision.derived)
        // The accepted submissions take well under 0.2 s: max(1, ceil(T × 5)) = 1.
        #expect(decision.seconds == 1, "\(decision)")
        #expect((decision.slowestAccepted ?? 1) < 0.2)
    }
}
