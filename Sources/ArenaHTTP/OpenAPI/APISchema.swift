import ArenaCore
import Foundation

/// A JSON Schema for the OpenAPI document, and the check of a request body against it. Objects
/// are closed (`additionalProperties: false`): a field the schema does not name is refused, so
/// `{"roles?": {}}` is an error, not a silently ignored typo.
public indirect enum APISchema: Sendable {
    /// A string, optionally with a format (`date-time`), a pattern, a length limit or allowed values.
    case string(format: String? = nil, pattern: String? = nil, maxLength: Int? = nil, values: [String]? = nil)
    /// A whole number, optionally bounded.
    case integer(minimum: Int? = nil, maximum: Int? = nil)
    /// Any number.
    case number
    /// true or false.
    case boolean
    /// A list of items.
    case array(APISchema)
    /// An object with these properties; the `required` ones must be present.
    case object([String: APISchema], required: [String])
    /// An object whose keys are free and whose values follow the schema.
    case map(APISchema)
    /// The schema, or null.
    case nullable(APISchema)
    /// Any JSON object (checked by the code that reads it).
    case anyObject

    /// A string.
    public static let text = APISchema.string()
    /// A date and time (ISO 8601, UTC).
    public static let dateTime = APISchema.string(format: "date-time")
    /// `{"error": "…"}`, every error's body.
    public static let error = APISchema.object(["error": .text], required: ["error"])

    /// An object whose `required` properties must be present and whose `optional` ones may be.
    public static func object(required: [String: APISchema], optional: [String: APISchema] = [:]) -> APISchema {
        .object(required.merging(optional) { a, _ in a }, required: required.keys.sorted())
    }

    /// The schema as a JSON value for the document.
    public var json: [String: Any] {
        switch self {
        case let .string(format, pattern, maxLength, values):
            var out: [String: Any] = ["type": "string"]
            if let format { out["format"] = format }
            if let pattern { out["pattern"] = pattern }
            if let maxLength { out["maxLength"] = maxLength }
            if let values { out["enum"] = values }
            return out
        case let .integer(minimum, maximum):
            var out: [String: Any] = ["type": "integer"]
            if let minimum { out["minimum"] = minimum }
            if let maximum { out["maximum"] = maximum }
            return out
        case .number: return ["type": "number"]
        case .boolean: return ["type": "boolean"]
        case .array(let items): return ["type": "array", "items": items.json]
        case let .object(properties, required):
            return ["type": "object", "properties": properties.mapValues(\.json), "required": required.sorted(), "additionalProperties": false]
        case .map(let values): return ["type": "object", "additionalProperties": values.json]
        case .nullable(let inner):
            var out = inner.json
            if let type = out["type"] as? String { out["type"] = [type, "null"] }
            if var values = out["enum"] as? [Any] { values.append(NSNull()); out["enum"] = values }
            return out
        case .anyObject: return ["type": "object"]
        }
    }

    /// The first way `value` breaks the schema, naming the field at `path`; nil when it fits.
    public func violation(of value: JSONValue, at path: String = "") -> String? {
        let name = path.isEmpty ? "the body" : "field \"\(path)\""
        func child(_ key: String) -> String { path.isEmpty ? key : path + "." + key }
        switch (self, value) {
        case let (.nullable(inner), value):
            if case .null = value { return nil }
            return inner.violation(of: value, at: path)
        case let (.string(_, pattern, maxLength, values), .string(text)):
            if let maxLength, text.count > maxLength { return "\(name) is longer than \(maxLength) characters" }
            if let values, !values.contains(text) { return "\(name) must be one of \(values.joined(separator: ", "))" }
            if let pattern, text.range(of: pattern, options: .regularExpression) == nil { return "\(name) has the wrong form" }
            return nil
        case (.string, _): return "\(name) must be a string"
        case let (.integer(minimum, maximum), .number(number)):
            guard number == number.rounded(), abs(number) < 9.0e15 else { return "\(name) must be a whole number" }
            if let minimum, number < Double(minimum) { return "\(name) must be at least \(minimum)" }
            if let maximum, number > Double(maximum) { return "\(name) must be at most \(maximum)" }
            return nil
        case (.integer, _): return "\(name) must be a whole number"
        case (.number, .number): return nil
        case (.number, _): return "\(name) must be a number"
        case (.boolean, .bool): return nil
        case (.boolean, _): return "\(name) must be true or false"
        case let (.array(items), .array(list)):
            for (index, item) in list.enumerated() {
                if let problem = items.violation(of: item, at: "\(path)[\(index)]") { return problem }
            }
            return nil
        case (.array, _): return "\(name) must be a list"
        case let (.object(properties, required), .object(object)):
            for key in object.keys.sorted() where properties[key] == nil { return "unknown field \"\(child(key))\"" }
            for key in required.sorted() {
                guard let item = object[key] else { return "missing field \"\(child(key))\"" }
                if case .null = item { return "missing field \"\(child(key))\"" }
            }
            for (key, item) in object.sorted(by: { $0.key < $1.key }) {
                if let schema = properties[key], let problem = schema.violation(of: item, at: child(key)) { return problem }
            }
            return nil
        case let (.map(values), .object(object)):
            for (key, item) in object.sorted(by: { $0.key < $1.key }) {
                if let problem = values.violation(of: item, at: child(key)) { return problem }
            }
            return nil
        case (.anyObject, .object): return nil
        case (.object, _), (.map, _), (.anyObject, _): return "\(name) must be a JSON object"
        }
    }
}

