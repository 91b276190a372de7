import ArenaApp
import ArenaHTTP
import ArenaTestSupport
import Foundation
import Testing

/// Issue 9, item 7: connections that send nothing, send their headers slowly, pause in a body or
/// send an oversized head are answered and closed, on a live server over raw TCP.
@Suite struct ConnectionLimitsTests {
    /// A live app whose one shortened limit is `configure`'s; the others stay long (60 s), so
    /// only the limit under test can close the connection within the client's 10 s patience.
    static func live(_ configure: @escaping @Sendable (inout ConnectionLimits) -> Void, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        try await TestApp.run(roles: [.web, .auth], live: true, configure: { config in
            config.connection.idleTimeout = .seconds(60)
            config.connection.headerTimeout = .seconds(60)
            config.connection.bodyTimeout = .seconds(60)
            configure(&config.connection)
        }) { app in try await body(try #require(app.port)) }
    }

    @Test func aSilentConnectionIsClosedAfterTheIdleTimeout() async throws {
        try await Self.live({ $0.idleTimeout = .milliseconds(500) }) { port in
            let connection = try RawConnection(port: port, readTimeout: 10)
            let (text, closed) = await connection.readUntilClosed()
            #expect(closed, "the server kept a silent connection open")
            #expect(text.isEmpty)
        }
    }

    @Test func headersThatTrickleInGet408AndAClose() async throws {
        try await Self.live({ $0.headerTimeout = .seconds(1) }) { port in
            let connection = try RawConnection(port: port, readTimeout: 10)
            await connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            for line in 0..<40 where !connection.hasInput() {
                guard await connection.send("X-Slow-\(line): y\r\n") else { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            let (text, closed) = await connection.readUntilClosed()
            #expect(text.hasPrefix("HTTP/1.1 408"), "\(text.prefix(200))")
            #expect(closed)
        }
    }

    @Test func aBodyThatStopsIsClosedAfterTheBodyTimeout() async throws {
        try await Self.live({ $0.bodyTimeout = .seconds(1) }) { port in
            let connection = try RawConnection(port: port, readTimeout: 10)
            await connection.send("POST /api/v1/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"user")
            let (_, closed) = await connection.readUntilClosed()
            #expect(closed, "the server waited for the rest of the body")
        }
    }

    /// An 81 KB header, as the first request of a connection and as a later one on the same
    /// connection: 431 and a close both times.
    @Test func anOversizedHeadGets431AndAClose() async throws {
        try await Self.live({ _ in }) { port in
            let big = "X-Big: " + String(repeating: "a", count: 81 * 1024) + "\r\n"
            let first = try RawConnection(port: port, readTimeout: 10)
            await first.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + big + "\r\n")
            let (text, closed) = await first.readUntilClosed()
            #expect(text.hasPrefix("HTTP/1.1 431"), "\(text.prefix(200))")
            #expect(closed)

            let later = try RawConnection(port: port, readTimeout: 10)
            await later.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(await later.read(until: "ok\n").contains("200 OK"))
            await later.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + big + "\r\n")
            let (second, secondClosed) = await later.readUntilClosed()
            #expect(second.hasPrefix("HTTP/1.1 431"), "\(second.prefix(200))")
            #expect(secondClosed)
        }
    }

    /// Keep-alive still works: two requests on one connection, then an idle close.
    @Test func keepAliveRequestsStillWork() async throws {
        try await Self.live({ $0.idleTimeout = .seconds(1) }) { port in
            let connection = try RawConnection(port: port, readTimeout: 10)
            for _ in 0..<2 {
                await connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                #expect(await connection.read(until: "ok\n").contains("200 OK"))
            }
            #expect(await connection.readUntilClosed().closed)
        }
    }
}
