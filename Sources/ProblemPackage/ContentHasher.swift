import Crypto
import Foundation

/// Streaming SHA-256 (swift-crypto) with hex output: package content hashes here, compile-cache
/// keys in the judge. One implementation for both.
public struct ContentHasher: Sendable {
    private var hasher = SHA256()

    /// A fresh hasher.
    public init() {}

    /// Adds raw bytes.
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        hasher.update(data: Array(bytes))
    }

    /// Adds a length-prefixed string, so that concatenations cannot collide.
    public mutating func field(_ text: String) {
        field(Data(text.utf8))
    }

    /// Adds length-prefixed bytes.
    public mutating func field(_ data: Data) {
        update(String(data.count).utf8)
        update([0])
        update(data)
    }

    /// The hex digest of what was added.
    public func hexDigest() -> String {
        hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The hex digest of `text`.
    public static func hex(_ text: String) -> String {
        var hasher = ContentHasher()
        hasher.update(text.utf8)
        return hasher.hexDigest()
    }
}
