import Foundation
import Hummingbird

/// Names and shapes of the browser cookies. Tokens are HttpOnly and SameSite=Lax; Secure when
/// the request came over TLS (directly or via a proxy that says `X-Forwarded-Proto: https`).
public enum SessionCookies {
    /// The access token (JWT).
    public static let access = "arena_access"
    /// The refresh token (opaque, path-limited would break transparent refresh, so site-wide).
    public static let refresh = "arena_refresh"
    /// The CSRF double-submit token.
    public static let csrf = "arena_csrf"

    /// A cookie with Arena's attributes.
    public static func make(_ name: String, _ value: String, maxAge: Int, secure: Bool) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// A cookie that deletes `name`.
    public static func clear(_ name: String, secure: Bool) -> Cookie {
        make(name, "", maxAge: 0, secure: secure)
    }

    /// Whether the request came over TLS.
    public static func isSecure(_ request: Request) -> Bool {
        request.uri.scheme == .https || request.headers[.init("X-Forwarded-Proto")!] == "https"
    }
}

/// A pair of tokens issued at login or refresh.
public struct TokenPair: Sendable, Codable {
    /// The JWT.
    public var accessToken: String
    /// Seconds until the JWT expires.
    public var expiresIn: Int
    /// The opaque refresh token.
    public var refreshToken: String
    /// Seconds until the refresh token expires.
    public var refreshExpiresIn: Int

    /// Creates a pair.
    public init(accessToken: String, expiresIn: Int, refreshToken: String, refreshExpiresIn: Int) {
        self.accessToken = accessToken
        self.expiresIn = expiresIn
        self.refreshToken = refreshToken
        self.refreshExpiresIn = refreshExpiresIn
    }

    /// Sets both cookies on `response`.
    public func setCookies(on response: inout Response, secure: Bool) {
        response.setCookie(SessionCookies.make(SessionCookies.access, accessToken, maxAge: expiresIn, secure: secure))
        response.setCookie(SessionCookies.make(SessionCookies.refresh, refreshToken, maxAge: refreshExpiresIn, secure: secure))
    }
}

/// Exchanges a refresh token for a new pair; the auth service implements it. A role without the
/// auth service in its process has none, and browsers then log in again when the access cookie ends.
public protocol SessionRefresher: Sendable {
    /// Rotates `refreshToken`; throws `UserError` 401 when it is not valid.
    func refresh(_ refreshToken: String) async throws -> TokenPair
}
