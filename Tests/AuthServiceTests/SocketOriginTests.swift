import ArenaApp
import ArenaHTTP
import ArenaTestSupport
import Foundation
import Testing

/// Issue 9, item 10: a WebSocket handshake from another site's page is refused; the site's own
/// origin, configured ones and clients without `Origin` get the socket.
@Suite struct SocketOriginTests {
    @Test func policyAcceptsOnlyOwnAndConfiguredOrigins() {
        let policy = OriginPolicy(allowed: ["https://Contest.Example:443", "http://localhost:3000"])
        #expect(policy.allows(origin: nil, host: "arena.local"))
        #expect(policy.allows(origin: "http://arena.local:8080", host: "arena.local:8080"))
        #expect(policy.allows(origin: "https://arena.local", host: "arena.local"))
        #expect(policy.allows(origin: "https://contest.example", host: "10.0.0.5:8080"))
        #expect(policy.allows(origin: "http://localhost:3000", host: "127.0.0.1:8080"))
        #expect(!policy.allows(origin: "http://evil.example", host: "arena.local"))
        #expect(!policy.allows(origin: "http://arena.local.evil.example", host: "arena.local"))
        #expect(!policy.allows(origin: "http://arena.local:8081", host: "arena.local:8080"))
        #expect(!policy.allows(origin: "null", host: "arena.local"))
        #expect(!policy.allows(origin: "https://arena.local/path", host: "arena.local"))
        #expect(policy.allows(origin: "ws://127.0.0.1", host: "127.0.0.1:8080"))  // a WebSocket library, no page
        #expect(!policy.allows(origin: "http://evil.example", host: nil))
    }

    static func handshake(port: Int, origin: String?) async throws -> String {
        let connection = try RawConnection(port: port, readTimeout: 10)
        var request = "GET /ws/contests/demo/standings HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        if let origin { request += "Origin: \(origin)\r\n" }
        await connection.send(request + "\r\n")
        return await connection.read(until: "\r\n\r\n")
    }

    @Test func handshakesFromForeignOriginsAreRefused() async throws {
        try await TestApp.run(live: true, configure: { $0.allowedOrigins = ["https://contest.example"] }) { app in
            let port = try #require(app.port)
            let foreign = try await Self.handshake(port: port, origin: "http://evil.example")
            #expect(!foreign.hasPrefix("HTTP/1.1 101"), "\(foreign)")
            #expect(foreign.hasPrefix("HTTP/1.1 4"), "\(foreign)")
            for origin in [nil, "http://127.0.0.1:\(port)", "https://contest.example"] {
                let answer = try await Self.handshake(port: port, origin: origin)
                #expect(answer.hasPrefix("HTTP/1.1 101"), "origin \(origin ?? "none"): \(answer)")
            }
        }
    }
}
