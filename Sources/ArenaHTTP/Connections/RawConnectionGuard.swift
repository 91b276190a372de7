import NIOCore
import NIOHTTP1

/// The first handler of every HTTP/1 connection (next to the socket): it sees every byte, holds
/// the connection's one timer, and writes the answers the HTTP layers cannot (408 for a head that
/// takes too long, 431 for one too large, 400 for one that does not parse) before closing.
///
/// Until the first request head is decoded, Hummingbird's WebSocket-upgrade pipeline has no
/// handler that could time out or answer (it waits to see whether the request asks for an
/// upgrade), so this guard finds the end of that first head itself (`\r\n\r\n`) and counts its
/// size; later requests are followed through `HTTPPartWatcher`.
final class RawConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    private let state: ConnectionState
    private var context: ChannelHandlerContext?
    private var timer: Scheduled<Void>?
    private var timerAt: NIODeadline?
    /// Scanning the first request head: bytes seen, and the last three (for a split `\r\n\r\n`).
    private var firstHeadBytes = 0
    private var firstHeadDone = false
    private var carry: [UInt8] = []
    private var closing = false

    init(state: ConnectionState) {
        self.state = state
        state.guardHandler = self
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { start() }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimer()
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        start()
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimer()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if closing { return }
        if state.upgraded {
            context.fireChannelRead(data)
            return
        }
        let buffer = unwrapInboundIn(data)
        if buffer.readableBytes > 0 { state.bytesArrived() }
        if !firstHeadDone {
            switch scanFirstHead(buffer) {
            case .tooLarge:
                refuse(.requestHeaderFieldsTooLarge, "The request's headers are too large.")
                return
            case .complete:
                firstHeadDone = true
                state.headReceived(counted: false)  // the watcher counts it once the pipeline hands it on
            case .incomplete:
                break
            }
        }
        context.fireChannelRead(data)
        reschedule()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // A 101 written while no HTTP request is counted is the WebSocket upgrade's answer.
        if !state.upgraded, state.pending == 0, case .byteBuffer(let buffer) = unwrapOutboundIn(data),
           buffer.readableBytesView.starts(with: Self.switching) {
            state.upgraded = true
            cancelTimer()
        }
        context.write(data, promise: promise)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // A refused client that has stopped sending: the lingering close is over.
        if closing, let event = event as? ChannelEvent, event == .inputClosed {
            context.close(promise: nil)
            return
        }
        // Shutting down: a connection with nothing under way can go at once.
        if event is ChannelShouldQuiesceEvent, !state.upgraded, state.pending == 0, !state.readingBody {
            context.close(promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// Answers `status` with `message` (when no response is under way) and closes. The close
    /// lingers: output is shut first and what the client still sends is read and dropped for up
    /// to two seconds, so the answer is not lost to a reset (closing a socket with unread input
    /// sends one, and the client's kernel then discards the answer it had received).
    func refuse(_ status: HTTPResponseStatus, _ message: String) {
        guard let context, !closing else { return }
        closing = true
        cancelTimer()
        guard state.pending == 0 else {
            context.close(promise: nil)
            return
        }
        let body = #"{"error":"\#(message)"}"#
        let head = "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\ncontent-type: application/json; charset=utf-8\r\n"
            + "content-length: \(body.utf8.count)\r\nconnection: close\r\n\r\n"
        context.writeAndFlush(wrapOutboundOut(.byteBuffer(ByteBuffer(string: head + body))), promise: nil)
        context.close(mode: .output, promise: nil)
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(2)) { context.close(promise: nil) }
    }

    /// Makes sure the timer fires no later than the state's deadline.
    func reschedule() {
        guard let context, !closing, let at = state.deadline()?.0 else { return }
        if let timerAt, timerAt <= at { return }
        timer?.cancel()
        timerAt = at
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: at) { [weak self] in self?.fired() }
    }

    private func start() {
        state.idleSince = .now()
        reschedule()
    }

    private func fired() {
        timer = nil
        timerAt = nil
        guard let context, !closing, let deadline = state.deadline() else { return }
        let (at, reason) = deadline
        if at > .now() {
            reschedule()
            return
        }
        switch reason {
        case .idle:
            closing = true
            context.close(promise: nil)
        case .header:
            refuse(.requestTimeout, "The request's headers took too long to arrive.")
        case .body:
            refuse(.requestTimeout, "The request's body stopped arriving.")
        }
    }

    private func cancelTimer() {
        timer?.cancel()
        timer = nil
        timerAt = nil
    }

    private enum Scan { case incomplete, complete, tooLarge }

    private func scanFirstHead(_ buffer: ByteBuffer) -> Scan {
        let bytes = buffer.readableBytesView
        var window = carry
        for (offset, byte) in bytes.enumerated() {
            window.append(byte)
            if window.count > 4 { window.removeFirst(window.count - 4) }
            if window == Self.headEnd {
                firstHeadBytes += offset + 1
                return firstHeadBytes > state.limits.maxHeaderBytes ? .tooLarge : .complete
            }
        }
        firstHeadBytes += bytes.count
        carry = window
        return firstHeadBytes > state.limits.maxHeaderBytes ? .tooLarge : .incomplete
    }

    private static let headEnd: [UInt8] = Array("\r\n\r\n".utf8)
    private static let switching: [UInt8] = Array("HTTP/1.1 101".utf8)
}
