import NIOCore

/// How long a client may take over each part of an HTTP/1 exchange, and how large a request
/// head may be (README, "Configuration"). Nothing limits the time Arena itself takes to answer
/// (long-polls), nor a WebSocket once it is open (it has pings).
public struct ConnectionLimits: Sendable, Equatable {
    /// A connection with no request under way is closed after this (`ARENA_IDLE_TIMEOUT`).
    public var idleTimeout: Duration = .seconds(30)
    /// A request head must arrive whole within this of its first byte (`ARENA_HEADER_TIMEOUT`);
    /// else 408 and close.
    public var headerTimeout: Duration = .seconds(10)
    /// A request body may pause at most this long between bytes (`ARENA_BODY_TIMEOUT`); else close.
    public var bodyTimeout: Duration = .seconds(30)
    /// A larger request head (request line and headers) gets 431 and a close (`ARENA_MAX_HEADER_BYTES`).
    public var maxHeaderBytes = 32 << 10

    /// The defaults.
    public init() {}

    static func amount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