/// A parsed JSON value (booleans and numbers kept apart), for checking bodies against schemas.
public enum JSONValue: Decodable, Sendable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The first string (key or value) holding NUL, named as "field \"a.b\"", or nil.
    public func fieldHoldingNUL(at path: String = "") -> String? {
        let name = path.isEmpty ? "the body" : "field \"\(path)\""
        switch self {
        case .string(let text): return text.contains("\u{0}") ? name : nil
        case .array(let items):
            for (index, item) in items.enumerated() { if let found = item.fieldHoldingNUL(at: "\(path)[\(index)]") { return found } }
            return nil
        case .object(let members):
            for (key, item) in members.sorted(by: { $0.key < $1.key }) {
                let child = path.isEmpty ? key : path + "." + key
                if key.contains("\u{0}") { return "field \"\(child)\"" }
                if let found = item.fieldHoldingNUL(at: child) { return found }
            }
            return nil
        case .null, .bool, .number: return nil
        }
    }

    /// Decodes any JSON value.
    public init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: Key.self) {
            var members: [String: JSONValue] = [:]
            for key in object.allKeys { members[key.stringValue] = try object.decode(JSONValue.self, forKey: key) }
            self = .object(members)
        } else if var list = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !list.isAtEnd { items.append(try list.decode(JSONValue.self)) }
            self = .array(items)
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() { self = .null }
            else if let value = try? single.decode(Bool.self) { self = .bool(value) }
            else if let value = try? single.decode(Double.self) { self = .number(value) }
            else { self = .string(try single.decode(String.self)) }
        }
    }
}

/// Schemas several services' documents share.
public enum APISchemas {
    /// A role name.
    public static let role = APISchema.string(values: Role.allCases.map(\.rawValue))
    /// A verdict id.
    public static let verdict = APISchema.string(values: Verdict.allCases.map(\.rawValue))
    /// A user as `/api/v1/users` lists it.
    public static let user = APISchema.object(required: [
        "id": .integer(), "username": .text, "display_name": .text, "roles": .array(role), "is_team": .boolean, "disabled": .boolean,
    ])
    /// One judged test case.
    public static let testRun = APISchema.object(
        required: ["name": .text, "verdict": verdict, "time_ms": .integer(), "memory_kb": .integer(), "is_sample": .boolean],
        optional: ["score": .number, "message": .text])
}
