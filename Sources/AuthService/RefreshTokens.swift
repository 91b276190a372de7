import ArenaStorage
import ArenaCore
import Crypto
import Foundation
import Logging
import PostgresNIO

/// Refresh tokens: random, stored as SHA-256, rotated on every use. Each login starts a family;
/// presenting a token that was already rotated revokes the whole family (it was stolen, or the
/// thief was first). A token used again within `grace` seconds (5 by default) is not treated as theft: a browser
/// firing two requests with the same expired cookie would otherwise log itself out.
struct RefreshTokens: Sendable {
    static let lifetime: TimeInterval = 30 * 24 * 3600
    let db: DatabaseClient
    let logger: Logger
    /// Seconds within which a reused token is a race, not theft.
    var grace: Double = 5

    /// A new token in `family` (a new family when nil) for `userId`.
    func issue(userId: Int64, family: UUID? = nil) async throws -> String {
        let token = Self.random()
        let family = family ?? UUID()
        let expires = Date().addingTimeInterval(Self.lifetime)
        try await db.query("""
            INSERT INTO auth.refresh_tokens (user_id, family, token_hash, expires_at)
            VALUES (\(userId), \(family), \(Self.hash(token)), \(expires))
            """, logger: logger)
        return token
    }

    /// Marks `token` used and returns its user and family; 401 when unknown, expired, revoked or reused.
    func consume(_ token: String) async throws -> (userId: Int64, family: UUID) {
        let hash = Self.hash(token)
        let rows = try await db.query("""
            UPDATE auth.refresh_tokens SET used_at = now()
            WHERE token_hash = \(hash) AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
            RETURNING user_id, family
            """, logger: logger)
        for try await (user, family) in rows.decode((Int64, UUID).self) { return (user, family) }
        // Not consumable: find out why.
        let seen = try await db.query("""
            SELECT user_id, family, revoked_at IS NOT NULL, extract(epoch FROM now() - used_at)::float8
            FROM auth.refresh_tokens WHERE token_hash = \(hash)
            """, logger: logger)
        for try await (user, family, revoked, sinceUse) in seen.decode((Int64, UUID, Bool, Double?).self) {
            if !revoked, let sinceUse, sinceUse < grace { return (user, family) }
            if sinceUse != nil {
                try await revoke(family: family)
                logger.warning("refresh token reuse for user \(user): family \(family) revoked")
                throw UserError.unauthorized("This refresh token was already used; every session of this login has been revoked. Log in again.")
            }
            throw UserError.unauthorized("The refresh token has expired or been revoked. Log in again.")
        }
        throw UserError.unauthorized("Unknown refresh token. Log in again.")
    }

    /// Revokes every token of `family`.
    func revoke(family: UUID) async throws {
        try await db.query("UPDATE auth.refresh_tokens SET revoked_at = now() WHERE family = \(family) AND revoked_at IS NULL", logger: logger)
    }

    /// Revokes the family `token` belongs to (logout); unknown tokens are ignored.
    func revokeFamily(of token: String) async throws {
        try await db.query("""
            UPDATE auth.refresh_tokens SET revoked_at = now()
            WHERE family = (SELECT family FROM auth.refresh_tokens WHERE token_hash = \(Self.hash(token))) AND revoked_at IS NULL
            """, logger: logger)
    }

    static func random() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64URLEncoded()
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
