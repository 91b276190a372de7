import ArenaTestSupport
import Foundation
import HummingbirdTesting
import Testing

@Suite struct RegistrationTests {
    @Test func registerLoginAndMe() async throws {
        try await TestApp.run { app in
            let session = try await registeredSession(app, "alice")
            let me = try await session.send(.get, "/api/v1/me")
            #expect(me.status == .ok)
            #expect(me.json["username"] as? String == "alice")
            #expect(me.json["roles"] as? [String] == ["contestant"])
        }
    }

    @Test func badRegistrationsGetClear4xx() async throws {
        try await TestApp.run { app in
            let s = TestSession(app.client)
            _ = try await registeredSession(app, "taken")
            let cases: [(String, Int, String)] = [
                (#"{"username":"taken","password":"password123"}"#, 409, "taken"),
                (#"{"username":"TAKEN","password":"password123"}"#, 409, "taken"),
                (#"{"username":"bob","password":"short"}"#, 422, "too short"),
                (#"{"username":"b","password":"password123"}"#, 422, "3 to 32"),
                (#"{"username":"bad name!","password":"password123"}"#, 422, "3 to 32"),
                (#"{"username":"bob"}"#, 400, "password"),
                (#"{"username":"bob","password":12}"#, 400, "password"),
                (#"{not json"#, 400, "JSON"),
            ]
            for (body, status, message) in cases {
                let response = try await s.send(.post, "/api/v1/auth/register", json: body)
                #expect(Int(response.status.code) == status, "\(body) → \(response.status) \(response.text)")
                #expect((response.json["error"] as? String ?? "").contains(message), "\(body) → \(response.text)")
            }
            let huge = String(repeating: "x", count: 2 << 20)
            let big = try await s.send(.post, "/api/v1/auth/register", json: #"{"username":"big","password":"\#(huge)"}"#)
            #expect(big.status == .contentTooLarge)
            #expect(big.json["error"] != nil)
        }
    }

    @Test func wrongPasswordAndUnknownUserLookTheSame() async throws {
        try await TestApp.run { app in
            _ = try await registeredSession(app, "carol")
            let s = TestSession(app.client)
            let wrong = try await s.send(.post, "/api/v1/auth/token", json: #"{"username":"carol","password":"nope-nope-nope"}"#)
            let unknown = try await s.send(.post, "/api/v1/auth/token", json: #"{"username":"nobody","password":"nope-nope-nope"}"#)
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.text == unknown.text)
        }
    }

    @Test func pagesEscapeWhatUsersTyped() async throws {
        try await TestApp.run { app in
            let s = TestSession(app.client)
            let page = try await s.send(.get, "/register")
            let csrf = try #require(s.cookies["arena_csrf"])
            #expect(page.text.contains(csrf))
            let evil = "<script>alert(1)</script>"
            let posted = try await s.send(.post, "/register", form: [("_csrf", csrf), ("username", "mallory"), ("display_name", evil),
                                                                     ("password", "password123"), ("password2", "password123")])
            #expect(posted.status == .seeOther)
            let home = try await s.send(.get, "/")
            #expect(!home.text.contains(evil))
            #expect(home.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            // A failed form echoes the username escaped, too.
            let s2 = TestSession(app.client)
            _ = try await s2.send(.get, "/login")
            let failed = try await s2.send(.post, "/login", form: [("_csrf", s2.cookies["arena_csrf"] ?? ""), ("username", "\"><img src=x onerror=alert(1)>"), ("password", "whatever1")])
            #expect(failed.status == .unauthorized)
            #expect(!failed.text.contains("<img src=x"))
        }
    }
}
