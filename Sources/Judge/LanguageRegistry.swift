import ArenaCore
import Foundation
import Sandbox

/// A language whose programs were found on this machine, ready to compile and run.
public struct ResolvedLanguage: Sendable {
    /// The configuration entry.
    public let spec: LanguageSpec
    /// The first line the version command printed (part of every cache key).
    public let version: String
    /// The toolchain directory bound read-only at the same path, if the language has one.
    public let toolchain: String?
    /// Compile argv with `{toolchain}` filled in and the program made absolute.
    let compile: [String]?
    /// Run argv with `{toolchain}` filled in (relative programs stay relative to /box).
    let run: [String]

    /// Extra read-only binds every compile and run of this language needs.
    var binds: [SandboxBind] { toolchain.map { [SandboxBind(host: $0, inside: $0)] } ?? [] }
}

/// Whether a language can be used here.
public enum LanguageAvailability: Sendable {
    /// Installed and usable.
    case available(ResolvedLanguage)
    /// Not installed (or misconfigured): the reason.
    case unavailable(String)

    /// The resolved language, if available.
    public var language: ResolvedLanguage? {
        if case .available(let language) = self { return language }
        return nil
    }
}

/// Finds each configured language's programs and version once per process.
public actor LanguageRegistry {
    /// The configured languages.
    public nonisolated let table: LanguageTable
    private let sandboxPath: String
    private let visibleRoots: [String]
    private let mirrors: ToolchainMirrors?
    private var cache: [String: Task<LanguageAvailability, Never>] = [:]

    /// Creates a registry for `table`; programs are looked up as the sandbox `configuration` sees them.
    /// A toolchain the sandbox user cannot reach (rustup's, under a private home) is mirrored as
    /// hard links into `mirrorDirectory` when given, else reported unavailable.
    public init(table: LanguageTable, sandbox configuration: SandboxConfiguration, mirrorDirectory: URL? = nil) {
        self.table = table
        sandboxPath = configuration.defaultPath
        visibleRoots = configuration.systemPaths
        if case .dropTo(let uid, _) = configuration.identity {
            mirrors = ToolchainMirrors(directory: mirrorDirectory, sandboxUID: uid)
        } else {
            mirrors = nil
        }
    }

    /// The availability of language `id` (computed once).
    public func resolve(_ id: String) async -> LanguageAvailability {
        if let task = cache[id] { return await task.value }
        guard let spec = table.language(id) else { return .unavailable("language `\(id)` is not configured") }
        let (path, roots, mirrors) = (sandboxPath, visibleRoots, mirrors)
        let task = Task { await Self.probe(spec, sandboxPath: path, visibleRoots: roots, mirrors: mirrors) }
        cache[id] = task
        return await task.value
    }

    /// Every configured language with its availability, in table order.
    public func all() async -> [(spec: LanguageSpec, availability: LanguageAvailability)] {
        var result: [(LanguageSpec, LanguageAvailability)] = []
        for spec in table.languages { result.append((spec, await resolve(spec.id))) }
        return result
    }

    private static func probe(_ spec: LanguageSpec, sandboxPath: String, visibleRoots: [String],
                              mirrors: ToolchainMirrors?) async -> LanguageAvailability {
        var toolchain: String?
        if let command = spec.toolchain, let name = command.first {
            guard let program = name.hasPrefix("/") ? name : HostCommand.find(name, in: HostCommand.hostPath) else {
                return .unavailable("`\(name)` not found")
            }
            let env = ProcessInfo.processInfo.environment.merging(["PATH": HostCommand.hostPath]) { $1 }
            let output = await HostProcess.run([program] + command.dropFirst(), environment: env, timeout: 30)
            guard output.status == 0,
                  let line = output.text.split(separator: "\n").first.map({ $0.trimmingCharacters(in: .whitespaces) }),
                  line.hasPrefix("/"), FileManager.default.fileExists(atPath: line)
            else { return .unavailable("`\(command.joined(separator: " "))` did not print a toolchain directory") }
            toolchain = line
            if let mirrors, !mirrors.isReachable(line) {
                guard let mirror = await mirrors.mirror(line) else {
                    return .unavailable("toolchain \(line) is not readable by the sandbox user and could not be mirrored")
                }
                toolchain = mirror
            }
        }
        let roots = visibleRoots + (toolchain.map { [$0] } ?? [])
        func fill(_ argv: [String]) -> [String] {
            guard let toolchain else { return argv }
            return argv.map { $0.replacingOccurrences(of: "{toolchain}", with: toolchain) }
        }
        func locate(_ argv: [String]) throws(Unavailable) -> [String] {
            guard let name = argv.first else { throw Unavailable(reason: "empty command") }
            if name.hasPrefix("./") || name.hasPrefix("{") { return argv }
            let found = name.hasPrefix("/") ? (FileManager.default.isExecutableFile(atPath: name) ? name : nil)
                : HostCommand.find(name, in: sandboxPath)
            guard let found else { throw Unavailable(reason: "`\(name)` not found") }
            guard roots.contains(where: { found == $0 || found.hasPrefix($0 + "/") }) else {
                throw Unavailable(reason: "`\(found)` is not visible inside the sandbox")
            }
            return [found] + argv.dropFirst()
        }
        let compile: [String]?, run: [String], versionArgv: [String]
        do {
            compile = try spec.compile.map { try locate(fill($0)) }
            run = try locate(fill(spec.run))
            versionArgv = try locate(fill(spec.version))
        } catch let error as Unavailable {
            return .unavailable(error.reason)
        } catch {
            return .unavailable("\(error)")
        }
        let output = await HostProcess.run(versionArgv, timeout: 30)
        guard output.status == 0,
              let line = output.text.split(separator: "\n").first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
        else { return .unavailable("`\(spec.version.joined(separator: " "))` failed") }
        return .available(ResolvedLanguage(spec: spec, version: String(line), toolchain: toolchain, compile: compile, run: run))
    }
}

/// Why a language's program cannot be used.
private struct Unavailable: Error {
    var reason: String
}
