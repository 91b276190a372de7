import ArenaCore
import Hummingbird
import HummingbirdWebSocket

/// The request context of WebSocket upgrade requests (a router of its own: only `/ws/…` paths
/// are tried for an upgrade). Who is asking comes from the same access cookie or bearer token
/// as on the HTTP side; see `identity(verifier:)`.
public struct ArenaSocketContext: RequestContext, WebSocketRequestContext {
    /// Hummingbird's storage.
    public var coreContext: CoreRequestContextStorage
    /// Where the upgrade handler is kept.
    public let webSocket: WebSocketHandlerReference<Self>

    /// Creates the context for an upgrade request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
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
