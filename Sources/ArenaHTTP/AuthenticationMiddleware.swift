import ArenaCore
import Hummingbird

/// Finds who is asking: a `Bearer` token, or the access cookie. An expired cookie with a valid
/// refresh cookie is refreshed transparently when a `SessionRefresher` is available. An invalid
/// bearer token is an error (401, with the reason); an invalid cookie just means anonymous.
public struct AuthenticationMiddleware: RouterMiddleware {
    public typealias Context = ArenaRequestContext
    private let verifier: TokenVerifier
    private let refresher: (any SessionRefresher)?

    /// Creates the middleware.
    public init(verifier: TokenVerifier, refresher: (any SessionRefresher)?) {
        self.verifier = verifier
        self.refresher = refresher
    }

    /// Sets `context.identity` and passes on.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.isSecure = SessionCookies.isSecure(request)
        if let header = request.headers[.authorization] {
            guard header.hasPrefix("Bearer ") else { throw UserError.unauthorized("Use `Authorization: Bearer <token>`.") }
            context.identity = try await verifier.verify(String(header.dropFirst(7)))
            return try await next(request, context)
        }
        if let token = request.cookies[SessionCookies.access]?.value, !token.isEmpty,
           let identity = try? await verifier.verify(token) {
            context.identity = identity
            context.authenticatedByCookie = true
            return try await next(request, context)
        }
        if let refresher, let refresh = request.cookies[SessionCookies.refresh]?.value, !refresh.isEmpty,
           let pair = try? await refresher.refresh(refresh),
           let identity = try? await verifier.verify(pair.accessToken) {
            context.identity = identity
            context.authenticatedByCookie = true
            var response = try await next(request, context)
            pair.setCookies(on: &response, secure: context.isSecure)
            return response
        }
        return try await next(request, context)
    }
}
