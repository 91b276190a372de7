import ArenaStorage
import ArenaCore
import ArenaHTTP
import Foundation
import Logging
import PostgresNIO

/// Login, refresh and logout: the steps the JSON API and the HTML pages share.
public struct Authenticator: SessionRefresher {
    /// The user table.
    public let users: UserStore
    /// The token signer.
    public let issuer: TokenIssuer
    let refreshTokens: RefreshTokens
    let throttle: LoginThrottle

    /// Creates the authenticator.
    public init(db: DatabaseClient, issuer: TokenIssuer, logger: Logger, refreshReuseGrace: Double = 5) {
        users = UserStore(db: db, logger: logger)
        self.issuer = issuer
        refreshTokens = RefreshTokens(db: db, logger: logger, grace: refreshReuseGrace)
        throttle = LoginThrottle(db: db, logger: logger)
    }

    /// Checks a password (throttled per username and address) and issues a new token family.
    public func login(username: String, password: String, address: String) async throws -> (UserRecord, TokenPair) {
        // No account can have a longer name or password, so these need no throttle (whose keys
        // a megabyte-long name would not fit) and no bcrypt work.
        try UserStore.checkLoginLengths(username: username, password: password)
        let keys = LoginThrottle.keys(username: username, address: address)
        try await throttle.check(keys)
        guard let user = try await users.authenticate(username: username, password: password) else {
            try await throttle.fail(keys)
            throw UserError.unauthorized("Wrong username or password.")
        }
        guard !user.disabled else { throw UserError.forbidden("This account is disabled. Ask an admin.") }
        try await throttle.succeed(username: username)
        return (user, try await pair(for: user, family: nil))
    }

    /// Rotates a refresh token.
    public func refresh(_ refreshToken: String) async throws -> TokenPair {
        let (userId, family) = try await refreshTokens.consume(refreshToken)
        guard let user = try await users.user(id: userId), !user.disabled else {
            try await refreshTokens.revoke(family: family)
            throw UserError.unauthorized("This account is disabled or gone.")
        }
        return try await pair(for: user, family: family)
    }

    /// Revokes the login `refreshToken` belongs to.
    public func logout(_ refreshToken: String) async throws {
        try await refreshTokens.revokeFamily(of: refreshToken)
    }

    private func pair(for user: UserRecord, family: UUID?) async throws -> TokenPair {
        TokenPair(accessToken: try await issuer.accessToken(for: user.identity), expiresIn: Int(TokenIssuer.accessLifetime),
                  refreshToken: try await refreshTokens.issue(userId: user.id, family: family),
                  refreshExpiresIn: Int(RefreshTokens.lifetime))
    }
}
