import ArenaCore
import Crypto
import Foundation
import Hummingbird

/// Double-submit CSRF protection. Every browser gets a random `arena_csrf` cookie, and every form
/// carries the same value as `_csrf` (JSON callers using cookies send `X-CSRF-Token`). An unsafe
/// request must match when it could have been forged cross-site: a body a cross-site form or a
/// "simple" fetch can send (form-encoded, multipart, text/plain, or a body with no content type;
/// media types compare case-insensitively, as browsers and servers treat them), or any request
/// authenticated by cookie. Bearer-token API calls carry nothing ambient and are not checked.
public struct CSRFMiddleware: RouterMiddleware {
    public typealias Context = ArenaRequestContext
    /// The form field name.
    public static let field = "_csrf"

    /// Creates the middleware.
    public init() {}

    /// Checks unsafe requests and makes sure the browser has a token.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        let existing = request.cookies[SessionCookies.csrf]?.value ?? ""
        let isNew = existing.count < 16
        context.csrfToken = isNew ? Self.newToken() : existing
        if ![.get, .head, .options].contains(request.method), request.headers[.authorization] == nil {
            let isForm = Self.isCrossSiteSendable(request)
            if isForm || context.authenticatedByCookie {
                let sent = try await Self.sentToken(&request, context: context, isForm: isForm)
                guard !isNew, let sent, Self.constantTimeEqual(sent, existing) else {
                    throw UserError.forbidden("The form's security token is missing or stale. Reload the page and try again.")
                }
            }
        }
        var response = try await next(request, context)
        if isNew {
            response.setCookie(SessionCookies.make(SessionCookies.csrf, context.csrfToken, maxAge: 60 * 60 * 24 * 30, secure: context.isSecure))
        }
        return response
    }

    static func sentToken(_ request: inout Request, context: Context, isForm: Bool) async throws -> String? {
        if let header = request.headers[.init("X-CSRF-Token")!] { return header }
        if let query = request.uri.queryParameters[Substring(field)] { return String(query) }
        guard isForm, mediaType(request) == "application/x-www-form-urlencoded" else { return nil }
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        return FormFields(String(buffer: body))[field]
    }

    /// The request's media type, lower case and without parameters (`text/plain`), or nil.
    static func mediaType(_ request: Request) -> String? {
        guard let value = request.headers[.contentType] else { return nil }
        let type = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return type.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// Whether a page on another site could make a browser send this body without a CORS
    /// preflight: the three form encodings, or a body without any content type.
    static func isCrossSiteSendable(_ request: Request) -> Bool {
        guard let type = mediaType(request) else {
            // Browsers send such a body with a length (streamed, chunked uploads need HTTP/2).
            return (request.headers[.contentLength].flatMap { Int($0) } ?? 0) > 0
        }
        return ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"].contains(type)
    }

    static func newToken() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64URLEncoded()
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension Data {
    /// Base64url without padding (cookie- and URL-safe).
    public func base64URLEncoded() -> String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
