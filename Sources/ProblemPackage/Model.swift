import ArenaCore
import Foundation

/// One problem package, normalised from whichever format version it was written in.
public struct ProblemPackage: Sendable {
    /// The package folder.
    public var root: URL
    /// The folder name, used as the problem's short name.
    public var shortName: String
    /// The format version the package declares (legacy when it declares none).
    public var formatVersion: FormatVersion
    /// `problem.yaml`, normalised.
    public var metadata: ProblemMetadata
    /// One statement per language and kind, sorted by language.
    public var statements: [Statement]
    /// The sample cases (`data/sample`), in judging order.
    public var samples: [TestCase]
    /// The root of the `data` tree: groups `sample` and `secret`, with nested groups.
    public var testGroups: TestGroup
    /// The custom output validator, or nil for the default validator.
    public var outputValidator: ProgramSource?
    /// Further legacy output validators (`output_validators/` may hold several; all must accept).
    public var extraOutputValidators: [ProgramSource]
    /// Problem-wide output validator flags (legacy `validator_flags`; empty for 2025-09).
    public var validatorFlags: [String]
    /// Input validators (`input_validators/`, one program per entry).
    public var inputValidators: [ProgramSource]
    /// The example submissions under `submissions/<expected>/`.
    public var submissions: [ExpectedSubmission]
    /// Files in `attachments/`, relative to that folder.
    public var attachments: [String]
    /// Non-fatal findings (such as a `<script>` removed from a statement).
    public var warnings: [PackageProblem]
    /// SHA-256 (hex) over the sorted relative paths and bytes of every file, symlinks resolved.
    public var contentHash: String

    /// Creates a package from its parts (tests and tools; `load(at:)` is the normal way).
    public init(root: URL, shortName: String, formatVersion: FormatVersion, metadata: ProblemMetadata,
                statements: [Statement] = [], samples: [TestCase] = [], testGroups: TestGroup,
                outputValidator: ProgramSource? = nil, extraOutputValidators: [ProgramSource] = [],
                validatorFlags: [String] = [], inputValidators: [ProgramSource] = [],
                submissions: [ExpectedSubmission] = [], attachments: [String] = [],
                warnings: [PackageProblem] = [], contentHash: String = "") {
        self.root = root
        self.shortName = shortName
        self.formatVersion = formatVersion
        self.metadata = metadata
        self.statements = statements
        self.samples = samples
        self.testGroups = testGroups
        self.outputValidator = outputValidator
        self.extraOutputValidators = extraOutputValidators
        self.validatorFlags = validatorFlags
        self.inputValidators = inputValidators
        self.submissions = submissions
        self.attachments = attachments
        self.warnings = warnings
        self.contentHash = contentHash
    }

    /// All test cases in judging order (samples first, then secret).
    public var allCases: [TestCase] { testGroups.allCases() }
    /// The cases under `data/secret`, in judging order.
    public var secretCases: [TestCase] { testGroups.group(at: "secret")?.allCases() ?? [] }

    /// The package as a contest judges it: its defaults (memory) where the package sets none.
    public func applying(_ settings: JudgeSettings) -> ProblemPackage {
        var result = self
        result.metadata = metadata.applying(settings)
        return result
    }
}

/// The problem package format versions Arena reads.
public enum FormatVersion: String, Sendable, Codable, CaseIterable {
    /// `legacy` (also `legacy-icpc`), the default when `problem_format_version` is absent.
    case legacy
    /// `2023-07-draft` (also `2023-07`), read the way Kattis/problemtools reads it.
    case draft2023 = "2023-07-draft"
    /// `2025-09`.
    case v2025 = "2025-09"
}

/// A problem type (2025-09 `type`; legacy maps `type: scoring` and `validation: … interactive`).
public enum ProblemType: String, Sendable, Codable, Hashable, CaseIterable {
    /// Accepted or not.
    case passFail = "pass-fail"
    /// Scored per test group.
    case scoring
    /// The submission talks to the output validator through pipes.
    case interactive
    /// The validator may ask for further passes (`nextpass.in`).
    case multiPass = "multi-pass"
    /// The submission is the answer itself.
    case submitAnswer = "submit-answer"
}

