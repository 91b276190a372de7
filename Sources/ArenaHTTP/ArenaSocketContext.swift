import ArenaCore
import Hummingbird
import HummingbirdWebSocket
import NIOConcurrencyHelpers

/// The request context of WebSocket upgrade requests (a router of its own: only `/ws/…` paths
/// are tried for an upgrade). Who is asking comes from the same access cookie or bearer token
/// as on the HTTP side; see `identity(verifier:)`.
///
/// Hummingbird keeps the upgrade handler in a box that the context holds, together with a copy
/// of the context: box → handler → context → box, a cycle nothing breaks, so every socket left
/// ~2 KiB behind (issue 9: 26,000 sockets, 70 → 196 MiB). The context holds the box through a
/// `Holder` instead; a socket handler calls `releaseUpgradeHandler()` as it starts (the handler
/// has been taken out by then), which ends the cycle.
public struct ArenaSocketContext: RequestContext, WebSocketRequestContext {
    /// Hummingbird's storage.
    public var coreContext: CoreRequestContextStorage
    private let holder = Holder()

    /// Where the upgrade handler is kept until the socket handler starts.
    public var webSocket: WebSocketHandlerReference<Self> { holder.reference }

    /// Creates the context for an upgrade request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Drops the context's hold on the upgrade handler (call once the socket handler runs).
    public func releaseUpgradeHandler() { holder.release() }

    /// How many socket request contexts are alive in this process (each open socket holds one;
    /// a closed one must not): the leak check of the standings socket test.
    public static var liveContexts: Int { live.withLockedValue { $0 } }
    private static let live = NIOLockedValueBox(0)

    final class Holder: Sendable {
        init() { ArenaSocketContext.live.withLockedValue { $0 += 1 } }
        deinit { ArenaSocketContext.live.withLockedValue { $0 -= 1 } }
        private let box = NIOLockedValueBox<WebSocketHandlerReference<ArenaSocketContext>?>(WebSocketHandlerReference())

        /// The reference (a fresh, empty one after `release`: nothing asks then).
        var reference: WebSocketHandlerReference<ArenaSocketContext> { box.withLockedValue { $0 } ?? .init() }

        func release() { box.withLockedValue { $0 = nil } }
    }
}

extension Request {
    /// The verified identity of a WebSocket request: nil when anonymous, an error when a bearer
    /// token is present but invalid (a bad cookie is just anonymous, as on the HTTP side).
    /// Cookies are not refreshed here: the page that opens the socket has just done that.
    public func socketIdentity(verifier: TokenVerifier) async throws -> Identity? {
        if let header = headers[.authorization] {
            guard header.hasPrefix("Bearer ") else { throw UserError.unauthorized("Use `Authorization: Bearer <token>`.") }
            return try await verifier.verify(String(header.dropFirst(7)))
        }
        if let token = cookies[SessionCookies.access]?.value, !token.isEmpty {
            return try? await verifier.verify(token)
        }
        return nil
    }
}
