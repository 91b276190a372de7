import ArenaCore
import Foundation
import Judge
import ProblemPackage
import Testing

/// Issue 8, defect 1: a judge whose folders, and whose package, sit under a private folder (a
/// clone under /root, a 0700 temporary folder) still judges: its folders move where the sandbox
/// user reaches them, and a validator's input and answer are linked into the run folder.
@Suite struct PrivateFolderTests {
    @Test func judgesFromFoldersTheSandboxUserCannotReach() async throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("arena-private-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        chmod(base.path, 0o700)
        defer { try? FileManager.default.removeItem(at: base) }
        let engine = try JudgeEngine(configuration: JudgeConfiguration(
            cacheDirectory: base.appendingPathComponent("data/judge/build"), workDirectory: base.appendingPathComponent("data/judge/work"),
            languagesFile: Shared.repositoryRoot.appendingPathComponent("config/languages.yaml")))
        if geteuid() == 0 {  // the sandbox user is 65534 and cannot enter `base`
            #expect(!engine.configuration.cacheDirectory.path.hasPrefix(base.path), "\(engine.configuration.cacheDirectory.path)")
            #expect(!engine.configuration.workDirectory.path.hasPrefix(base.path))
        }
        let package = try TempPackage(yaml: ValidatorAndScoringTests.yaml, files: ValidatorAndScoringTests.data.merging(
            ["output_validator/validate.py": ValidatorAndScoringTests.compareValidator]) { $1 })
        chmod(package.root.deletingLastPathComponent().path, 0o700)
        let problem = try package.load()
        let sum = "#include <cstdio>\nint main(){long a,b;scanf(\"%ld %ld\",&a,&b);printf(\"%ld\\n\",a+b);}\n"
        let accepted = await engine.judge(SubmissionSource(language: "cpp", code: sum), problem: problem)
        #expect(accepted.verdict == .accepted, "\(accepted)")
        let wrong = await engine.judge(SubmissionSource(language: "cpp", code: "int main(){return 0;}\n"), problem: problem)
        #expect(wrong.verdict == .wrongAnswer, "\(wrong)")
    }
}
