import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to a loopback port, for tests that must control every byte (slow
/// senders, oversized headers, silent clients). Blocking calls run on a thread of their own,
/// never on the test's cooperative threads.
public final class RawConnection: @unchecked Sendable {
    private let fd: Int32

    /// Connects to 127.0.0.1:`port`; reads give up after `readTimeout` seconds.
    public init(port: Int, readTimeout: Double = 20) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
        var timeout = timeval(tv_sec: Int(readTimeout), tv_usec: Int((readTimeout - readTimeout.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close(fd) }

    /// Sends `text`; false once the server has closed the connection.
    @discardableResult
    public func send(_ text: String) async -> Bool {
        let bytes = Array(text.utf8)
        return await Self.onThread { [fd] in
            var sent = 0
            while sent < bytes.count {
                let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if n <= 0 { return false }
                sent += n
            }
            return true
        }
    }

    /// Everything the server sends until it closes the connection, and whether it did close
    /// (false: the read timeout ran out with the connection still open).
    public func readUntilClosed() async -> (text: String, closed: Bool) {
        await Self.onThread { [fd] in
            var data = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n > 0 { data += buffer[0..<n]; continue }
                let closed = n == 0 || errno == ECONNRESET
                return (String(decoding: data, as: UTF8.self), closed)
            }
        }
    }

    /// What the server sends until `marker` has arrived (or the connection closes or the read times out).
    public func read(until marker: String) async -> String {
        await Self.onThread { [fd] in
            var data = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 65536)
            while !String(decoding: data, as: UTF8.self).contains(marker) {
                let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n <= 0 { break }
                data += buffer[0..<n]
            }
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// Whether the server has sent something (or closed) that is not read yet.
    public func hasInput() -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, 0) > 0
    }

    private static func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }
}
