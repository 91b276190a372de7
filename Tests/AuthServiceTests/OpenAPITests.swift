import ArenaApp
import ArenaHTTP
import ArenaTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 9, item 11: `/api/openapi.json` describes exactly the routes there are, in a form a
/// validator or client generator can use; what it says about bodies is what the server enforces.
@Suite struct OpenAPITests {
    /// The document and the router of an all-roles app.
    static func document(_ body: @escaping @Sendable ([String: Any], [(path: String, method: String)]) async throws -> Void) async throws {
        try await TestDatabase.withMigrated { database in
            var config = try ArenaConfig(environment: [:])
            config.database = database.config
            config.dataDirectory = TestKeys.directory
            let frozen = config
            try await database.withClient { db in
                let parts = try await ApplicationBuilder.makeRouter(config: frozen, database: db, logger: TestDatabase.logger)
                let routes = parts.router.routes.map { route in
                    (path: "/" + route.path.description.split(separator: "/")
                        .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/"),
                     method: route.method.rawValue.lowercased())
                }
                let app = Application(router: parts.router, logger: TestDatabase.logger)
                let doc = try await app.test(.router) { client in try await TestSession(client).send(.get, "/api/openapi.json").json }
                try await body(doc, routes)
            }
        }
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() async throws {
        try await Self.document { doc, routes in
            #expect(doc["openapi"] as? String == "3.1.0")
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            let apiRoutes = routes.filter { $0.path.hasPrefix("/api") }
            #expect(apiRoutes.count >= 20)
            for route in apiRoutes {
                #expect(paths[route.path]?[route.method] != nil, "\(route.method) \(route.path) is not in /api/openapi.json")
            }
            for (path, operations) in paths {
                for method in operations.keys {
                    #expect(routes.contains { $0.path == path && $0.method == method }, "the document has \(method) \(path), the router does not")
                }
            }
        }
    }

    /// No `?` in property names, closed objects, a response schema on every answer that has a
    /// body, 401 on every secured operation, path parameters declared, integer ids as integers.
    @Test func theDocumentIsUsableByValidators() async throws {
        try await Self.document { doc, _ in
            let paths = try #require(doc["paths"] as? [String: [String: [String: Any]]])
            var names: [String] = []
            func walk(_ value: Any, _ at: String) {
                if let object = value as? [String: Any] {
                    if let properties = object["properties"] as? [String: Any] {
                        names += properties.keys.map { "\(at): \($0)" }
                        #expect(object["additionalProperties"] as? Bool == false, "\(at) is an open object")
                        let required = object["required"] as? [String] ?? []
                        #expect(Set(required).isSubset(of: properties.keys), "\(at) requires undeclared fields \(required)")
                    }
                    for (key, child) in object { walk(child, at + "/" + key) }
                } else if let list = value as? [Any] {
                    for (index, child) in list.enumerated() { walk(child, "\(at)[\(index)]") }
                }
            }
            walk(doc, "")
            #expect(!names.isEmpty)
            #expect(names.filter { $0.contains("?") }.isEmpty, "property names with ?: \(names.filter { $0.contains("?") })")
            for (path, operations) in paths {
                for (method, operation) in operations {
                    let name = "\(method) \(path)"
                    let responses = try #require(operation["responses"] as? [String: [String: Any]], "\(name) has no responses")
                    if operation["security"] != nil { #expect(responses["401"] != nil, "\(name) is secured but has no 401") }
                    for (status, response) in responses where status != "204" {
                        #expect(response["content"] != nil, "\(name) \(status) has no schema")
                    }
                    let declared = (operation["parameters"] as? [[String: Any]] ?? []).filter { $0["in"] as? String == "path" }
                    let placeholders = path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
                    #expect(Set(declared.compactMap { $0["name"] as? String }) == Set(placeholders), "\(name): path parameters")
                    if path.hasPrefix("/api/v1/submissions/{id}") || path.hasPrefix("/api/v1/users/{id}") || path.hasPrefix("/api/v1/judge/jobs/{id}") {
                        #expect((declared.first?["schema"] as? [String: Any])?["type"] as? String == "integer", "\(name): the id is an integer")
                    }
                }
            }
            let list = try #require(paths["/api/v1/submissions"]?["get"]?["parameters"] as? [[String: Any]])
            #expect(Set(list.compactMap { $0["name"] as? String }).isSuperset(of: ["contest_id", "problem_id", "user", "limit", "before"]))
        }
    }

    /// A field the document does not name is refused, not ignored; a method a known path does
    /// not serve is a 405 naming the ones it does.
    @Test func undeclaredFieldsAndMethodsAreRefused() async throws {
        try await TestApp.run { app in
            let admin = try await adminSession(app)
            let me = try #require(try await admin.send(.get, "/api/v1/me").json["id"] as? Int)
            let typo = try await admin.send(.patch, "/api/v1/users/\(me)", json: #"{"roles?": {}}"#)
            #expect(typo.status == .badRequest)
            #expect((typo.json["error"] as? String ?? "").contains("roles?"))
            #expect(try await admin.send(.patch, "/api/v1/users/\(me)", json: #"{"disabled": "no"}"#).status == .badRequest)
            #expect(try await admin.send(.patch, "/api/v1/users/\(me)", json: #"{"disabled": false}"#).status == .ok)
            let wrongMethod = try await admin.send(.delete, "/api/v1/me")
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(wrongMethod.headers[.allow] == "GET")
            #expect(try await admin.send(.put, "/api/v1/users/\(me)").headers[.allow] == "PATCH")
            // A literal route owns its path: not the GET of /api/v1/submissions/{id}.
            #expect(try await admin.send(.get, "/api/v1/submissions/rejudge").headers[.allow] == "POST")
            #expect(try await admin.send(.get, "/api/v1/no-such-thing").status == .notFound)
        }
    }
}
