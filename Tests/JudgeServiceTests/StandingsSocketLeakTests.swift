import ArenaCore
import ArenaHTTP
import ArenaTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import LeaderboardService
import Logging
import Testing

/// glibc's `malloc_trim` (not in the Glibc module map): returns freed heap pages to the system.
@_silgen_name("malloc_trim") func mallocTrim(_ pad: Int) -> Int32

/// Standings sockets opened and closed by the thousand leave nothing behind (issue 9, item 3):
/// the feed's subscriber registry returns to empty and no socket's request context stays alive;
/// the process's resident memory is measured and printed.
@Suite(.serialized) struct StandingsSocketLeakTests {
    /// Resident memory of this process (the server runs in it), in KiB.
    static func residentKiB() -> Int {
        _ = mallocTrim(0)  // hand freed memory back first: what stays is in use
        let fields = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8))?.split(separator: " ") ?? []
        return (fields.count > 1 ? Int(fields[1]) ?? 0 : 0) * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024
    }

    /// Opens `count` sockets, `parallel` at a time; each reads its snapshot and closes. The client
    /// is a bare POSIX socket speaking just enough WebSocket, so that what stays resident in this
    /// process is the server's, not a client library's.
    static func churn(_ port: Int, count: Int, parallel: Int) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<parallel {
                group.addTask {
                    try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
                        DispatchQueue.global().async {
                            do {
                                for _ in stride(from: lane, to: count, by: parallel) { try Self.openReadClose(port) }
                                done.resume()
                            } catch {
                                done.resume(throwing: error)
                            }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    struct SocketFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// One socket: handshake, the first message (the snapshot), a close frame, until the server closes.
    static func openReadClose(_ port: Int) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketFailure(description: "socket() failed") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { throw SocketFailure(description: "connect() failed") }
        func write(_ bytes: [UInt8]) throws {
            guard bytes.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count else {
                throw SocketFailure(description: "send() failed")
            }
        }
        try write(Array("""
            GET /ws/contests/c/standings HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
            Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n
            """.utf8))
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        // Headers, then at least the first frame's bytes.
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw SocketFailure(description: "no snapshot (\(String(decoding: received, as: UTF8.self)))") }
            received += buffer[0..<n]
            if let end = String(decoding: received, as: UTF8.self).range(of: "\r\n\r\n"),
               String(decoding: received, as: UTF8.self)[end.upperBound...].utf8.count > 2 { break }
        }
        guard String(decoding: received.prefix(12), as: UTF8.self).hasSuffix("101") else {
            throw SocketFailure(description: "no upgrade: \(String(decoding: received, as: UTF8.self))")
        }
        // A masked close frame with code 1000, then read until the server closes.
        let mask: [UInt8] = [1, 2, 3, 4]
        try write([0x88, 0x82] + mask + [0x03 ^ mask[0], 0xE8 ^ mask[1]])
        while buffer.withUnsafeMutableBytes({ recv(fd, $0.baseAddress, $0.count, 0) }) > 0 {}
    }

    @Test func thousandsOfSocketsOpenedAndClosedLeaveNothingBehind() async throws {
        try await TestApp.run(live: true) { app in
            _ = try await JudgingFlowTests.setUp(app)
            let leaderboard = app.modules.compactMap { $0 as? LeaderboardModule }
            let feed = try #require(leaderboard.first).feed
            let port = try #require(app.port)
            try await Self.churn(port, count: 500, parallel: 8)  // warm-up: caches, pools, allocator arenas
            let start = Self.residentKiB()
            let count = 4000
            try await Self.churn(port, count: count, parallel: 8)
            // Unsubscribing runs right after each socket ends; give the last ones a moment.
            var subscribers = await feed.subscriberCount
            for _ in 0..<100 where subscribers > 0 {
                try await Task.sleep(for: .milliseconds(50))
                subscribers = await feed.subscriberCount
            }
            #expect(subscribers == 0)
            #expect(await feed.contestCount == 0)
            // Every socket's request context is gone (Hummingbird's upgrade box kept each one before);
            // the count is per process, so another suite's open sockets may be among them.
            var contexts = ArenaSocketContext.liveContexts
            for _ in 0..<100 where contexts >= 100 {
                try await Task.sleep(for: .milliseconds(50))
                contexts = ArenaSocketContext.liveContexts
            }
            #expect(contexts < 100, "\(contexts) socket contexts of \(count + 500) closed sockets are still alive")
            let end = Self.residentKiB()
            // Resident memory is measured, not asserted: the allocator and the database client's
            // warm-up move it by about as much as a small leak would.
            print(String(format: "standings sockets: %d opened and closed, resident %d → %d KiB (%.0f bytes per socket), %d contexts alive",
                         count, start, end, Double(end - start) * 1024 / Double(count), contexts))
        }
    }
}
