import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore

/// Hummingbird's HTTP/1 channel with the WebSocket upgrade, plus Arena's connection limits
/// (`ConnectionLimits`): idle, header and body timeouts, 431 for oversized heads, and a close
/// once the channel's work is done, whatever ended it.
public struct GuardedHTTPChannel: ServerChildChannel {
    /// The inner channel's value.
    public typealias Value = HTTP1WebSocketUpgradeChannel.Value
    let inner: HTTP1WebSocketUpgradeChannel
    let limits: ConnectionLimits

    /// Sets the inner pipeline up, then puts the guard next to the socket and the watcher after
    /// the HTTP decoder.
    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let limits = limits
        return inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let state = ConnectionState(limits: limits)
            try channel.pipeline.syncOperations.addHandler(RawConnectionGuard(state: state), position: .first)
            try channel.pipeline.syncOperations.addHandler(HTTPPartWatcher(state: state))
            return value
        }
    }

    /// Runs the inner channel, then makes sure the connection is closed. The inner channel logs
    /// an error whenever a connection ends before its first request head is whole, which is what
    /// the guard's timeouts and refusals do by design, so it gets a logger for critical messages
    /// only (requests log through the application's logger, not this one).
    public func handle(value: Value, logger: Logger) async {
        var quiet = logger
        quiet.logLevel = .critical
        await inner.handle(value: value, logger: quiet)
        value.channel.close(promise: nil)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1 with WebSocket upgrades through `webSocketRouter`, under `limits`.
    public static func guardedHTTP1<Sockets: HTTPResponderBuilder>(
        webSocketRouter: Sockets, webSocket: WebSocketServerConfiguration, limits: ConnectionLimits
    ) -> HTTPServerBuilder where Sockets.Responder.Context: WebSocketRequestContext {
        let responder = webSocketRouter.buildResponder()
        var decoder = HTTP1Channel.Configuration.DecoderConfiguration()
        decoder.maxHeaderListSize = limits.maxHeaderBytes
        decoder.maxHeaderFieldSize = limits.maxHeaderBytes
        // Idle time is the guard's job; Hummingbird's handler still closes idle connections at shutdown.
        let configuration = HTTP1WebSocketUpgradeChannel.Configuration(
            http1: .init(idleTimeout: nil, httpDecoderConfiguration: decoder), ws: webSocket)
        return HTTPServerBuilder { httpResponder in
            GuardedHTTPChannel(inner: HTTP1WebSocketUpgradeChannel(responder: httpResponder, webSocketResponder: responder,
                                                                   configuration: configuration),
                               limits: limits)
        }
    }
}
