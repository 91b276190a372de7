import NIOCore
import NIOHTTP1

/// Sits right after HTTP/1 decoding and tells `ConnectionState` when a request head arrives,
/// when its body ends and when a response ends; turns a request that does not parse (or whose
/// head is too large) into a 400 (431) and a close instead of a connection left open. After a
/// WebSocket upgrade it passes everything through untouched.
final class HTTPPartWatcher: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let state: ConnectionState

    init(state: ConnectionState) { self.state = state }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if !state.upgraded {
            switch unwrapInboundIn(data) {
            case .head: state.headReceived()
            case .body: break
            case .end: state.requestEnded()
            }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if !state.upgraded, case .end = unwrapOutboundIn(data) {
            context.write(data, promise: promise)
            state.responseEnded()
            return
        }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !state.upgraded, let parse = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        if parse == .headerOverflow {
            state.guardHandler?.refuse(.requestHeaderFieldsTooLarge, "The request's headers are too large.")
        } else {
            state.guardHandler?.refuse(.badRequest, "The request is not valid HTTP/1.1.")
        }
    }
}
