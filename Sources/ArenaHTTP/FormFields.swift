import Foundation

/// A parsed `application/x-www-form-urlencoded` body. Repeated fields keep every value.
public struct FormFields: Sendable {
    private var values: [String: [String]] = [:]

    /// Parses `text`.
    public init(_ text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[name, default: []].append(value)
        }
    }

    /// The first value of `name`.
    public subscript(name: String) -> String? { values[name]?.first }

    /// Every value of `name`.
    public func all(_ name: String) -> [String] { values[name] ?? [] }

    private static func decode(_ part: Substring) -> String {
        part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
    }
}
