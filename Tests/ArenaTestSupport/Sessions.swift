import Foundation

/// A logged-in session (bearer token) of a fresh user named `name` (default: role + a random
/// number) holding `role`.
public func session(_ app: TestApp, role: String, name: String? = nil) async throws -> TestSession {
    let name = name ?? "\(role)\(UInt16.random(in: 0...UInt16.max))"
    let s = TestSession(app.client)
    _ = try await s.send(.post, "/api/v1/auth/register", json: #"{"username":"\#(name)","password":"password123"}"#)
    try await app.db.query("UPDATE auth.users SET roles = \([role]) WHERE username = \(name)", logger: TestDatabase.logger)
    let token = try await s.send(.post, "/api/v1/auth/token", json: #"{"username":"\#(name)","password":"password123"}"#)
    s.bearer = token.json["access_token"] as? String
    return s
}

/// A session of a fresh jury member.
public func jurySession(_ app: TestApp) async throws -> TestSession { try await session(app, role: "jury") }
/// A session of a fresh admin.
public func adminSession(_ app: TestApp) async throws -> TestSession { try await session(app, role: "admin") }
