import Foundation

/// Why the judge (not the submission) could not do its job. Each becomes a JE verdict with this
/// message, or a verify row marked as an error.
public enum JudgeError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The languages file could not be read or is invalid.
    case languageConfig(String)
    /// The language id is not configured.
    case unknownLanguage(String)
    /// The language is configured but its toolchain is not installed here.
    case languageUnavailable(String, reason: String)
    /// Default validator flags are invalid.
    case validatorFlags(String)
    /// An output validator failed to compile, crashed or exited with a code other than 42/43.
    case validator(String)
    /// The problem uses a feature this judge does not implement.
    case unsupported(String)
    /// A file operation in the judge's own directories failed.
    case io(String)
    /// The sandbox refused or failed.
    case sandbox(String)

    /// A message for logs and judge messages.
    public var description: String {
        switch self {
        case .languageConfig(let message): "languages file: \(message)"
        case .unknownLanguage(let id): "unknown language `\(id)`"
        case .languageUnavailable(let id, let reason): "language `\(id)` is not available: \(reason)"
        case .validatorFlags(let message): "output validator flags: \(message)"
        case .validator(let message): "output validator: \(message)"
        case .unsupported(let message): "not supported: \(message)"
        case .io(let message): "judge I/O: \(message)"
        case .sandbox(let message): "sandbox: \(message)"
        }
    }
}

/// Small file helpers used across the judge.
enum Files {
    static let manager = FileManager.default

    static func makeDirectory(_ url: URL) throws {
        do { try manager.createDirectory(at: url, withIntermediateDirectories: true) } catch {
            throw JudgeError.io("cannot create \(url.path): \(error.localizedDescription)")
        }
    }

    static func write(_ data: Data, to url: URL) throws {
        do { try data.write(to: url) } catch { throw JudgeError.io("cannot write \(url.path): \(error.localizedDescription)") }
    }

    static func remove(_ url: URL) { try? manager.removeItem(at: url) }

    static func exists(_ url: URL) -> Bool { manager.fileExists(atPath: url.path) }

    /// At most `limit` bytes of a file as text (invalid UTF-8 replaced), or nil if absent.
    static func text(_ url: URL, limit: Int) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: limit + 1) else { return "" }
        return truncated(data, limit: limit)
    }

    /// Bytes as text, cut to `limit` bytes with a note.
    static func truncated<Bytes: Collection>(_ bytes: Bytes, limit: Int) -> String where Bytes.Element == UInt8 {
        if bytes.count <= limit { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: bytes.prefix(limit), as: UTF8.self) + "\n[… truncated to \(limit) bytes]"
    }

    /// A fresh unique directory under `parent`.
    static func temporaryDirectory(in parent: URL, prefix: String) throws -> URL {
        let url = parent.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(12).lowercased())")
        try makeDirectory(url)
        return url
    }

    /// Copies the contents of `source` into the existing directory `destination`.
    static func copyContents(of source: URL, into destination: URL) throws {
        let entries = (try? manager.contentsOfDirectory(atPath: source.path)) ?? []
        for entry in entries {
            do {
                try manager.copyItem(at: source.appendingPathComponent(entry), to: destination.appendingPathComponent(entry))
            } catch {
                throw JudgeError.io("cannot copy \(entry) from \(source.path): \(error.localizedDescription)")
            }
        }
    }
}
