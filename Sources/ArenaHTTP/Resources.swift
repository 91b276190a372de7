import Foundation

/// Where templates (`Templates/`) and static files (`Public/`) live: `ARENA_RESOURCES` if set
/// (the container image sets it), else the source checkout this binary was built from, else the
/// working directory.
public enum Resources {
    /// The folder holding `Templates/` and `Public/`.
    public static func root(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let path = environment["ARENA_RESOURCES"], !path.isEmpty { return URL(fileURLWithPath: path) }
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        if FileManager.default.fileExists(atPath: checkout.appendingPathComponent("Templates").path) { return checkout }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }
}
