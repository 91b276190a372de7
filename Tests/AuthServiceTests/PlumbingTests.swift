import ArenaApp
import ArenaHTTP
import ArenaTestSupport
import AuthService
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle
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

/// A background service that ignores cancellation no longer crashes the process at shutdown
/// (ServiceLifecycle's "Cancellation took longer than allowed"): it is abandoned, with an error.
@Suite struct BackgroundShutdownTests {
    /// Waits on a continuation that only `release()` resumes, so cancelling it does nothing.
    final class Stubborn: Service, @unchecked Sendable {
        let held = NIOLockedValueBox<CheckedContinuation<Void, Never>?>(nil)
        let started = NIOLockedValueBox(false)
        func run() async {
            await withCheckedContinuation { continuation in
                held.withLockedValue { $0 = continuation }
                started.withLockedValue { $0 = true }
            }
        }
        func release() { held.withLockedValue { $0?.resume(); $0 = nil } }
    }

    @Test func aServiceThatIgnoresCancellationIsLeftBehind() async throws {
        let stubborn = Stubborn()
        let group = BackgroundServices.group([stubborn], logger: Logger(label: "test"), abandonAfter: .milliseconds(200))
        let run = Task { try await group.run() }
        while !stubborn.started.withLockedValue({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
        let cancelled = ContinuousClock.now
        run.cancel()
        // Before the fix this never returned: the group's 5 s cancellation limit crashed the process.
        try await run.value
        #expect(ContinuousClock.now - cancelled < .seconds(4))
        stubborn.release()
    }
}
