import ArenaHTTP
import ArenaTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ArenaStorage
import PostgresNIO
import Testing

/// Issue 9, items 5, 6 and 8: open redirects after login, CSRF media types, over-long logins.
@Suite struct LoginHardeningTests {
    /// What a browser would read as another host is never a redirect target.
    @Test func nextOnlyNamesPathsOfThisSite() {
        for bad in ["/\t/evil.example", "/%09/evil.example", "/%0a/evil.example", "/\n/evil.example", "//evil.example", "/\\evil.example",
                    "/%5Cevil.example", "/%2F/evil.example", "/%252F/evil.example", "https://evil.example", "evil.example", "",
                    "/ /evil.example", "/%20/x", "/\u{0}x", "/é"] {
            #expect(SafeRedirect.path(bad) == "/", "\(bad.debugDescription) was accepted")
        }
        for good in ["/", "/contests/demo", "/contests/demo/problems/A?lang=en", "/submissions?user=a%2Bb"] {
            #expect(SafeRedirect.path(good) == good)
        }
    }

    @Test func loginRedirectsOnlyWithinTheSite() async throws {
        try await TestApp.run { app in
            _ = try await registeredSession(app, "nora")
            let s = TestSession(app.client)
            let page = try await s.send(.get, "/login?next=/%09/evil.example")
            #expect(page.text.contains(#"name="next" value="/""#))
            let csrf = try #require(s.cookies["arena_csrf"])
            for next in ["/\t/evil.example", "/%09/evil.example", "/\\/evil.example"] {
                let response = try await s.send(.post, "/login", form: [("_csrf", csrf), ("username", "nora"), ("password", "password123"), ("next", next)])
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/", "next=\(next.debugDescription)")
            }
            let ok = try await s.send(.post, "/login", form: [("_csrf", csrf), ("username", "nora"), ("password", "password123"), ("next", "/contests")])
            #expect(ok.headers[.location] == "/contests")
        }
    }

    /// `TEXT/PLAIN` is `text/plain`: a cross-site form may send it, so it needs the token.
    @Test func mediaTypesCompareCaseInsensitively() async throws {
        try await TestApp.run { app in
            _ = try await registeredSession(app, "olga")
            for type in ["TEXT/PLAIN", "Text/Plain; charset=utf-8", "APPLICATION/X-WWW-FORM-URLENCODED", " multipart/FORM-DATA; boundary=x", nil] {
                var headers = HTTPFields()
                if let type { headers[.contentType] = type }
                let login = try await app.client.execute(uri: "/login", method: .post, headers: headers,
                                                         body: ByteBuffer(string: "username=olga&password=password123"))
                #expect(login.status == .forbidden, "login with \(type ?? "no content type") passed without a token")
                #expect(!login.headers[values: .setCookie].contains { $0.hasPrefix("arena_access=") })
                let register = try await app.client.execute(uri: "/register", method: .post, headers: headers,
                                                            body: ByteBuffer(string: "username=mallory&password=password123&password2=password123"))
                #expect(register.status == .forbidden, "register with \(type ?? "no content type") passed without a token")
            }
            // JSON without cookies is no browser's doing: the API still works without a token.
            let json = try await TestSession(app.client).send(.post, "/api/v1/auth/token", json: #"{"username":"olga","password":"password123"}"#)
            #expect(json.status == .ok)
        }
    }

    /// A megabyte-long name (or a password longer than bcrypt reads) is a 422 before the throttle.
    @Test func overLongLoginsAreRefusedPlainly() async throws {
        try await TestApp.run { app in
            _ = try await registeredSession(app, "pavel")
            let huge = String(repeating: "a", count: 1 << 20 - 100)
            let s = TestSession(app.client)
            let api = try await s.send(.post, "/api/v1/auth/token", json: #"{"username":"\#(huge)","password":"password123"}"#)
            #expect(api.status.code == 422)
            #expect((api.json["error"] as? String ?? "").contains("at most 32"))
            let longPassword = try await s.send(.post, "/api/v1/auth/token", json: #"{"username":"pavel","password":"\#(String(repeating: "p", count: 100))"}"#)
            #expect(longPassword.status.code == 422)
            _ = try await s.send(.get, "/login")
            let form = try await s.send(.post, "/login", form: [("_csrf", s.cookies["arena_csrf"] ?? ""), ("username", String(huge.prefix(900_000))), ("password", "x")])
            #expect(form.status.code == 422)
            #expect(form.text.contains("at most 32"))
            // Nothing reached the throttle's table; a plain wrong password still does.
            let stored = try await app.db.query("SELECT count(*)::int FROM auth.login_failures", logger: TestDatabase.logger)
            #expect(try await stored.decode(Int.self).collect() == [0])
            #expect(try await s.send(.post, "/api/v1/auth/token", json: #"{"username":"pavel","password":"wrong-password"}"#).status == .unauthorized)
            let after = try await app.db.query("SELECT count(*)::int FROM auth.login_failures", logger: TestDatabase.logger)
            #expect(try await after.decode(Int.self).collect() == [2])
        }
    }

    /// PostgreSQL refuses NUL in text; found by the API fuzzer as a 500 on `?user=%00`. Any
    /// address or JSON field holding one is refused plainly.
    @Test func nulCharactersAreRefusedBeforeTheDatabase() async throws {
        try await TestApp.run { app in
            let s = try await registeredSession(app, "quinn")
            #expect(try await s.send(.get, "/api/v1/submissions?user=a%00b").status == .badRequest)
            #expect(try await s.send(.get, "/contests/a%00b").status == .notFound)  // path segments stay percent-encoded
            let login = try await TestSession(app.client).send(.post, "/api/v1/auth/token", json: #"{"username":"quinn\u0000","password":"password123"}"#)
            #expect(login.status.code == 422)
            let register = try await TestSession(app.client).send(.post, "/api/v1/auth/register",
                                                                  json: #"{"username":"rita","password":"password123","display_name":"R\u0000"}"#)
            #expect(register.status.code == 422)
        }
    }
}
