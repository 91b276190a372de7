import ArenaCore
import ArenaHTTP
import ArenaTestSupport
import AuthService
import Crypto
import Foundation
import HummingbirdTesting
import JWTKit
import Testing

@Suite struct TokenTests {
    @Test func refreshRotatesAndReuseRevokesTheFamily() async throws {
        try await TestApp.run(configure: { $0.refreshReuseGrace = 0 }) { app in
            _ = try await registeredSession(app, "dave")
            let s = TestSession(app.client)
            let login = try await s.send(.post, "/api/v1/auth/token", json: #"{"username":"dave","password":"password123"}"#)
            let first = try #require(login.json["refresh_token"] as? String)
            let rotated = try await s.send(.post, "/api/v1/auth/refresh", json: #"{"refresh_token":"\#(first)"}"#)
            #expect(rotated.status == .ok)
            let second = try #require(rotated.json["refresh_token"] as? String)
            #expect(second != first)
            #expect(rotated.json["access_token"] as? String != nil)
            // Reusing the first token: refused, and the whole family is revoked.
            let reuse = try await s.send(.post, "/api/v1/auth/refresh", json: #"{"refresh_token":"\#(first)"}"#)
            #expect(reuse.status == .unauthorized)
            #expect((reuse.json["error"] as? String ?? "").contains("already used"))
            let afterTheft = try await s.send(.post, "/api/v1/auth/refresh", json: #"{"refresh_token":"\#(second)"}"#)
            #expect(afterTheft.status == .unauthorized)
            // A separate login is unaffected.
            let other = try await s.send(.post, "/api/v1/auth/token", json: #"{"username":"dave","password":"password123"}"#)
            let third = try #require(other.json["refresh_token"] as? String)
            #expect(try await s.send(.post, "/api/v1/auth/refresh", json: #"{"refresh_token":"\#(third)"}"#).status == .ok)
            #expect(try await s.send(.post, "/api/v1/auth/refresh", json: #"{"refresh_token":"garbage"}"#).status == .unauthorized)
        }
    }

    @Test func logoutRevokes() async throws {
        try await TestApp.run { app in
            _ = try await registeredSession(app, "erin")
            let s = TestSession(app.client)
            let login = try await s.send(.post, "/api/v1/auth/token", json: #"{"username":"erin","password":"password123"}"#)
            let refresh = try #require(login.json["refresh_token"] as? String)
            #expect(try await s.send(.post, "/api/v1/auth/logout", json: #"{"refresh_token":"\#(refresh)"}"#).status == .noContent)
            #expect(try await s.send(.post, "/api/v1/auth/refresh", json: #"{"refresh_token":"\#(refresh)"}"#).status == .unauthorized)
        }
    }

    @Test func tamperedForgedAndExpiredTokensAreRefused() async throws {
        try await TestApp.run { app in
            let session = try await registeredSession(app, "frank")
            let token = try #require(session.bearer)
            let parts = token.split(separator: ".").map(String.init)
            // Payload changed to claim admin, original signature kept.
            var claims = try #require(try JSONSerialization.jsonObject(with: Self.decode(parts[1])) as? [String: Any])
            claims["roles"] = ["admin"]
            let tampered = [parts[0], Self.encode(try JSONSerialization.data(withJSONObject: claims)), parts[2]].joined(separator: ".")
            // alg: none.
            let noneHeader = Self.encode(Data(#"{"alg":"none","typ":"JWT"}"#.utf8))
            let algNone = [noneHeader, Self.encode(try JSONSerialization.data(withJSONObject: claims)), ""].joined(separator: ".")
            // Signed by another key.
            let otherIssuer = await TokenIssuer(privateKey: try EdDSA.PrivateKey())
            let admin = Identity(userId: 1, username: "frank", displayName: "frank", roles: [.admin])
            let wrongKey = try await otherIssuer.accessToken(for: admin)
            // Signed by the right key but expired.
            let realKey = try KeyStore.privateKey(file: nil, dataDirectory: app.config.dataDirectory)
            let expired = try await TokenIssuer(privateKey: realKey).accessToken(for: admin, lifetime: -60)
            for (name, bad) in [("tampered", tampered), ("alg none", algNone), ("wrong key", wrongKey), ("expired", expired), ("junk", "abc")] {
                session.bearer = bad
                let response = try await session.send(.get, "/api/v1/me")
                #expect(response.status == .unauthorized, "\(name) token got \(response.status)")
                #expect(response.json["error"] != nil)
            }
            // The same real key, not expired, works: the checks above failed for the right reason.
            session.bearer = try await TokenIssuer(privateKey: realKey).accessToken(for: admin)
            #expect(try await session.send(.get, "/api/v1/users").status == .ok)
        }
    }

    @Test func jwksPublishesTheVerifyingKey() async throws {
        try await TestApp.run { app in
            let response = try await TestSession(app.client).send(.get, "/.well-known/jwks.json")
            let keys = try #require(response.json["keys"] as? [[String: String]])
            #expect(keys.first?["crv"] == "Ed25519")
            let realKey = try KeyStore.privateKey(file: nil, dataDirectory: app.config.dataDirectory)
            #expect(keys.first?["x"] == realKey.publicKey.rawRepresentation.base64URLEncoded())
        }
    }

    @Test func throttlesRepeatedFailures() async throws {
        try await TestApp.run { app in
            _ = try await registeredSession(app, "gina")
            let s = TestSession(app.client)
            for _ in 0..<10 {
                let r = try await s.send(.post, "/api/v1/auth/token", json: #"{"username":"gina","password":"wrong-password"}"#)
                #expect(r.status == .unauthorized)
            }
            // Now even the right password is refused until the window passes.
            let blocked = try await s.send(.post, "/api/v1/auth/token", json: #"{"username":"gina","password":"password123"}"#)
            #expect(blocked.status == .tooManyRequests)
            let retry = Int(blocked.headers[.retryAfter] ?? "") ?? 0
            #expect(retry > 0 && retry <= 300)
            // The address is throttled as well: another user from the same address is blocked too.
            _ = try await s.send(.post, "/api/v1/auth/register", json: #"{"username":"hank","password":"password123"}"#)
            let sameIP = try await s.send(.post, "/api/v1/auth/token", json: #"{"username":"hank","password":"password123"}"#)
            #expect(sameIP.status == .tooManyRequests)
        }
    }

    static func decode(_ part: String) -> Data {
        var s = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while s.count % 4 != 0 { s += "=" }
        return Data(base64Encoded: s) ?? Data()
    }

    static func encode(_ data: Data) -> String { data.base64URLEncoded() }
}