/// How the time limit relates to the judge solutions' run times.
public struct TimeMultipliers: Sendable, Codable, Equatable {
    /// Slowest accepted run × this ≤ time limit (2025-09 default 2.0; legacy `time_multiplier`, default 5).
    public var acToTimeLimit: Double
    /// Time limit × this ≤ fastest TLE run (2025-09 default 1.5; legacy `time_safety_margin`, default 2).
    public var timeLimitToTle: Double
    /// Creates multipliers.
    public init(acToTimeLimit: Double, timeLimitToTle: Double) {
        self.acToTimeLimit = acToTimeLimit
        self.timeLimitToTle = timeLimitToTle
    }
}

/// `problem.yaml`, normalised. Absent limits take the defaults documented on each field.
public struct ProblemMetadata: Sendable, Codable, Equatable {
    /// Problem name per language code (a plain string name is stored under `en`).
    public var name: [String: String] = [:]
    /// The stable identity of the problem, if given.
    public var uuid: String?
    /// The 2025-09 `version` string, if given.
    public var version: String?
    /// The problem types; `[.passFail]` by default.
    public var types: Set<ProblemType> = [.passFail]
    /// The explicit time limit in seconds (`limits.time_limit`, also read in legacy packages as DOMjudge
    /// does, or a `.timelimit` file).
    public var timeLimit: Double?
    /// Time multipliers (defaults depend on the format version).
    public var timeMultipliers = TimeMultipliers(acToTimeLimit: 2.0, timeLimitToTle: 1.5)
    /// Time limits are multiples of this, in seconds (default 1).
    public var timeResolution: Double = 1.0
    /// Memory limit in MiB: 2048 for 2023-07/2025-09 ("system default"), 1024 for legacy as problemtools.
    public var memoryMiB: Int = 2048
    /// Whether `problem.yaml` sets `limits.memory`; when not, `memoryMiB` is the format's default
    /// and a contest's own default replaces it (`applying(_:)`).
    public var memoryDeclared = false
    /// Output limit in MiB (default 8).
    public var outputMiB: Int = 8
    /// Source size limit in KiB (default 128).
    public var codeKiB: Int = 128
    /// Compilation time in seconds (default 60).
    public var compilationTime: Double = 60
    /// Compilation memory in MiB (default as `memoryMiB`).
    public var compilationMemoryMiB: Int = 2048
    /// Validator time in seconds (default 60).
    public var validationTime: Double = 60
    /// Validator memory in MiB (default as `memoryMiB`).
    public var validationMemoryMiB: Int = 2048
    /// Validator output in MiB (default 8).
    public var validationOutputMiB: Int = 8
    /// Maximum passes for multi-pass problems (default 2).
    public var validationPasses: Int = 2
    /// Authors: legacy `author`, or 2025-09 `credits` (a string, or `credits.authors` joined by ", ").
    public var credits: String?
    /// Where the problem was first used (`source`, or `source.name`).
    public var source: String?
    /// A link for the source (legacy `source_url`, or `source.url`).
    public var sourceURL: String?
    /// The licence string (default `unknown`).
    public var license: String?
    /// The rights owner, if given.
    public var rightsOwner: String?
    /// Keywords (legacy: space separated; 2025-09: a list).
    public var keywords: [String] = []
    /// Languages allowed (2025-09 `languages`); nil means all.
    public var languages: [String]?
    /// Whether submissions may write files in their working directory.
    public var allowFileWriting: Bool = false
    /// 2025-09 `constants` (the plain value of each), substituted as `{{name}}` in Markdown statements.
    public var constants: [String: String] = [:]
    /// Legacy `grading.objective`: `max` (default) or `min`.
    public var gradingObjective: String = "max"

    /// Creates metadata with every default.
    public init() {}

    /// The same as `credits`.
    public var author: String? { credits }
    /// Whether the problem is interactive.
    public var isInteractive: Bool { types.contains(.interactive) }
    /// Whether the problem is scored.
    public var isScoring: Bool { types.contains(.scoring) }

    /// The metadata with a contest's defaults for what the package leaves unset (the memory limit).
    public func applying(_ settings: JudgeSettings) -> ProblemMetadata {
        var result = self
        if let memory = settings.memoryMiB, !memoryDeclared { result.memoryMiB = memory }
        return result
    }

    /// The name in `language`, else English, else any.
    public func name(in language: String = "en") -> String {
        name[language] ?? name["en"] ?? name.sorted { $0.key < $1.key }.first?.value ?? ""
    }
}
