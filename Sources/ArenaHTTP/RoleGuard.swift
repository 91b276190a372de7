import ArenaCore
import Hummingbird

/// Lets a request through only when its identity holds `role`: 401 when anonymous, 403 otherwise.
/// Put it on a route group (`router.group("admin").add(middleware: RoleGuard(.admin))`).
public struct RoleGuard: RouterMiddleware {
    public typealias Context = ArenaRequestContext
    private let role: Role

    /// Creates a guard for `role`.
    public init(_ role: Role) { self.role = role }

    /// Checks the identity, then passes on.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try context.require(role)
        return try await next(request, context)
    }
}
