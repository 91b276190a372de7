import Foundation

/// How `ProblemPackage.load` renders statements.
public struct LoadOptions: Sendable {
    /// Where pandoc is, for LaTeX statements.
    public var pandoc: PandocSetting
    /// Creates options; by default pandoc is looked up on `PATH`.
    public init(pandoc: PandocSetting = .automatic) {
        self.pandoc = pandoc
    }
}

extension ProblemPackage {
    /// Reads and checks the package at `root` with default options (pandoc from `PATH`).
    /// - Throws: `PackageProblems` listing every problem found, each naming its file.
    public static func load(at root: URL) throws -> ProblemPackage {
        try load(at: root, options: LoadOptions())
    }

    /// Reads and checks the package at `root` (legacy, 2023-07-draft or 2025-09) into one model.
    /// - Throws: `PackageProblems` listing every problem found, each naming its file.
    public static func load(at root: URL, options: LoadOptions) throws -> ProblemPackage {
        let root = root.resolvingSymlinksInPath().standardizedFileURL
        var d = Diagnostics(root: root)
        guard PackagePaths.isDirectory(root) else {
            throw PackageProblems(root: root, problems: [PackageProblem(file: "", message: "package folder not found")])
        }
        let shortName = root.lastPathComponent
        if shortName.range(of: "^[a-z0-9]+$", options: .regularExpression) == nil {
            d.warning("", "package folder name \"\(shortName)\" should be lowercase letters and digits only")
        }
        let files = PackageFiles(root: root, &d)

        let yaml = YAMLMap.load(root.appendingPathComponent("problem.yaml"), diagnostics: &d)
        if yaml == nil, !PackagePaths.isFile(root.appendingPathComponent("problem.yaml")) {
            d.error("problem.yaml", "missing")
        }
        // With an unknown version or broken YAML the rest is still checked, with a guessed layout.
        var version = MetadataReader.guessVersion(root: root)
        var read = MetadataReader.Result()
        if let yaml {
            version = MetadataReader.version(of: yaml, &d) ?? version
            read = MetadataReader.read(yaml, version: version, &d)
        } else {
            LimitsReader.read(nil, version: version, into: &read.metadata, &d)
        }
        var metadata = read.metadata
        LimitsReader.readTimeLimitFile(root: root, into: &metadata, &d)

        var dataReader = TestDataReader(root: root, problemFlags: read.validatorFlags)
        var testGroups = dataReader.read(&d)
        if !metadata.isScoring { clearMaxScores(&testGroups) }
        let samples = ((testGroups.group(at: "sample")?.allCases() ?? []) + dataReader.displayOnlySamples)
            .sorted { $0.name < $1.name }

        let validators = ProgramReader.outputValidators(root: root, version: version, &d)
        var outputValidator = validators.first
        if version == .legacy, !read.validation.custom, !validators.isEmpty {
            d.warning("output_validators", "ignored: problem.yaml does not say `validation: custom`")
            outputValidator = nil
        }
        let needsValidator = metadata.isInteractive || (version == .legacy && read.validation.custom)
        if needsValidator, outputValidator == nil {
            let folder = version == .legacy ? "output_validators" : "output_validator"
            d.error(folder, "missing: \(metadata.isInteractive ? "an interactive problem" : "`validation: custom`") needs a custom output validator")
        }

        let statements = StatementReader(root: root, version: version, converter: LaTeXConverter(options.pandoc),
                                         constants: metadata.constants, samples: samples).read(&d)
        for statement in statements where metadata.name[statement.language] == nil {
            if let name = statement.problemName { metadata.name[statement.language] = name }
        }
        let statementLanguages = Set(statements.map(\.language))
        if version == .v2025, !statements.isEmpty, Set(metadata.name.keys) != statementLanguages {
            d.warning("problem.yaml", "`name` languages (\(metadata.name.keys.sorted().joined(separator: ", "))) differ from "
                + "the statement languages (\(statementLanguages.sorted().joined(separator: ", ")))")
        }
        if metadata.name.isEmpty, yaml != nil { d.error("problem.yaml", "no problem name: set `name` (or \\problemname in a LaTeX statement)") }

        let package = ProblemPackage(
            root: root, shortName: shortName, formatVersion: version, metadata: metadata, statements: statements,
            samples: samples, testGroups: testGroups, outputValidator: outputValidator,
            extraOutputValidators: version == .legacy && outputValidator != nil ? Array(validators.dropFirst()) : [],
            validatorFlags: read.validatorFlags,
            inputValidators: ProgramReader.inputValidators(root: root, version: version, &d),
            submissions: ProgramReader.submissions(root: root, version: version, &d),
            attachments: PackagePaths.files(under: root.appendingPathComponent("attachments"))
                .map { PackagePaths.relative($0, to: root.appendingPathComponent("attachments")) },
            warnings: d.warnings, contentHash: "")
        guard d.errors.isEmpty else {
            throw PackageProblems(root: root, problems: d.errors, warnings: d.warnings)
        }
        var result = package
        result.contentHash = files.contentHash()
        return result
    }

    /// Pass-fail problems have no scores: drop the 2025-09 default `max_score` of `secret`.
    private static func clearMaxScores(_ group: inout TestGroup) {
        group.maxScore = nil
        for index in group.groups.indices { clearMaxScores(&group.groups[index]) }
    }
}
