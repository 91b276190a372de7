import Foundation

/// Finds `arena-sandbox-init` (the C program of Sources/SandboxInit): `$ARENA_SANDBOX_INIT`, else
/// beside the running executable (`arena`, or the test bundle in the same build folder), else
/// the usual install folders.
public enum SandboxInitBinary {
    /// The file name of the init program.
    public static let name = "arena-sandbox-init"

    /// The host path of the init, or `nil` if none is executable.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        var candidates: [String] = []
        if let configured = environment["ARENA_SANDBOX_INIT"], !configured.isEmpty { return access(configured, X_OK) == 0 ? configured : nil }
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent(name).path)
        }
        candidates += ["/usr/local/libexec/arena/" + name, "/usr/libexec/arena/" + name, "/usr/local/bin/" + name, "/usr/bin/" + name]
        return candidates.first { access($0, X_OK) == 0 }
    }
}
