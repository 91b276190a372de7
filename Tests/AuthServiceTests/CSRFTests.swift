import ArenaTestSupport
import Foundation
import HummingbirdTesting
import Testing

@Suite struct CSRFTests {
    @Test func formsNeedTheToken() async throws {
        try await TestApp.run { app in
            _ = try await registeredSession(app, "ivan")
            let s = TestSession(app.client)
            // No cookie and no field.
            let bare = try await s.send(.post, "/login", form: [("username", "ivan"), ("password", "password123")])
            #expect(bare.status == .forbidden)
            #expect(bare.text.contains("security token"))
            _ = try await s.send(.get, "/login")
            let csrf = try #require(s.cookies["arena_csrf"])
            // Cookie but no field; cookie and a wrong field.
            #expect(try await s.send(.post, "/login", form: [("username", "ivan"), ("password", "password123")]).status == .forbidden)
            #expect(try await s.send(.post, "/login", form: [("_csrf", (csrf.first == "x" ? "y" : "x") + csrf.dropFirst()), ("username", "ivan"), ("password", "password123")]).status == .forbidden)
            #expect(s.cookies["arena_access"] == nil)
            // The right token logs in and sets HttpOnly, SameSite=Lax cookies.
            let ok = try await s.send(.post, "/login", form: [("_csrf", csrf), ("username", "ivan"), ("password", "password123"), ("next", "//evil.example")])
            #expect(ok.status == .seeOther)
            #expect(ok.headers[.location] == "/")
            let setCookies = ok.headers[values: .setCookie].joined(separator: "\n")
            #expect(setCookies.contains("arena_access=") && setCookies.contains("HttpOnly") && setCookies.contains("SameSite=Lax"))
            #expect(try await s.send(.get, "/api/v1/me").status == .ok)
            // A cookie-authenticated JSON call needs the header; with it, it passes.
            let patch = #"{"disabled":false}"#
            #expect(try await s.send(.patch, "/api/v1/users/1", json: patch).status == .forbidden)
            let withHeader = try await s.send(.patch, "/api/v1/users/1", json: patch, headers: ["X-CSRF-Token": csrf])
            #expect(withHeader.status == .forbidden)  // passes CSRF, then fails the role guard: ivan is no admin
            #expect((withHeader.json["error"] as? String ?? "").contains("admin"))
            // Logout is a POST form too.
            #expect(try await s.send(.post, "/logout", form: []).status == .forbidden)
            #expect(try await s.send(.post, "/logout", form: [("_csrf", csrf)]).status == .seeOther)
            #expect(try await s.send(.get, "/api/v1/me").status == .unauthorized)
        }
    }

    @Test func expiredAccessCookieIsRefreshedTransparently() async throws {
        try await TestApp.run { app in
            _ = try await registeredSession(app, "judy")
            let s = TestSession(app.client)
            _ = try await s.send(.get, "/login")
            _ = try await s.send(.post, "/login", form: [("_csrf", s.cookies["arena_csrf"] ?? ""), ("username", "judy"), ("password", "password123")])
            let oldRefresh = try #require(s.cookies["arena_refresh"])
            s.setCookie("arena_access", nil)  // the browser dropped it at Max-Age
            let me = try await s.send(.get, "/api/v1/me")
            #expect(me.status == .ok)
            #expect(me.json["username"] as? String == "judy")
            #expect(s.cookies["arena_access"] != nil)
            #expect(s.cookies["arena_refresh"] != oldRefresh)
        }
    }
}
