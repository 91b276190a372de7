import ArenaCore
import Hummingbird
import Foundation
import NIOCore

/// The one request context of every Arena role: the core storage, who is asking, and the cookies
/// the middlewares want to set on the way out.
public struct ArenaRequestContext: RequestContext {
    /// Hummingbird's storage (logger with `hb.request.id`, parameters, endpoint path).
    public var coreContext: CoreRequestContextStorage
    /// The verified identity, if the request carried a valid access token.
    public var identity: Identity?
    /// How the identity arrived: cookies need CSRF protection, bearer tokens do not.
    public var authenticatedByCookie = false
    /// The client's address (for throttling), without the port.
    public let remoteAddress: String
    /// The CSRF token to put in forms (the value of the `arena_csrf` cookie).
    public var csrfToken = ""
    /// Whether the request arrived over TLS (cookies get `Secure`).
    public var isSecure = false
    /// Cookies to add to the response (CSRF, refreshed tokens).
    public var cookiesToSet: [Cookie] = []

    /// Request bodies larger than this are refused with 413 (1 MiB; the submit form has its own check).
    public var maxUploadSize: Int { 1 << 20 }

    /// JSON bodies use snake_case keys (`problem_id`), as the public API does.
    public var requestDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// JSON responses use snake_case keys.
    public var responseEncoder: JSONEncoder { JSONBody.encoder }

    /// Creates the context for a new request.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// The identity, or 401 for an anonymous request.
    public func requireUser() throws -> Identity {
        guard let identity else { throw UserError.unauthorized() }
        return identity
    }

    /// The identity if it holds `role`: 401 when anonymous, 403 when it lacks the role.
    @discardableResult
    public func require(_ role: Role) throws -> Identity {
        let identity = try requireUser()
        guard identity.has(role) else { throw UserError.forbidden("This needs the \(role.rawValue) role.") }
        return identity
    }
}
