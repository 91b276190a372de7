import ArenaTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct RoleMatrixTests {
    /// Who may reach what: every cell is checked for every role.
    @Test func eachRoleReachesWhatItMayAndNothingElse() async throws {
        try await TestApp.run { app in
            let contestant = try await registeredSession(app, "conny")
            let jury = try await registeredSession(app, "judith")
            let admin = try await registeredSession(app, "adele")
            try await grant(app, "judith", ["jury"])
            try await grant(app, "adele", ["admin"])
            try await relogin(jury, "judith")
            try await relogin(admin, "adele")
            let anonymous = TestSession(app.client)
            let sessions: [(String, TestSession)] = [("anonymous", anonymous), ("contestant", contestant), ("jury", jury), ("admin", admin)]
            // endpoint → expected status for anonymous, contestant, jury, admin
            let matrix: [(HTTPRequest.Method, String, String?, [HTTPResponse.Status])] = [
                (.get, "/api/v1/me", nil, [.unauthorized, .ok, .ok, .ok]),
                (.get, "/api/v1/users", nil, [.unauthorized, .forbidden, .forbidden, .ok]),
                (.patch, "/api/v1/users/1", #"{"disabled":false}"#, [.unauthorized, .forbidden, .forbidden, .ok]),
                (.get, "/admin/users", nil, [.unauthorized, .forbidden, .forbidden, .ok]),
                (.get, "/healthz", nil, [.ok, .ok, .ok, .ok]),
                (.get, "/login", nil, [.ok, .ok, .ok, .ok]),
            ]
            for (method, path, body, expected) in matrix {
                for ((role, session), status) in zip(sessions, expected) {
                    let response = try await session.send(method, path, json: body)
                    #expect(response.status == status, "\(role) \(method) \(path): \(response.status) \(response.text.prefix(120))")
                }
            }
        }
    }

    @Test func adminChangesRolesAndDisablesAccounts() async throws {
        try await TestApp.run { app in
            let victim = try await registeredSession(app, "vic")
            let admin = try await registeredSession(app, "boss")
            try await grant(app, "boss", ["admin"])
            try await relogin(admin, "boss")
            let users = try await admin.send(.get, "/api/v1/users").jsonArray
            let vicId = try #require(users.first { $0["username"] as? String == "vic" }?["id"] as? Int)
            let page = try await admin.send(.get, "/admin/users")
            #expect(page.text.contains("vic"))
            let made = try await admin.send(.patch, "/api/v1/users/\(vicId)", json: #"{"roles":["jury","contestant"]}"#)
            #expect(made.json["roles"] as? [String] == ["contestant", "jury"])
            #expect(try await admin.send(.patch, "/api/v1/users/\(vicId)", json: #"{"disabled":true}"#).status == .ok)
            let login = try await victim.send(.post, "/api/v1/auth/token", json: #"{"username":"vic","password":"password123"}"#)
            #expect(login.status == .forbidden)
            #expect((login.json["error"] as? String ?? "").contains("disabled"))
            #expect(try await admin.send(.patch, "/api/v1/users/99999", json: #"{"disabled":true}"#).status == .notFound)
            #expect(try await admin.send(.patch, "/api/v1/users/\(vicId)", json: #"{"roles":["pope"]}"#).status == .badRequest)
        }
    }
}
