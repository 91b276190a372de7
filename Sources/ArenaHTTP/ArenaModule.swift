import ArenaStorage
import Hummingbird
import ServiceLifecycle

/// One service role's contribution to a process: its schema, routes, background services and
/// the API operations it documents. The composition root (`ArenaApp`) adds the chosen ones.
public protocol ArenaModule: Sendable {
    /// The role name (`auth`, `contests`, …).
    var name: String { get }
    /// Its migrations (group = its schema).
    var migrations: [Migration] { get }
    /// The `/api` operations it serves, for `/api/openapi.json`.
    var apiOperations: [APIOperation] { get }
    /// Registers its routes.
    func addRoutes(to router: Router<ArenaRequestContext>)
    /// Background services to run beside the HTTP server.
    var services: [any Service] { get }
    /// Registers its WebSocket routes (on the upgrade router).
    func addSocketRoutes(to router: Router<ArenaSocketContext>)
}

extension ArenaModule {
    /// No background services by default.
    public var services: [any Service] { [] }
    /// No WebSocket routes by default.
    public func addSocketRoutes(to router: Router<ArenaSocketContext>) {}
}
