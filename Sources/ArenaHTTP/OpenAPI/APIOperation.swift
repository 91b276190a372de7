import ArenaCore
import Foundation
import Hummingbird

/// One documented response of an operation.
public struct APIResponse: Sendable {
    /// What it means.
    public let description: String
    /// The body's schema; nil for none (204).
    public let schema: APISchema?
    /// The body's media type.
    public let contentType: String
    /// Headers it carries: name → meaning.
    public let headers: [String: String]

    /// Creates a response.
    public init(_ description: String, _ schema: APISchema? = nil, contentType: String = "application/json", headers: [String: String] = [:]) {
        self.description = description
        self.schema = schema
        self.contentType = contentType
        self.headers = headers
    }
}

/// A query parameter.
public struct APIParameter: Sendable {
    /// Its name.
    public let name: String
    /// Its type.
    public let schema: APISchema
    /// What it does.
    public let description: String

    /// Creates a parameter.
    public init(_ name: String, _ schema: APISchema, _ description: String) {
        self.name = name
        self.schema = schema
        self.description = description
    }
}

/// One documented `/api` operation. The route that serves it decodes its body through
/// `decode(_:from:context:)`, so the body schema in the document is the one enforced.
public struct APIOperation: Sendable {
    /// HTTP method, lower case (`get`, `post`).
    public let method: String
    /// OpenAPI path with `{param}` placeholders.
    public let path: String
    /// One-line summary.
    public let summary: String
    /// The owning service (OpenAPI tag).
    public let tag: String
    /// The auth it needs: nil for none, else a role name or `user`.
    public let auth: String?
    /// Path parameters that are not strings (`["id": .integer()]`).
    public let pathTypes: [String: APISchema]
    /// Query parameters.
    public let query: [APIParameter]
    /// The JSON body's schema; nil for no body.
    public let body: APISchema?
    /// Whether the body may be left out.
    public let bodyOptional: Bool
    /// Declared responses by status.
    public let responses: [Int: APIResponse]

    /// Creates an operation.
    public init(_ method: String, _ path: String, _ summary: String, tag: String, auth: String? = nil, pathTypes: [String: APISchema] = [:],
                query: [APIParameter] = [], body: APISchema? = nil, bodyOptional: Bool = false, responses: [Int: APIResponse]) {
        self.method = method
        self.path = path
        self.summary = summary
        self.tag = tag
        self.auth = auth
        self.pathTypes = pathTypes
        self.query = query
        self.body = body
        self.bodyOptional = bodyOptional
        self.responses = responses
    }

    /// The path parameter names, in order.
    public var pathParameters: [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
    }

    /// The responses the document lists: the declared ones, plus 400 where the operation takes
    /// any input, 413 where it takes a body, 401 and 403 where it needs a token or a role, each
    /// with the `{"error": …}` body.
    public var documentedResponses: [Int: APIResponse] {
        var out = responses
        func add(_ status: Int, _ description: String) {
            if out[status] == nil { out[status] = APIResponse(description, .error) }
        }
        if body != nil || !query.isEmpty || !pathTypes.isEmpty { add(400, "The request is not valid (the message says why)") }
        if body != nil {
            add(413, "The body is larger than 1 MiB")
            add(422, "A field's value breaks a rule (the message says which)")
        }
        if let auth {
            add(401, "No valid access token")
            if auth != "user" { add(403, "The token lacks the \(auth) role") }
        }
        return out
    }

    /// The body decoded as `T`, after checking it against `body` (unknown fields, missing ones and
    /// wrong types are a 400 naming the field). An absent optional body gives nil.
    public func decode<T: Decodable>(_ type: T.Type, from request: Request, context: ArenaRequestContext) async throws -> T? {
        var request = request
        let data = Data(buffer: try await request.collectBody(upTo: context.maxUploadSize))
        if data.isEmpty, bodyOptional { return nil }
        if let body {
            let value: JSONValue
            do { value = try JSONDecoder().decode(JSONValue.self, from: data) } catch {
                throw UserError.badRequest("The request body is not valid JSON.")
            }
            if let problem = body.violation(of: value) { throw UserError.badRequest("The request body is not valid: \(problem).") }
            if let field = value.fieldHoldingNUL() { throw UserError.invalid("\(field) holds a NUL character, which no text here may.") }
        }
        return try context.requestDecoder.decode(T.self, from: data)
    }

    /// The body decoded as `T` (required), checked as `decode` does.
    public func decodeRequired<T: Decodable>(_ type: T.Type, from request: Request, context: ArenaRequestContext) async throws -> T {
        guard let value = try await decode(type, from: request, context: context) else { throw UserError.badRequest("The request needs a JSON body.") }
        return value
    }
}
