import Foundation
import ProblemPackage
import Sandbox

/// A compiled program in the cache: its directory is mounted read-only at /box for every run.
struct CompiledProgram: Sendable {
    let language: ResolvedLanguage
    /// The directory with the artifacts (and the sources).
    let directory: URL
    /// Run argv with everything but `{memory_mib}` and `{heap_mib}` filled in.
    let run: [String]
    /// Compiler messages (truncated).
    let output: String
    /// Whether it came from the cache.
    let cached: Bool

    /// The run argv under a memory limit of `memoryMiB`.
    func runArgv(memoryMiB: Int) -> [String] {
        let heap = String(language.spec.heapMiB(memoryMiB: memoryMiB))
        return run.map {
            $0.replacingOccurrences(of: "{memory_mib}", with: String(memoryMiB)).replacingOccurrences(of: "{heap_mib}", with: heap)
        }
    }
}

/// The outcome of compiling.
enum CompileResult: Sendable {
    case compiled(CompiledProgram)
    /// Compile error (or compile limit exceeded): the output for the owner.
    case failed(output: String)
}

/// Compiles sources in the sandbox, once per (sources, language, version, flags), caching the result.
struct Compiler: Sendable {
    let sandbox: Sandbox
    let configuration: JudgeConfiguration
    let headers: PrecompiledHeaders

    private struct Record: Codable {
        var success: Bool
        var output: String
        var run: [String]
    }

    /// Compiles `source` as `language`, with at least `cpuSeconds`/`memoryMiB` (the configuration's
    /// compile limits if larger).
    func compile(_ source: SubmissionSource, language: ResolvedLanguage, cpuSeconds: Double = 0, memoryMiB: Int = 0) async throws -> CompileResult {
        let spec = language.spec
        var files = source.files
        guard !files.isEmpty else { return .failed(output: "no source files") }
        let mainClass = spec.detectMainClass ? JavaMainClass.find(in: files) : ""
        func fill(_ text: String) -> String { text.replacingOccurrences(of: "{class}", with: mainClass) }
        if files.count == 1 { files[0].name = fill(spec.source) }
        let entry = files.count == 1 ? files[0].name
            : (files.first { $0.name == fill(spec.source) } ?? files.first { $0.name == "__main__.py" }
               ?? files.first { spec.extensions.contains(($0.name as NSString).pathExtension) } ?? files[0]).name
        let sources = files.map(\.name).filter { spec.extensions.contains(($0 as NSString).pathExtension) }.sorted()

        var pch: URL?
        if spec.precompiledHeader != nil, language.compile != nil { pch = await headers.directory(for: language, compiler: self) }
        func expand(_ argv: [String]) -> [String] {
            argv.flatMap { arg -> [String] in
                switch arg {
                case "{files}": return sources
                case "{flags}": return spec.flags
                case "{pch}": return pch == nil ? [] : ["-I", "/pch"]
                default: return [fill(arg).replacingOccurrences(of: "{main}", with: entry)]
                }
            }
        }
        let compileArgv = language.compile.map(expand)
        let runArgv = expand(language.run)

        var hasher = ContentHasher()
        for part in [spec.id, language.version, language.toolchain ?? "", pch?.lastPathComponent ?? "no-pch"] { hasher.field(part) }
        for arg in (compileArgv ?? []) + ["--run--"] + runArgv { hasher.field(arg) }
        for file in files.sorted(by: { $0.name < $1.name }) {
            hasher.field(file.name)
            hasher.field(file.contents)
        }
        let key = hasher.hexDigest()
        let root = configuration.cacheDirectory.appendingPathComponent("compile")
        let final = root.appendingPathComponent(key)
        if let result = load(final, language: language) { return result }

        try Files.makeDirectory(root)
        let staging = try Files.temporaryDirectory(in: root, prefix: ".tmp")
        defer { Files.remove(staging) }
        let box = staging.appendingPathComponent("box")
        try Files.makeDirectory(box)
        for file in files {
            guard !file.name.split(separator: "/").contains(".."), !file.name.hasPrefix("/") else {
                throw JudgeError.io("invalid source file name \(file.name)")
            }
            let url = box.appendingPathComponent(file.name)
            try Files.makeDirectory(url.deletingLastPathComponent())
            try Files.write(file.contents, to: url)
        }
        var record = Record(success: true, output: "", run: runArgv)
        var cacheable = true
        if let compileArgv {
            var binds = language.binds
            if let pch { binds.append(SandboxBind(host: pch.path, inside: "/pch")) }
            let cpu = max(configuration.compileCPUSeconds, cpuSeconds)
            let result = try await runCompiler(compileArgv, box: box, binds: binds, language: language,
                                               cpuSeconds: cpu, memoryMiB: max(configuration.compileMemoryMiB, memoryMiB))
            record.output = Files.truncated(result.stdout + result.stderr, limit: configuration.compileOutputLimit)
            if let limit = result.limitHit {
                record.success = false
                cacheable = limit == .output
                record.output += "\n[compilation stopped: \(limit.rawValue) limit (\(Int(cpu)) s CPU, \(max(configuration.compileMemoryMiB, memoryMiB)) MiB)]"
            } else if result.exitCode != 0 {
                record.success = false
                if let signal = result.signal { record.output += "\n[compiler killed by signal \(signal)]" }
            }
        }
        guard cacheable else { return .failed(output: record.output) }
        do {
            try Files.write(try JSONEncoder().encode(record), to: staging.appendingPathComponent("result.json"))
            if !record.success { Files.remove(box) }
            try FileManager.default.moveItem(at: staging, to: final)
        } catch {
            // Another judge stored the same key first; use theirs.
            if let result = load(final, language: language) { return result }
            throw JudgeError.io("cannot store compiled program: \(error)")
        }
        return load(final, language: language, cached: false) ?? .failed(output: record.output)
    }

    private func load(_ directory: URL, language: ResolvedLanguage, cached: Bool = true) -> CompileResult? {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent("result.json")),
              let record = try? JSONDecoder().decode(Record.self, from: data) else { return nil }
        guard record.success else { return .failed(output: record.output) }
        let box = directory.appendingPathComponent("box")
        guard Files.exists(box) else { return nil }
        return .compiled(CompiledProgram(language: language, directory: box, run: record.run, output: record.output, cached: cached))
    }

    /// Runs a compiler (or a PCH build) in `box`, writable, with compile limits.
    func runCompiler(_ argv: [String], box: URL, binds: [SandboxBind], language: ResolvedLanguage,
                     cpuSeconds: Double, memoryMiB: Int) async throws -> SandboxResult {
        let limits = SandboxLimits(
            cpuSeconds: cpuSeconds, wallSeconds: cpuSeconds * 2 + 5, memoryBytes: memoryMiB << 20,
            processes: language.spec.compileProcesses ?? 128, outputBytes: 1 << 20, fileSizeBytes: 512 << 20,
            openFiles: 512)
        let request = SandboxRequest(
            argv: argv, workDir: box.path, workDirWritable: true, binds: binds,
            env: RunEnvironment.variables(language.spec), stdin: .null, stdout: .capture, stderr: .capture, limits: limits)
        do { return try await sandbox.slots.withSlot { try await sandbox.run(request) } } catch let error as SandboxError {
            throw JudgeError.sandbox(error.message)
        }
    }
}

/// The environment every sandboxed program gets.
enum RunEnvironment {
    static func variables(_ spec: LanguageSpec?) -> [String: String] {
        var env = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "HOME": "/tmp", "TMPDIR": "/tmp"]
        for (key, value) in spec?.env ?? [:] { env[key] = value }
        return env
    }
}
