import ArenaCore
import ArenaHTTP
import Foundation
import JWTKit

/// Signs access tokens with the Ed25519 private key and publishes the public half as a JWKS.
public struct TokenIssuer: Sendable {
    /// Access tokens live 15 minutes.
    public static let accessLifetime: TimeInterval = 15 * 60
    private let keys: JWTKeyCollection
    /// The public key every role verifies with.
    public let publicKey: EdDSA.PublicKey

    /// Creates an issuer for `privateKey`.
    public init(privateKey: EdDSA.PrivateKey) async {
        keys = JWTKeyCollection()
        await keys.add(eddsa: privateKey, kid: "arena")
        publicKey = privateKey.publicKey
    }

    /// A signed access token for `identity`.
    public func accessToken(for identity: Identity, lifetime: TimeInterval = accessLifetime) async throws -> String {
        try await keys.sign(AccessClaims(identity: identity, lifetime: lifetime), kid: "arena")
    }

    /// A long-lived token for a judge worker (role `judge` only; a year by default).
    public func judgeToken(name: String = "judge", lifetime: TimeInterval = 365 * 24 * 3600) async throws -> String {
        try await accessToken(for: Identity(userId: 0, username: name, displayName: name, roles: [.judge]), lifetime: lifetime)
    }

    /// `/.well-known/jwks.json`: the public key as an OKP JWK.
    public var jwks: [String: [[String: String]]] {
        ["keys": [["kty": "OKP", "crv": "Ed25519", "alg": "EdDSA", "use": "sig", "kid": "arena",
                   "x": publicKey.rawRepresentation.base64URLEncoded()]]]
    }
}
