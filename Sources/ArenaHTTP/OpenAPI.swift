import Foundation

/// One documented `/api` operation.
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
    /// Request body fields: name → JSON type (`string`, `integer`, …); nil for no body.
    public let body: [String: String]?
    /// Documented responses: status → description.
    public let responses: [Int: String]

    /// Creates an operation.
    public init(_ method: String, _ path: String, _ summary: String, tag: String, auth: String? = nil,
                body: [String: String]? = nil, responses: [Int: String] = [200: "OK"]) {
        self.method = method
        self.path = path
        self.summary = summary
        self.tag = tag
        self.auth = auth
        self.body = body
        self.responses = responses
    }
}

/// Builds the OpenAPI 3.1 document served at `/api/openapi.json`.
public enum OpenAPIDocument {
    /// The document for `operations`, as JSON bytes.
    public static func json(_ operations: [APIOperation], version: String) -> Data {
        var paths: [String: [String: Any]] = [:]
        for op in operations {
            var operation: [String: Any] = [
                "summary": op.summary, "tags": [op.tag],
                "operationId": op.method + op.path.replacingOccurrences(of: "/", with: "_"),
                "responses": Dictionary(uniqueKeysWithValues: op.responses.map { (String($0.key), ["description": $0.value]) }),
            ]
            let params = op.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
            if !params.isEmpty {
                operation["parameters"] = params.map { ["name": $0, "in": "path", "required": true, "schema": ["type": "string"]] }
            }
            if let auth = op.auth {
                operation["security"] = [["bearer": [String]()]]
                operation["description"] = auth == "user" ? "Needs a logged-in user." : "Needs the \(auth) role."
            }
            if let body = op.body {
                let properties = body.mapValues { ["type": $0] }
                operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": [
                    "type": "object", "properties": properties, "required": body.keys.sorted().filter { !$0.hasSuffix("?") },
                ]]]]
            }
            paths[op.path, default: [:]][op.method] = operation
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": "Arena API", "version": version, "description": "Contests, problems, submissions and standings."],
            "servers": [["url": "/"]],
            "components": ["securitySchemes": ["bearer": ["type": "http", "scheme": "bearer", "bearerFormat": "JWT"]]],
            "paths": paths,
        ]
        return (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted])) ?? Data()
    }
}
