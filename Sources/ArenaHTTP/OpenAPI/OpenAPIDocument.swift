import Foundation

/// Builds the OpenAPI 3.1 document served at `/api/openapi.json` from the operations the
/// chosen roles declare.
public enum OpenAPIDocument {
    /// The document for `operations`, as JSON bytes.
    public static func json(_ operations: [APIOperation], version: String) -> Data {
        let document = object(operations, version: version)
        return (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted])) ?? Data()
    }

    /// The document as a JSON object.
    public static func object(_ operations: [APIOperation], version: String) -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for op in operations {
            paths[op.path, default: [:]][op.method] = operation(op)
        }
        return [
            "openapi": "3.1.0",
            "info": ["title": "Arena API", "version": version, "description": "Contests, problems, submissions and standings."],
            "servers": [["url": "/"]],
            "components": ["securitySchemes": ["bearer": ["type": "http", "scheme": "bearer", "bearerFormat": "JWT"]]],
            "paths": paths,
        ]
    }

    static func operation(_ op: APIOperation) -> [String: Any] {
        var operation: [String: Any] = [
            "summary": op.summary, "tags": [op.tag],
            "operationId": op.method + op.path.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "{", with: "")
                .replacingOccurrences(of: "}", with: "").replacingOccurrences(of: ".", with: "_"),
            "responses": Dictionary(uniqueKeysWithValues: op.documentedResponses.map { (String($0.key), response($0.value)) }),
        ]
        var parameters: [[String: Any]] = op.pathParameters.map {
            ["name": $0, "in": "path", "required": true, "schema": (op.pathTypes[$0] ?? .string(pattern: "^[A-Za-z0-9_-]+$")).json]
        }
        parameters += op.query.map { ["name": $0.name, "in": "query", "required": false, "schema": $0.schema.json, "description": $0.description] }
        if !parameters.isEmpty { operation["parameters"] = parameters }
        if let auth = op.auth {
            operation["security"] = [["bearer": [String]()]]
            operation["description"] = auth == "user" ? "Needs a logged-in user." : "Needs the \(auth) role."
        }
        if let body = op.body {
            operation["requestBody"] = ["required": !op.bodyOptional, "content": ["application/json": ["schema": body.json]]]
        }
        return operation
    }

    static func response(_ response: APIResponse) -> [String: Any] {
        var out: [String: Any] = ["description": response.description]
        if let schema = response.schema { out["content"] = [response.contentType: ["schema": schema.json]] }
        if !response.headers.isEmpty {
            out["headers"] = response.headers.mapValues { ["description": $0, "schema": ["type": "string"]] }
        }
        return out
    }
}
