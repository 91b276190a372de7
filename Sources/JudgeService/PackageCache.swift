import ArenaCore
import Foundation

/// Problem packages a worker has fetched, extracted under `<root>/<content hash>/`. Versions are
/// immutable, so a hash once extracted is used as it is; extraction goes to a temporary folder
/// renamed into place, so a crash never leaves half a package.
public actor PackageCache {
    let root: URL
    let server: any JudgeServer

    /// Creates a cache in `root`.
    public init(root: URL, server: any JudgeServer) {
        self.root = root
        self.server = server
    }

    /// The extracted package for `hash`, fetching it when missing.
    public func package(hash: String) async throws -> URL {
        guard hash.allSatisfy({ $0.isHexDigit }) else { throw CacheError("bad package hash \(hash)") }
        let target = root.appendingPathComponent(hash)
        if FileManager.default.fileExists(atPath: target.appendingPathComponent("problem.yaml").path) { return target }
        let archive = try await server.package(hash: hash)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let temp = root.appendingPathComponent(".tmp-\(hash)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
        let file = temp.appendingPathComponent("package.tar.gz")
        try Data(archive).write(to: file)
        let extracted = temp.appendingPathComponent("p")
        try FileManager.default.createDirectory(at: extracted, withIntermediateDirectories: true)
        let tar = await HostProcess.run(["/bin/tar", "-xzf", file.path, "-C", extracted.path, "--no-same-owner"])
        guard tar.status == 0 else { throw CacheError("could not extract package \(hash)") }
        if rename(extracted.path, target.path) != 0 && !FileManager.default.fileExists(atPath: target.path) {
            throw CacheError("could not place package \(hash): errno \(errno)")
        }
        try? FileManager.default.removeItem(at: temp)
        return target
    }
}

/// A cache failure.
public struct CacheError: Error, CustomStringConvertible {
    /// What went wrong.
    public let description: String
    init(_ description: String) { self.description = description }
}
