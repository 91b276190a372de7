import ArenaApp
import ArenaHTTP
import ArenaTestSupport
import AuthService
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct PlumbingTests {
    /// An all-roles app that is stopped right after it started (its LISTEN connection, scoring
    /// consumer and standings feed just begun) stops every time: 24 of them, 4 at a time. A
    /// full test run once hung on exactly this (ARENA_STRESS=N runs N per lane instead of 6).
    @Test func allRolesStartAndStopRepeatedly() async throws {
        let rounds = ProcessInfo.processInfo.environment["ARENA_STRESS"].flatMap(Int.init) ?? 6
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var served = 0  // apps that answered "ok" and then stopped
                    for _ in 0..<rounds {
                        let answer = Answer()
                        try await TestApp.run { app in
                            answer.text = try await TestSession(app.client).send(.get, "/healthz").text
                        }
                        if answer.text == "ok\n" { served += 1 }
                    }
                    return served
                }
            }
            var served = 0
            for try await count in group { served += count }
            #expect(served == 4 * rounds, "only \(served) of \(4 * rounds) apps answered /healthz with ok")
        }
    }

    @Test func healthReadyMetricsAndErrors() async throws {
        try await TestApp.run { app in
            let s = TestSession(app.client)
            #expect(try await s.send(.get, "/healthz").text == "ok\n")
            #expect(try await s.send(.get, "/readyz").status == .ok)
            let missing = try await s.send(.get, "/api/v1/nothing-here")
            #expect(missing.status == .notFound)
            #expect(missing.json["error"] != nil)
            #expect(missing.headers[.init("X-Request-Id")!] != nil)
            let page = try await s.send(.get, "/nothing-here")
            #expect(page.status == .notFound)
            #expect(page.text.contains("<html"))
            let metrics = try await s.send(.get, "/metrics").text
            #expect(metrics.contains("http_server_request_duration_bucket"))
            #expect(metrics.contains("hb_requests_total") || metrics.contains("hb_requests"))
        }
    }

    /// A process without the auth role has no auth routes, and trusts tokens from the auth role
    /// given only the public key.
    @Test func splitRolesShareTokensByPublicKey() async throws {
        let key = try KeyStore.privateKey(file: nil, dataDirectory: TestKeys.directory)
        let publicFile = FileManager.default.temporaryDirectory.appendingPathComponent("arena-pub-\(UUID()).pem").path
        try key.publicKey.pemRepresentation.write(toFile: publicFile, atomically: true, encoding: .utf8)
        let token = try await TokenIssuer(privateKey: key).accessToken(for: .init(userId: 7, username: "zed", displayName: "Zed", roles: [.contestant]))
        try await TestApp.run(roles: [.contests], configure: { $0.jwtPublicKeyFile = publicFile; $0.dataDirectory = "/nonexistent" }) { app in
            let s = TestSession(app.client)
            s.bearer = token
            let me = try await s.send(.get, "/api/v1/me")
            #expect(me.status == .ok)
            #expect(me.json["username"] as? String == "zed")
            #expect(try await s.send(.post, "/api/v1/auth/token", json: #"{"username":"a","password":"b"}"#).status == .notFound)
            #expect(try await s.send(.get, "/.well-known/jwks.json").status == .notFound)
            #expect(try await s.send(.get, "/login").status == .notFound)
        }
    }
}

/// What one app answered, read after it stopped.
private final class Answer: @unchecked Sendable {
    var text = ""
}
