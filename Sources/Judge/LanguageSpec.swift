import Foundation
import Yams

/// How one language is compiled and run: an entry of `config/languages.yaml` (DESIGN.md §3).
///
/// Command lines are argv lists with placeholders: `{files}` (every source file with one of the
/// language's extensions, as separate arguments), `{flags}` (the `flags` list), `{pch}` (`-I /pch`
/// when a precompiled header is ready, else nothing), `{main}` (the entry file), `{class}` (the
/// Java main class), `{memory_mib}` (the run's memory limit), `{heap_mib}` (that limit less the
/// language's `heap_headroom_mib`) and `{toolchain}` (the directory the `toolchain` command
/// printed). A bare program name is looked up in the sandbox's PATH.
public struct LanguageSpec: Sendable, Codable, Equatable {
    /// Id used by the API and in submissions (`cpp`, `c`, `python3`, `java`, `rust`).
    public var id: String
    /// Name shown to users.
    public var name: String
    /// File extensions (without the dot; case matters: `C` is C++, `c` is C).
    public var extensions: [String]
    /// The file name a single-file submission is saved as (may use `{class}`).
    public var source: String
    /// Compile command, run once per submission in the sandbox; nil for none.
    public var compile: [String]?
    /// Run command, relative to `/box` (the compiled program's directory).
    public var run: [String]
    /// Host command whose first output line is the compiler version (part of the cache key).
    public var version: [String]
    /// Host command printing a toolchain directory to bind read-only at the same path (rustup's sysroot, …).
    public var toolchain: [String]?
    /// Flags shared by the compile command and the precompiled header (`{flags}`).
    public var flags: [String]
    /// Header to precompile once per compiler version (`bits/stdc++.h`); nil for none.
    public var precompiledHeader: String?
    /// Whether `{class}` is the source's public class (Java).
    public var detectMainClass: Bool
    /// Processes/threads allowed when running (default 64).
    public var processes: Int?
    /// Processes/threads allowed when compiling (default 128).
    public var compileProcesses: Int?
    /// Extra environment variables for compile and run.
    public var env: [String: String]
    /// MiB of the memory limit kept for a managed runtime beyond its heap (the JVM's metaspace,
    /// code cache, GC tables and thread stacks), so a program that allocates too much gets an
    /// out-of-memory error from its runtime instead of being killed or collecting garbage
    /// until its time runs out. `{heap_mib}` is the limit less this, but at least half the limit.
    public var heapHeadroomMiB: Int

    /// Creates a language.
    public init(id: String, name: String, extensions: [String], source: String, compile: [String]?, run: [String],
                version: [String], toolchain: [String]? = nil, flags: [String] = [], precompiledHeader: String? = nil,
                detectMainClass: Bool = false, processes: Int? = nil, compileProcesses: Int? = nil, env: [String: String] = [:],
                heapHeadroomMiB: Int = 0) {
        self.id = id
        self.name = name
        self.extensions = extensions
        self.source = source
        self.compile = compile
        self.run = run
        self.version = version
        self.toolchain = toolchain
        self.flags = flags
        self.precompiledHeader = precompiledHeader
        self.detectMainClass = detectMainClass
        self.processes = processes
        self.compileProcesses = compileProcesses
        self.env = env
        self.heapHeadroomMiB = heapHeadroomMiB
    }

    /// The heap a runtime gets under a memory limit of `memoryMiB` (see `heapHeadroomMiB`).
    public func heapMiB(memoryMiB: Int) -> Int {
        max(memoryMiB - heapHeadroomMiB, memoryMiB / 2)
    }

    enum CodingKeys: String, CodingKey {
        case id, name, extensions, source, compile, run, version, toolchain, flags, env, processes
        case precompiledHeader = "precompiled_header", detectMainClass = "detect_main_class"
        case compileProcesses = "compile_processes", heapHeadroomMiB = "heap_headroom_mib"
    }

    /// Decodes an entry; only `id`, `name`, `extensions`, `source`, `run` and `version` are required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        extensions = try c.decode([String].self, forKey: .extensions)
        source = try c.decode(String.self, forKey: .source)
        compile = try c.decodeIfPresent([String].self, forKey: .compile)
        run = try c.decode([String].self, forKey: .run)
        version = try c.decode([String].self, forKey: .version)
        toolchain = try c.decodeIfPresent([String].self, forKey: .toolchain)
        flags = try c.decodeIfPresent([String].self, forKey: .flags) ?? []
        precompiledHeader = try c.decodeIfPresent(String.self, forKey: .precompiledHeader)
        detectMainClass = try c.decodeIfPresent(Bool.self, forKey: .detectMainClass) ?? false
        processes = try c.decodeIfPresent(Int.self, forKey: .processes)
        compileProcesses = try c.decodeIfPresent(Int.self, forKey: .compileProcesses)
        env = try c.decodeIfPresent([String: String].self, forKey: .env) ?? [:]
        heapHeadroomMiB = try c.decodeIfPresent(Int.self, forKey: .heapHeadroomMiB) ?? 0
    }
}

/// The configured languages, in display order.
public struct LanguageTable: Sendable, Equatable {
    /// Every configured language.
    public var languages: [LanguageSpec]

    /// Creates a table.
    public init(languages: [LanguageSpec]) { self.languages = languages }

    private struct File: Decodable { var languages: [LanguageSpec] }

    /// Parses the YAML text of a languages file (`languages:` followed by a list of entries).
    /// - Throws: `JudgeError.languageConfig` naming what is wrong.
    public static func parse(yaml: String) throws -> LanguageTable {
        let file: File
        do { file = try YAMLDecoder().decode(File.self, from: yaml) } catch {
            throw JudgeError.languageConfig("\(error)")
        }
        var seen = Set<String>()
        for language in file.languages {
            guard seen.insert(language.id).inserted else { throw JudgeError.languageConfig("language `\(language.id)` is listed twice") }
            guard !language.run.isEmpty, !language.version.isEmpty, language.compile?.isEmpty != true else {
                throw JudgeError.languageConfig("language `\(language.id)`: run, version and compile must not be empty lists")
            }
        }
        return LanguageTable(languages: file.languages)
    }

    /// Reads `file` when given and present, else the built-in table (`BuiltinLanguages.yaml`).
    /// - Throws: `JudgeError.languageConfig` if the file exists but is unreadable or invalid.
    public static func load(file: URL?) throws -> LanguageTable {
        guard let file, FileManager.default.fileExists(atPath: file.path) else { return builtin }
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw JudgeError.languageConfig("cannot read \(file.path)")
        }
        return try parse(yaml: text)
    }

    /// The table compiled into the judge (the same text as `config/languages.yaml`).
    public static var builtin: LanguageTable {
        // The built-in text is tested to parse; an empty table here would only mean a broken build.
        (try? parse(yaml: BuiltinLanguages.yaml)) ?? LanguageTable(languages: [])
    }

    /// The language with `id`.
    public func language(_ id: String) -> LanguageSpec? { languages.first { $0.id == id } }

    /// The language whose extensions include that of `file` (case-sensitive, as `.C` vs `.c`).
    public func language(forFile file: String) -> LanguageSpec? {
        let ext = (file as NSString).pathExtension
        return languages.first { $0.extensions.contains(ext) }
    }
}
