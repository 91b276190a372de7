import NIOCore

/// Where one HTTP/1 connection is in its exchange, shared by the two handlers that watch it (on
/// its event loop only): `RawConnectionGuard` sees bytes and owns the timer, `HTTPPartWatcher`
/// sees decoded request heads and ends and response ends.
final class ConnectionState {
    enum Timeout { case idle, header, body }

    let limits: ConnectionLimits
    /// The guard that owns the timer (told when the state changes).
    weak var guardHandler: RawConnectionGuard?
    /// A WebSocket now: no HTTP timeouts any more.
    var upgraded = false
    /// Bytes of the request's head arrived, its end not yet.
    var awaitingHead = false
    /// A request head arrived, the end of its body not yet.
    var readingBody = false
    /// Requests whose response has not ended.
    var pending = 0
    var headStart = NIODeadline.now()
    var lastByte = NIODeadline.now()
    var idleSince = NIODeadline.now()

    init(limits: ConnectionLimits) { self.limits = limits }

    /// When the connection times out and why, or nil while Arena answers (or after an upgrade).
    func deadline() -> (NIODeadline, Timeout)? {
        if upgraded { return nil }
        if readingBody { return (lastByte + ConnectionLimits.amount(limits.bodyTimeout), .body) }
        if pending > 0 { return nil }
        if awaitingHead { return (headStart + ConnectionLimits.amount(limits.headerTimeout), .header) }
        return (idleSince + ConnectionLimits.amount(limits.idleTimeout), .idle)
    }

    /// Bytes arrived from the client.
    func bytesArrived() {
        let now = NIODeadline.now()
        lastByte = now
        if !readingBody, !awaitingHead {
            awaitingHead = true
            headStart = now
        }
    }

    /// A whole request head arrived.
    func headReceived(counted: Bool = true) {
        awaitingHead = false
        readingBody = true
        lastByte = .now()
        if counted { pending += 1 }
        guardHandler?.reschedule()
    }

    /// The request's body ended.
    func requestEnded() {
        readingBody = false
        guardHandler?.reschedule()
    }

    /// A response ended.
    func responseEnded() {
        pending = max(0, pending - 1)
        if pending == 0 { idleSince = .now() }
        guardHandler?.reschedule()
    }
}
