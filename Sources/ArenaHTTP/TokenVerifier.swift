import ArenaCore
import Foundation
import JWTKit
import NIOConcurrencyHelpers

/// Verifies access tokens locally with the auth service's Ed25519 public key: no database call.
///
/// Verified tokens are remembered (keyed by the exact token text) until they expire, so a busy
/// client costs one signature check per token rather than one per request. The cache is bounded;
/// when full it is cleared, which only costs re-verification.
public final class TokenVerifier: Sendable {
    private let keys: JWTKeyCollection
    private let cache = NIOLockedValueBox<[String: (Identity, Date)]>([:])
    private let cacheLimit: Int

    /// Creates a verifier trusting `publicKey`.
    public init(publicKey: EdDSA.PublicKey, cacheLimit: Int = 50_000) async {
        keys = JWTKeyCollection()
        await keys.add(eddsa: publicKey, kid: "arena")
        self.cacheLimit = cacheLimit
    }

    /// The identity a token proves; throws `UserError` 401 with the reason when it is not valid.
    public func verify(_ token: String, now: Date = Date()) async throws -> Identity {
        if let (identity, expiry) = cache.withLockedValue({ $0[token] }) {
            guard expiry > now else { throw UserError.unauthorized("The access token has expired.") }
            return identity
        }
        let claims: AccessClaims
        do {
            claims = try await keys.verify(token, as: AccessClaims.self)
        } catch let error as JWTError where error.errorType == .claimVerificationFailure {
            throw UserError.unauthorized("The access token has expired or is not for Arena.")
        } catch {
            throw UserError.unauthorized("The access token is not valid (bad signature, algorithm or format).")
        }
        guard let identity = claims.identity else { throw UserError.unauthorized("The access token's claims are malformed.") }
        if cacheLimit > 0 {
            cache.withLockedValue { cache in
                if cache.count >= cacheLimit { cache.removeAll(keepingCapacity: true) }
                cache[token] = (identity, claims.exp.value)
            }
        }
        return identity
    }
}
