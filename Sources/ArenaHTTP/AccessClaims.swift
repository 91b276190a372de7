import ArenaCore
import Foundation
import JWTKit

/// The payload of an Arena access token (EdDSA-signed JWT).
public struct AccessClaims: JWTPayload, Equatable {
    /// The user id as a string (RFC 7519 `sub`).
    public var sub: SubjectClaim
    /// Expiry.
    public var exp: ExpirationClaim
    /// Issued at.
    public var iat: IssuedAtClaim
    /// Issuer, always `arena`.
    public var iss: IssuerClaim
    /// Login name.
    public var name: String
    /// Display name.
    public var display: String
    /// Role names.
    public var roles: [String]

    /// Creates claims for an identity, valid for `lifetime` seconds from `now`.
    public init(identity: Identity, now: Date = Date(), lifetime: TimeInterval) {
        sub = .init(value: String(identity.userId))
        iat = .init(value: now)
        exp = .init(value: now.addingTimeInterval(lifetime))
        iss = "arena"
        name = identity.username
        display = identity.displayName
        roles = identity.roles.map(\.rawValue)
    }

    /// Checks expiry and issuer (the signature is checked by the key collection).
    public func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
        guard iss.value == "arena" else { throw JWTError.claimVerificationFailure(failedClaim: iss, reason: "wrong issuer") }
    }

    /// The identity these claims describe, if they are well formed.
    public var identity: Identity? {
        guard let id = Int64(sub.value) else { return nil }
        let parsed = roles.compactMap(Role.init(rawValue:))
        guard parsed.count == roles.count else { return nil }
        return Identity(userId: id, username: name, displayName: display, roles: parsed)
    }
}
