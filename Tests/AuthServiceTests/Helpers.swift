import ArenaTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// Registers `name` over the API and returns a session holding its bearer token.
func registeredSession(_ app: TestApp, _ name: String, password: String = "password123") async throws -> TestSession {
    let session = TestSession(app.client)
    let created = try await session.send(.post, "/api/v1/auth/register", json: #"{"username":"\#(name)","password":"\#(password)"}"#)
    #expect(created.status == .created, "register \(name): \(created.text)")
    let token = try await session.send(.post, "/api/v1/auth/token", json: #"{"username":"\#(name)","password":"\#(password)"}"#)
    #expect(token.status == .ok, "login \(name): \(token.text)")
    session.bearer = token.json["access_token"] as? String
    return session
}

/// Sets `roles` of `username` straight in the database (as an admin would).
func grant(_ app: TestApp, _ username: String, _ roles: [String]) async throws {
    try await app.db.query("UPDATE auth.users SET roles = \(roles) WHERE username = \(username)", logger: TestDatabase.logger)
}

/// Logs `name` in again and returns a fresh token (after a role change).
func relogin(_ session: TestSession, _ name: String, password: String = "password123") async throws {
    session.bearer = nil
    let token = try await session.send(.post, "/api/v1/auth/token", json: #"{"username":"\#(name)","password":"\#(password)"}"#)
    session.bearer = token.json["access_token"] as? String
}
