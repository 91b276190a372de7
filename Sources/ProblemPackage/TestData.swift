import Foundation

/// One test case: `<name>.in` + `<name>.ans` and their companions.
public struct TestCase: Sendable, Codable, Equatable {
    /// The path relative to `data/` without extension, such as `secret/group1/03`.
    public var name: String
    /// The `.in` file.
    public var input: URL
    /// The `.ans` file.
    public var answer: URL
    /// `.desc` (legacy) or `description` in `<name>.yaml`.
    public var description: String?
    /// `.hint` (legacy) or `hint` in `<name>.yaml`.
    public var hint: String?
    /// The `.interaction` file that shows the dialogue (interactive samples).
    public var interaction: URL?
    /// Arguments for the output validator: problem flags, group flags, then case args.
    public var outputValidatorArgs: [String]
    /// Arguments for the input validators.
    public var inputValidatorArgs: [String]
    /// Whether the case is under `data/sample`.
    public var isSample: Bool
    /// False for a sample that only shows an `.interaction` (no `.in`/`.ans` to run): it is listed in
    /// `ProblemPackage.samples` but in no `TestGroup`, and `input`/`answer` point at the interaction file.
    public var isJudged: Bool = true

    /// Creates a test case.
    public init(name: String, input: URL, answer: URL, description: String? = nil, hint: String? = nil,
                interaction: URL? = nil, outputValidatorArgs: [String] = [], inputValidatorArgs: [String] = [],
                isSample: Bool = false) {
        self.name = name
        self.input = input
        self.answer = answer
        self.description = description
        self.hint = hint
        self.interaction = interaction
        self.outputValidatorArgs = outputValidatorArgs
        self.inputValidatorArgs = inputValidatorArgs
        self.isSample = isSample
    }

    /// The last path component of `name`, such as `03`.
    public var baseName: String { String(name.split(separator: "/").last ?? Substring(name)) }
}

/// What a group does after a rejected case (legacy `on_reject`).
public enum OnReject: String, Sendable, Codable {
    /// Stop judging the group at the first rejected case.
    case `break`
    /// Judge every case of the group.
    case `continue`
}

/// How a group turns its cases' and subgroups' scores into one.
public enum ScoreAggregation: String, Sendable, Codable {
    /// All accepted → full score, else the reject score (2025-09 default for groups).
    case passFail = "pass-fail"
    /// Sum of the parts (legacy default grader, 2025-09 default for `secret`).
    case sum
    /// Minimum of the parts.
    case min
    /// Maximum of the parts.
    case max
    /// Average of the parts.
    case avg
}

/// A folder of test data with its settings (`testdata.yaml` or `test_group.yaml`, inherited downward).
public struct TestGroup: Sendable, Codable, Equatable {
    /// The folder name (`""` for the `data` root, `sample`, `secret`, `subtask1`, …).
    public var name: String
    /// The path relative to `data/` (`""` for the root, `secret/subtask1`, …).
    public var path: String
    /// Cases directly in this folder, sorted by name.
    public var cases: [TestCase]
    /// Subgroups, sorted lexicographically by name.
    public var groups: [TestGroup]
    /// Stop at the first rejection or go on (default `break`).
    public var onReject: OnReject = .break
    /// Raw legacy `grader_flags`, split on spaces.
    public var graderFlags: [String] = []
    /// Score of an accepted case (legacy `accept_score`, default 1).
    public var acceptScore: Double = 1
    /// Score of a rejected case (legacy `reject_score`, default 0).
    public var rejectScore: Double = 0
    /// Allowed score range (legacy `range`), if given.
    public var scoreRange: ClosedRange<Double>?
    /// Maximum score (2025-09 `max_score`, or the upper end of legacy `range`); nil means unbounded.
    public var maxScore: Double?
    /// How scores combine (from `grader_flags` or `score_aggregation`).
    public var aggregation: ScoreAggregation = .sum
    /// Groups that must pass first (2025-09 `require_pass`).
    public var requirePass: [String] = []
    /// Output validator arguments of this group (inherited ones included).
    public var outputValidatorArgs: [String] = []
    /// Input validator arguments of this group (inherited ones included).
    public var inputValidatorArgs: [String] = []
    /// Whether the folder has its own `testdata.yaml`/`test_group.yaml` (in 2025-09, a real test group;
    /// a folder without one is just a way to organise cases).
    public var hasConfig: Bool = false

    /// Creates a group.
    public init(name: String, path: String, cases: [TestCase] = [], groups: [TestGroup] = []) {
        self.name = name
        self.path = path
        self.cases = cases
        self.groups = groups
    }

    /// Every case under this group in judging order: cases and subgroups interleaved by name.
    public func allCases() -> [TestCase] {
        var items: [(key: String, cases: [TestCase])] = cases.map { ($0.baseName, [$0]) }
        items += groups.map { ($0.name, $0.allCases()) }
        return items.sorted { $0.key < $1.key }.flatMap(\.cases)
    }

    /// The group at `path` relative to this one (`"secret/subtask1"`), or nil.
    public func group(at path: String) -> TestGroup? {
        var current = self
        for part in path.split(separator: "/") {
            guard let next = current.groups.first(where: { $0.name == part }) else { return nil }
            current = next
        }
        return current
    }
}
