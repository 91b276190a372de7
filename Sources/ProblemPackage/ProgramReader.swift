import Foundation

/// Reads programs (validators and example submissions) and guesses their language.
enum ProgramReader {
    /// Language ids by file extension (Kattis/problem-package-format `appendix/languages.md`).
    /// Case matters: `.C` is C++, `.c` is C.
    static let languages: [String: String] = [
        "cc": "cpp", "cpp": "cpp", "cxx": "cpp", "c++": "cpp", "C": "cpp", "c": "c",
        "py": "python3", "py3": "python3", "py2": "python2", "java": "java", "kt": "kotlin", "rs": "rust",
        "go": "go", "cs": "csharp", "hs": "haskell", "js": "javascript", "ts": "typescript", "ml": "ocaml",
        "pas": "pascal", "php": "php", "pl": "prolog", "rb": "ruby", "scala": "scala", "lisp": "lisp",
        "cl": "lisp", "f90": "fortran", "m": "objectivec", "swift": "swift", "lua": "lua", "sh": "bash",
        "ctd": "checktestdata", "viva": "viva",
    ]
    /// When a folder mixes languages, the first of these present wins (C++ sources may come with C helpers).
    static let priority = ["cpp", "java", "kotlin", "rust", "c", "python3", "python2"]

    /// The submission folders each format version defines (others are accepted with a warning).
    static let submissionFolders: [FormatVersion: Set<String>] = [
        .legacy: ["accepted", "partially_accepted", "wrong_answer", "time_limit_exceeded", "run_time_error", "slow_accepted"],
        .draft2023: ["accepted", "rejected", "wrong_answer", "time_limit_exceeded", "run_time_error", "brute_force",
                     "partially_accepted", "slow_accepted"],
        .v2025: ["accepted", "rejected", "wrong_answer", "time_limit_exceeded", "run_time_error", "brute_force",
                 "partially_accepted"],
    ]

    /// The program at `url`: one file, or one folder of files.
    static func program(at url: URL, version: FormatVersion) -> ProgramSource {
        let isDirectory = PackagePaths.isDirectory(url)
        let files = isDirectory ? PackagePaths.files(under: url) : [url]
        let script = { (name: String) -> URL? in
            let candidate = url.appendingPathComponent(name)
            return isDirectory && PackagePaths.isFile(candidate) ? candidate : nil
        }
        return ProgramSource(path: url, isDirectory: isDirectory, files: files,
                             languageHint: languageHint(for: files, version: version),
                             buildScript: script("build"), runScript: script("run"))
    }

    /// The language of `files`, guessed from their extensions (and, before 2025-09, a `python2` shebang).
    static func languageHint(for files: [URL], version: FormatVersion) -> String? {
        var found: [String] = []
        for file in files {
            guard let language = languages[file.pathExtension] else { continue }
            if language == "python3", version != .v2025, file.pathExtension == "py", isPython2(file) {
                found.append("python2")
            } else {
                found.append(language)
            }
        }
        return priority.first(where: found.contains) ?? found.first
    }

    private static func isPython2(_ file: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return false }
        defer { try? handle.close() }
        let head = String(decoding: (try? handle.read(upToCount: 200)) ?? Data(), as: UTF8.self)
        guard head.hasPrefix("#!"), let firstLine = head.split(separator: "\n").first else { return false }
        return firstLine.contains("python2")
    }

    /// Every program in `dir` (each entry is one program).
    static func programs(in dir: URL, version: FormatVersion) -> [ProgramSource] {
        PackagePaths.entries(of: dir).map { program(at: $0, version: version) }
    }

    /// The example submissions under `submissions/<expected>/`.
    static func submissions(root: URL, version: FormatVersion, _ d: inout Diagnostics) -> [ExpectedSubmission] {
        let dir = root.appendingPathComponent("submissions")
        var result: [ExpectedSubmission] = []
        for folder in PackagePaths.entries(of: dir) where PackagePaths.isDirectory(folder) {
            let expected = folder.lastPathComponent
            if !(submissionFolders[version] ?? []).contains(expected) {
                d.warning(d.relative(folder), "is not a standard submission folder for \(version.rawValue)")
            }
            for entry in PackagePaths.entries(of: folder) {
                result.append(ExpectedSubmission(path: entry, expected: expected, source: program(at: entry, version: version)))
            }
        }
        if !result.contains(where: { $0.expected == "accepted" }) {
            d.warning("submissions/accepted", "no accepted submission: the time limit cannot be derived or verified")
        }
        return result
    }

    /// The custom output validator(s): legacy `output_validators/` (each entry one program), or
    /// `output_validator/` (the folder is the program; a folder holding only one subfolder means that one).
    static func outputValidators(root: URL, version: FormatVersion, _ d: inout Diagnostics) -> [ProgramSource] {
        let plural = root.appendingPathComponent("output_validators")
        let single = root.appendingPathComponent("output_validator")
        let (primary, other) = version == .legacy ? (plural, single) : (single, plural)
        var dir = primary
        if !PackagePaths.isDirectory(primary), PackagePaths.isDirectory(other) {
            d.warning(other.lastPathComponent, "\(version.rawValue) packages keep their validator in \(primary.lastPathComponent)/; read anyway")
            dir = other
        }
        guard PackagePaths.isDirectory(dir) else { return [] }
        if dir.lastPathComponent == "output_validators" { return programs(in: dir, version: version) }
        let entries = PackagePaths.entries(of: dir)
        if entries.count == 1, let only = entries.first, PackagePaths.isDirectory(only) {
            return [program(at: only, version: version)]
        }
        return entries.isEmpty ? [] : [program(at: dir, version: version)]
    }

    /// Validator languages Arena never runs (checktestdata, Viva): their programs are skipped.
    static let unrunnableValidatorLanguages: Set<String> = ["checktestdata", "viva"]

    /// The input validators (`input_validators/`, legacy also `input_format_validators/`). Judging
    /// does not need them, so one Arena cannot run (checktestdata `.ctd`, Viva, an unknown language
    /// without `build`/`run` scripts) is left out with a warning, never an error.
    static func inputValidators(root: URL, version: FormatVersion, _ d: inout Diagnostics) -> [ProgramSource] {
        let dirs = ["input_validators", "input_format_validators"].map { root.appendingPathComponent($0) }
        let found = dirs.filter(PackagePaths.isDirectory).flatMap { Self.programs(in: $0, version: version) }
        if found.isEmpty { d.warning("input_validators", "no input validator") }
        return found.filter { program in
            if program.runScript != nil { return true }
            guard let language = program.languageHint, !unrunnableValidatorLanguages.contains(language) else {
                let what = program.languageHint.map { "a \($0) validator" } ?? "in a language Arena does not know"
                d.warning(d.relative(program.path), "is \(what), which Arena does not run; skipped (judging does not need input validators)")
                return false
            }
            return true
        }
    }
}
