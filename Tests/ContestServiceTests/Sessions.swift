import ArenaTestSupport
import Foundation
import Testing

/// A session of a fresh user holding `role`.
func session(_ app: TestApp, role: String) async throws -> TestSession {
    let name = "\(role)\(UInt16.random(in: 0...UInt16.max))"
    let s = TestSession(app.client)
    _ = try await s.send(.post, "/api/v1/auth/register", json: #"{"username":"\#(name)","password":"password123"}"#)
    try await app.db.query("UPDATE auth.users SET roles = \([role]) WHERE username = \(name)", logger: TestDatabase.logger)
    let token = try await s.send(.post, "/api/v1/auth/token", json: #"{"username":"\#(name)","password":"password123"}"#)
    s.bearer = token.json["access_token"] as? String
    return s
}

func jurySession(_ app: TestApp) async throws -> TestSession { try await session(app, role: "jury") }
func adminSession(_ app: TestApp) async throws -> TestSession { try await session(app, role: "admin") }
