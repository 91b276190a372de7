import Foundation
import Yams

/// A YAML mapping being read: typed accessors that record wrong types and unknown keys, with lines.
struct YAMLMap {
    /// The file, relative to the package.
    let file: String
    /// The dotted path of this mapping inside the file (`""` at the top, `limits.` below).
    let prefix: String
    /// Keys in file order with their values.
    let pairs: [(key: String, value: Node)]

    /// Reads `url` as a YAML mapping. Nil when the file is missing or broken (the latter is recorded);
    /// an empty file is an empty mapping.
    static func load(_ url: URL, diagnostics: inout Diagnostics) -> YAMLMap? {
        let file = diagnostics.relative(url)
        guard PackagePaths.isFile(url) else { return nil }
        guard let text = PackagePaths.text(url) else {
            diagnostics.error(file, "is not UTF-8 text")
            return nil
        }
        do {
            guard let node = try Yams.compose(yaml: text) else { return YAMLMap(file: file, prefix: "", pairs: []) }
            if node.null != nil { return YAMLMap(file: file, prefix: "", pairs: []) }
            guard let map = YAMLMap(node, file: file, prefix: "") else {
                diagnostics.error(file, "must be a YAML mapping of keys to values", line: line(node))
                return nil
            }
            return map
        } catch let error as YamlError {
            let (message, line) = describe(error)
            diagnostics.error(file, "broken YAML: \(message)", line: line)
        } catch {
            diagnostics.error(file, "broken YAML: \(error)")
        }
        return nil
    }

    /// Wraps a mapping node; nil when `node` is not a mapping.
    init?(_ node: Node, file: String, prefix: String) {
        guard let mapping = node.mapping else { return nil }
        self.init(file: file, prefix: prefix, pairs: mapping.map { (key: $0.key.string ?? "\($0.key)", value: $0.value) })
    }

    private init(file: String, prefix: String, pairs: [(key: String, value: Node)]) {
        self.file = file
        self.prefix = prefix
        self.pairs = pairs
    }

    /// The 1-based line of a node, if known.
    static func line(_ node: Node) -> Int? { node.mark?.line }

    /// The problem text and line of a Yams error.
    private static func describe(_ error: YamlError) -> (String, Int?) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return ([context?.text, problem].compactMap { $0 }.joined(separator: ", "), mark.line)
        case let .duplicatedKeysInMapping(duplicates, context):
            return ("duplicated keys \(duplicates.joined(separator: ", "))", context.mark.line)
        default:
            return ("\(error)".trimmingCharacters(in: .whitespacesAndNewlines), nil)
        }
    }

    /// The value of `key`, nil when absent or null.
    subscript(key: String) -> Node? {
        guard let node = pairs.first(where: { $0.key == key })?.value, node.null == nil else { return nil }
        return node
    }

    /// Records every key not in `allowed` as a warning: the authors' tools (DOMjudge, older
    /// problemtools) ignore keys they do not know, and so does Arena.
    func warnUnknownKeys(_ allowed: Set<String>, _ diagnostics: inout Diagnostics) {
        for (key, value) in pairs where !allowed.contains(key) {
            diagnostics.warning(file, "unknown key `\(prefix)\(key)` ignored (known: \(allowed.sorted().joined(separator: ", ")))",
                                line: Self.line(value))
        }
    }

    /// Records that `key` has the wrong type.
    func wrongType(_ key: String, _ expected: String, _ diagnostics: inout Diagnostics) {
        let node = self[key]
        let shown = node?.scalar.map { "\"\($0.string)\"" } ?? (node?.mapping != nil ? "a mapping" : "a list")
        diagnostics.error(file, "`\(prefix)\(key)` must be \(expected), not \(shown)", line: node.flatMap(Self.line))
    }

    /// A scalar as text.
    func string(_ key: String, _ diagnostics: inout Diagnostics) -> String? {
        guard let node = self[key] else { return nil }
        guard let scalar = node.scalar else { wrongType(key, "a string", &diagnostics); return nil }
        return scalar.string
    }

    /// A number.
    func double(_ key: String, _ diagnostics: inout Diagnostics, positive: Bool = true) -> Double? {
        guard let node = self[key] else { return nil }
        guard let value = node.float, value.isFinite, !positive || value > 0 else {
            wrongType(key, positive ? "a positive number" : "a number", &diagnostics)
            return nil
        }
        return value
    }

    /// A whole number.
    func int(_ key: String, _ diagnostics: inout Diagnostics, positive: Bool = true) -> Int? {
        guard let node = self[key] else { return nil }
        guard let value = node.int, !positive || value > 0 else {
            wrongType(key, positive ? "a positive whole number" : "a whole number", &diagnostics)
            return nil
        }
        return value
    }

    /// A boolean.
    func bool(_ key: String, _ diagnostics: inout Diagnostics) -> Bool? {
        guard let node = self[key] else { return nil }
        guard let value = node.bool else { wrongType(key, "true or false", &diagnostics); return nil }
        return value
    }

    /// A nested mapping.
    func map(_ key: String, _ diagnostics: inout Diagnostics) -> YAMLMap? {
        guard let node = self[key] else { return nil }
        guard let map = YAMLMap(node, file: file, prefix: "\(prefix)\(key).") else {
            wrongType(key, "a mapping", &diagnostics)
            return nil
        }
        return map
    }

    /// A list of scalars, or one scalar split on whitespace when `splitting` (legacy space-separated lists).
    func strings(_ key: String, _ diagnostics: inout Diagnostics, splitting: Bool = true) -> [String]? {
        guard let node = self[key] else { return nil }
        if let scalar = node.scalar, splitting { return scalar.string.split(whereSeparator: \.isWhitespace).map(String.init) }
        if let scalar = node.scalar { return [scalar.string] }
        guard let sequence = node.sequence, sequence.allSatisfy({ $0.scalar != nil }) else {
            wrongType(key, "a list of strings", &diagnostics)
            return nil
        }
        return sequence.compactMap { $0.scalar?.string }
    }
}
