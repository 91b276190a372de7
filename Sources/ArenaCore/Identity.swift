/// Who is making a request, as an access token says (verified locally, no database call).
public struct Identity: Sendable, Codable, Equatable {
    /// The user's id (for a judge token, 0).
    public let userId: Int64
    /// The login name.
    public let username: String
    /// The name shown on pages.
    public let displayName: String
    /// The roles the token grants.
    public let roles: [Role]

    /// Creates an identity.
    public init(userId: Int64, username: String, displayName: String, roles: [Role]) {
        self.userId = userId
        self.username = username
        self.displayName = displayName
        self.roles = roles
    }

    /// Whether the identity holds `role`; `admin` holds everything `jury` may do.
    public func has(_ role: Role) -> Bool {
        roles.contains(role) || (role == .jury && roles.contains(.admin))
    }

    /// Whether it is jury or admin.
    public var isJury: Bool { has(.jury) }
    /// Whether it is an admin.
    public var isAdmin: Bool { has(.admin) }
}
