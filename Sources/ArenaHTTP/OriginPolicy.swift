import ArenaCore
import Hummingbird

/// Which web origins may open Arena's WebSockets. A browser sends its page's `Origin` with
/// every WebSocket handshake and attaches the site's cookies even when another site's page
/// opens the socket, so a handshake from a foreign origin could read a logged-in user's live
/// data. Allowed: the site's own origin (the `Origin` names the host the request was sent to),
/// the configured ones (`ARENA_ALLOWED_ORIGINS`, for a proxy that rewrites `Host`), and no
/// `Origin` at all (scripts and other non-browser clients send none).
public struct OriginPolicy: Sendable {
    /// Extra allowed origins, normalised (`https://contest.example`).
    public let allowed: Set<String>

    /// Creates the policy; `allowed` are origins such as `https://contest.example:8443`.
    public init(allowed: [String] = []) {
        self.allowed = Set(allowed.compactMap(Self.normalise))
    }

    /// Whether a handshake with `origin` (nil when absent) sent to `host` may proceed.
    public func allows(origin: String?, host: String?) -> Bool {
        guard let origin else { return true }
        guard let normal = Self.normalise(origin) else {
            // A page's origin is http(s), or "null" (sandboxed frames, files): those are browsers.
            // Anything else (`ws://host`, as some WebSocket libraries send) is no browser's page.
            let text = origin.trimmingCharacters(in: .whitespaces).lowercased()
            return !(text == "null" || text.hasPrefix("http:") || text.hasPrefix("https:") || text.isEmpty)
        }
        if allowed.contains(normal) { return true }
        guard let host = host?.lowercased(), !host.isEmpty else { return false }
        let authority = normal.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: true).last.map(String.init) ?? ""
        return authority == host || authority == Self.withoutDefaultPort(host, scheme: normal.hasPrefix("https:") ? "https" : "http")
    }

    /// `scheme://host[:port]` in lower case without a default port, or nil for anything else
    /// (`null`, paths, other schemes).
    static func normalise(_ origin: String) -> String? {
        let text = origin.trimmingCharacters(in: .whitespaces).lowercased()
        for scheme in ["http", "https"] where text.hasPrefix(scheme + "://") {
            let authority = String(text.dropFirst(scheme.count + 3))
            guard !authority.isEmpty, !authority.contains("/"), !authority.contains("@"), !authority.contains("?") else { return nil }
            return scheme + "://" + withoutDefaultPort(authority, scheme: scheme)
        }
        return nil
    }

    static func withoutDefaultPort(_ authority: String, scheme: String) -> String {
        let suffix = scheme == "https" ? ":443" : ":80"
        return authority.hasSuffix(suffix) ? String(authority.dropLast(suffix.count)) : authority
    }
}

/// Refuses WebSocket handshakes from origins the policy does not allow: the upgrade does not
/// happen (the client gets an HTTP error, never a socket).
public struct SocketOriginMiddleware: RouterMiddleware {
    public typealias Context = ArenaSocketContext
    let policy: OriginPolicy

    /// Creates the middleware.
    public init(policy: OriginPolicy) { self.policy = policy }

    /// Checks `Origin` against `Host` and the allowed list.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let host = request.head.authority
        guard policy.allows(origin: request.headers[.origin], host: host) else {
            context.logger.notice("refused a WebSocket handshake from origin \(request.headers[.origin] ?? "")")
            return Response(status: .forbidden)
        }
        return try await next(request, context)
    }
}
