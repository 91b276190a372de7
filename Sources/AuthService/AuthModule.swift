import ArenaHTTP
import ArenaStorage
import Hummingbird

/// The auth role: users, roles, tokens, login pages, the admin user list.
public struct AuthModule: ArenaModule {
    /// The shared login/refresh logic (also the `SessionRefresher` of this process).
    public let authenticator: Authenticator
    private let renderer: PageRenderer

    /// Creates the module.
    public init(authenticator: Authenticator, renderer: PageRenderer) {
        self.authenticator = authenticator
        self.renderer = renderer
    }

    /// `auth`.
    public var name: String { "auth" }
    /// The `auth` schema's migrations, without building a module.
    public static let schemaMigrations = AuthMigrations.all
    /// The `auth` schema.
    public var migrations: [Migration] { Self.schemaMigrations }
    /// Its API operations.
    public var apiOperations: [APIOperation] { AuthAPIController.operations }

    /// Adds API, page and admin routes.
    public func addRoutes(to router: Router<ArenaRequestContext>) {
        AuthAPIController(auth: authenticator).addRoutes(to: router)
        AuthPagesController(auth: authenticator, renderer: renderer).addRoutes(to: router)
        AdminUsersController(auth: authenticator, renderer: renderer).addRoutes(to: router)
    }
}
