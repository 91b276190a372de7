import Foundation

/// Reads `data/`: the `sample` and `secret` trees, their cases and group settings.
struct TestDataReader {
    /// The package root.
    let root: URL
    /// Problem-wide output validator flags (legacy `validator_flags`), put first in every case's arguments.
    let problemFlags: [String]
    /// Samples that only have an `.interaction` file, gathered while reading.
    private(set) var displayOnlySamples: [TestCase] = []

    /// Companion extensions of a case, longest first so `.in.statement` wins over `.in`.
    static let extensions = [
        ".in.statement", ".ans.statement", ".in.download", ".ans.download", ".interaction", ".files",
        ".in", ".ans", ".desc", ".hint", ".out", ".yaml", ".png", ".jpg", ".jpeg", ".svg",
    ]
    static let caseKeys: Set<String> = [
        "args", "input_validator_args", "output_validator_args", "input_visualizer_args",
        "output_visualizer_args", "full_feedback", "hint", "description",
    ]

    init(root: URL, problemFlags: [String]) {
        self.root = root
        self.problemFlags = problemFlags
    }

    /// The `data` root group with `sample` (when present) and `secret`.
    mutating func read(_ d: inout Diagnostics) -> TestGroup {
        let data = root.appendingPathComponent("data")
        var top = GroupConfigReader.group(dir: data, name: "", path: "", parent: nil, &d)
        guard PackagePaths.isDirectory(data) else {
            d.error("data", "missing: a package needs test data in data/secret")
            return top
        }
        for name in ["sample", "secret"] {
            let dir = data.appendingPathComponent(name)
            guard PackagePaths.isDirectory(dir) else {
                if name == "secret" { d.error("data/secret", "missing: a package needs secret test data") }
                continue
            }
            let group = readGroup(dir: dir, name: name, path: name, parent: top, isSample: name == "sample", &d)
            if name == "secret", group.allCases().isEmpty { d.error("data/secret", "holds no test cases (.in + .ans)") }
            top.groups.append(group)
        }
        return top
    }

    private mutating func readGroup(dir: URL, name: String, path: String, parent: TestGroup, isSample: Bool,
                                    _ d: inout Diagnostics) -> TestGroup {
        var group = GroupConfigReader.group(dir: dir, name: name, path: path, parent: parent, &d)
        var byBase: [String: Set<String>] = [:]
        for entry in PackagePaths.entries(of: dir) {
            let file = entry.lastPathComponent
            if file == "testdata.yaml" || file == "test_group.yaml" { continue }
            if PackagePaths.isDirectory(entry), !file.hasSuffix(".files") {
                group.groups.append(readGroup(dir: entry, name: file, path: "\(path)/\(file)", parent: group,
                                              isSample: isSample, &d))
                continue
            }
            guard let ext = Self.extensions.first(where: { file.hasSuffix($0) && file.count > $0.count }) else { continue }
            byBase[String(file.dropLast(ext.count)), default: []].insert(ext)
        }
        for (base, exts) in byBase.sorted(by: { $0.key < $1.key }) {
            let stem = dir.appendingPathComponent(base)
            let name = "\(path)/\(base)"
            let hasIn = exts.contains(".in"), hasAns = exts.contains(".ans")
            if hasIn != hasAns {
                let (have, want) = hasIn ? (".in", ".ans") : (".ans", ".in")
                d.error("data/\(name)\(have)", "has no matching \(want) file (expected data/\(name)\(want))")
                continue
            }
            let interaction = exts.contains(".interaction") ? url(stem, ".interaction") : nil
            guard hasIn else {
                if let interaction, isSample {
                    var sample = TestCase(name: name, input: interaction, answer: interaction, interaction: interaction, isSample: true)
                    sample.isJudged = false
                    displayOnlySamples.append(sample)
                }
                continue
            }
            var testCase = TestCase(name: name, input: url(stem, ".in"), answer: url(stem, ".ans"), interaction: interaction,
                                    outputValidatorArgs: problemFlags + group.outputValidatorArgs,
                                    inputValidatorArgs: group.inputValidatorArgs, isSample: isSample)
            if exts.contains(".desc") { testCase.description = trimmedText(url(stem, ".desc")) }
            if exts.contains(".hint") { testCase.hint = trimmedText(url(stem, ".hint")) }
            if exts.contains(".yaml") { readCaseYAML(url(stem, ".yaml"), into: &testCase, &d) }
            group.cases.append(testCase)
        }
        group.groups.sort { $0.name < $1.name }
        if path == "secret", !group.cases.isEmpty, group.groups.contains(where: \.hasConfig) {
            d.warning("data/secret", "holds both test cases and test groups (2025-09 allows one or the other)")
        }
        return group
    }

    private func url(_ stem: URL, _ ext: String) -> URL {
        stem.deletingLastPathComponent().appendingPathComponent(stem.lastPathComponent + ext)
    }

    private func trimmedText(_ url: URL) -> String? {
        PackagePaths.text(url)?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A 2025-09 `<case>.yaml`: arguments, hint and description.
    private func readCaseYAML(_ url: URL, into testCase: inout TestCase, _ d: inout Diagnostics) {
        guard let map = YAMLMap.load(url, diagnostics: &d) else { return }
        map.warnUnknownKeys(Self.caseKeys, &d)
        if let args = map.strings("output_validator_args", &d, splitting: false) { testCase.outputValidatorArgs += args }
        if let args = map.strings("input_validator_args", &d, splitting: false) { testCase.inputValidatorArgs += args }
        testCase.hint = map.string("hint", &d) ?? testCase.hint
        testCase.description = map.string("description", &d) ?? testCase.description
        for key in ["args", "input_visualizer_args", "output_visualizer_args"] { _ = map.strings(key, &d, splitting: false) }
        _ = map.bool("full_feedback", &d)
    }
}
