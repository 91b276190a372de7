import Foundation
import ProblemPackage

/// The source files of a submission (or of a validator) and its language.
public struct SubmissionSource: Sendable, Equatable {
    /// One source file.
    public struct File: Sendable, Equatable {
        /// Path relative to the program's folder (`main.cpp`, `src/util.h`).
        public var name: String
        /// The bytes.
        public var contents: Data
        /// Creates a file.
        public init(name: String, contents: Data) {
            self.name = name
            self.contents = contents
        }
    }

    /// Language id (`cpp`, `python3`, …).
    public var language: String
    /// The files; a single file is saved under the language's `source` name.
    public var files: [File]

    /// Creates a source from files.
    public init(language: String, files: [File]) {
        self.language = language
        self.files = files
    }

    /// Creates a single-file source from text.
    public init(language: String, code: String) {
        self.init(language: language, files: [File(name: "source", contents: Data(code.utf8))])
    }

    /// Total size in bytes (for the code size limit).
    public var size: Int { files.reduce(0) { $0 + $1.contents.count } }

    /// Reads a package program (example submission or validator). The language is `language`,
    /// else the program's `languageHint`.
    /// - Throws: `JudgeError.io` if a file cannot be read, `.unknownLanguage` if none is known.
    public static func read(_ program: ProgramSource, language: String? = nil) throws -> SubmissionSource {
        guard let id = language ?? program.languageHint else {
            throw JudgeError.unknownLanguage("(no language for \(program.path.lastPathComponent))")
        }
        var files: [File] = []
        let base = program.path.standardizedFileURL.resolvingSymlinksInPath().path
        for url in program.files {
            guard let data = try? Data(contentsOf: url) else { throw JudgeError.io("cannot read \(url.path)") }
            let full = url.standardizedFileURL.resolvingSymlinksInPath().path
            let name = program.isDirectory && full.hasPrefix(base + "/") ? String(full.dropFirst(base.count + 1)) : url.lastPathComponent
            files.append(File(name: name, contents: data))
        }
        return SubmissionSource(language: id, files: files)
    }
}

/// Finds the class Java must run: the public top-level class, else one declaring `main`, else `Main`.
/// A source submitted as text has no `.java` name yet: its one file is read.
enum JavaMainClass {
    static func find(in files: [SubmissionSource.File]) -> String {
        let java = files.filter { $0.name.hasSuffix(".java") }
        let texts = (java.isEmpty && files.count == 1 ? files : java).map { String(decoding: $0.contents, as: UTF8.self) }
        let publicClass = #/public\s+(?:(?:final|abstract|strictfp)\s+)*class\s+([A-Za-z_$][A-Za-z0-9_$]*)/#
        let anyClass = #/class\s+([A-Za-z_$][A-Za-z0-9_$]*)/#
        let withMain = texts.first { $0.contains("static void main") } ?? texts.first ?? ""
        if let match = withMain.firstMatch(of: publicClass) { return String(match.1) }
        if let match = withMain.firstMatch(of: anyClass) { return String(match.1) }
        return "Main"
    }
}
