import Foundation
import ProblemPackage

/// Builds each language's precompiled header (`bits/stdc++.h`) once per compiler version and flags,
/// in the sandbox, into `<cache>/pch/<hash>/bits/stdc++.h.gch`.
///
/// Compiles then pass `-I /pch` (the directory bound read-only): GCC looks for `<header>.gch` in
/// each include directory before the header itself and uses it when the flags match, so a
/// submission's `#include <bits/stdc++.h>` loads the PCH. With `-Winvalid-pch` an unusable PCH
/// shows up as a warning in the compile output; a failed build means compiling without it.
actor PrecompiledHeaders {
    private var builds: [String: Task<URL?, Never>] = [:]
    /// Why the last build failed, per language id (for diagnostics).
    private(set) var failures: [String: String] = [:]

    /// The directory to bind at /pch, or nil when the language has no PCH or it could not be built.
    func directory(for language: ResolvedLanguage, compiler: Compiler) async -> URL? {
        guard let header = language.spec.precompiledHeader, let program = language.compile?.first else { return nil }
        var hasher = ContentHasher()
        for part in [language.spec.id, language.version, program, header] + language.spec.flags { hasher.field(part) }
        let key = String(hasher.hexDigest().prefix(32))
        if let task = builds[key] { return await task.value }
        let task = Task { await Self.build(key: key, header: header, program: program, language: language, compiler: compiler) }
        builds[key] = task
        let result = await task.value
        if result == nil { failures[language.spec.id] = "precompiled header \(header) could not be built" }
        return result
    }

    private static func build(key: String, header: String, program: String, language: ResolvedLanguage, compiler: Compiler) async -> URL? {
        let root = compiler.configuration.cacheDirectory.appendingPathComponent("pch")
        let final = root.appendingPathComponent(key)
        let target = final.appendingPathComponent(header + ".gch")
        if Files.exists(target) { return final }
        do {
            try Files.makeDirectory(root)
            let staging = try Files.temporaryDirectory(in: root, prefix: ".tmp")
            defer { Files.remove(staging) }
            let box = staging.appendingPathComponent("box")
            try Files.makeDirectory(box)
            try Files.write(Data("#include <\(header)>\n".utf8), to: box.appendingPathComponent("pch.h"))
            let kind = language.spec.id == "c" ? "c-header" : "c++-header"
            let argv = [program] + language.spec.flags + ["-x", kind, "pch.h", "-o", "pch.gch"]
            let result = try await compiler.runCompiler(argv, box: box, binds: language.binds, language: language,
                                                        cpuSeconds: 120, memoryMiB: 2048)
            guard result.succeeded else { return nil }
            let output = staging.appendingPathComponent("out")
            let placed = output.appendingPathComponent(header + ".gch")
            try Files.makeDirectory(placed.deletingLastPathComponent())
            try FileManager.default.moveItem(at: box.appendingPathComponent("pch.gch"), to: placed)
            try? FileManager.default.moveItem(at: output, to: final)
            return Files.exists(target) ? final : nil
        } catch {
            return nil
        }
    }
}
