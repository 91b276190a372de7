import ArenaCore
import ArenaHTTP
import Foundation
import Hummingbird

/// `/api/v1/auth/*`, `/api/v1/users` (admin) and `/.well-known/jwks.json`.
struct AuthAPIController: Sendable {
    let auth: Authenticator

    struct Credentials: Decodable {
        let username: String
        let password: String
        let displayName: String?
    }

    struct RefreshRequest: Decodable {
        let refreshToken: String
    }

    struct TokenResponse: Encodable {
        let accessToken: String
        let tokenType = "Bearer"
        let expiresIn: Int
        let refreshToken: String
    }

    struct UserPatch: Decodable {
        let roles: [Role]?
        let disabled: Bool?
    }

    static let operations: [APIOperation] = [
        APIOperation("post", "/api/v1/auth/register", "Create a contestant account", tag: "auth",
                     body: ["username": "string", "password": "string", "display_name?": "string"],
                     responses: [201: "Created", 409: "Username taken", 422: "Invalid username or password"]),
        APIOperation("post", "/api/v1/auth/token", "Log in: exchange a password for tokens", tag: "auth",
                     body: ["username": "string", "password": "string"],
                     responses: [200: "Tokens", 401: "Wrong username or password", 429: "Too many failures"]),
        APIOperation("post", "/api/v1/auth/refresh", "Rotate a refresh token", tag: "auth", body: ["refresh_token": "string"],
                     responses: [200: "Tokens", 401: "Invalid, expired or reused token"]),
        APIOperation("post", "/api/v1/auth/logout", "Revoke a login's refresh tokens", tag: "auth", body: ["refresh_token": "string"],
                     responses: [204: "Revoked"]),
        APIOperation("get", "/api/v1/users", "List users", tag: "auth", auth: "admin"),
        APIOperation("patch", "/api/v1/users/{id}", "Change a user's roles or disable the account", tag: "auth", auth: "admin",
                     body: ["roles?": "array", "disabled?": "boolean"], responses: [200: "Updated", 404: "No such user"]),
    ]

    func addRoutes(to router: Router<ArenaRequestContext>) {
        router.get("/.well-known/jwks.json") { _, _ in JSONBody.response(auth.issuer.jwks) }
        let api = router.group("/api/v1/auth")
        api.post("/register") { request, context in
            let body = try await request.decode(as: Credentials.self, context: context)
            let user = try await auth.users.create(username: body.username, password: body.password, displayName: body.displayName)
            return JSONBody.response(user, status: .created)
        }
        api.post("/token") { request, context in
            let body = try await request.decode(as: Credentials.self, context: context)
            let (_, pair) = try await auth.login(username: body.username, password: body.password, address: context.remoteAddress)
            return JSONBody.response(TokenResponse(pair))
        }
        api.post("/refresh") { request, context in
            let body = try await request.decode(as: RefreshRequest.self, context: context)
            return JSONBody.response(TokenResponse(try await auth.refresh(body.refreshToken)))
        }
        api.post("/logout") { request, context in
            let body = try await request.decode(as: RefreshRequest.self, context: context)
            try await auth.logout(body.refreshToken)
            return Response(status: .noContent)
        }
        let users = router.group("/api/v1/users").add(middleware: RoleGuard(.admin))
        users.get { _, _ in JSONBody.response(try await auth.users.all()) }
        users.patch("/{id}") { request, context in
            let id = try context.parameters.require("id", as: Int64.self)
            let patch = try await request.decode(as: UserPatch.self, context: context)
            guard let user = try await auth.users.user(id: id) else { throw UserError.notFound("No user has id \(id).") }
            try await auth.users.update(id: id, roles: patch.roles ?? user.roles, disabled: patch.disabled ?? user.disabled)
            return JSONBody.response(try await auth.users.user(id: id))
        }
    }
}

extension AuthAPIController.TokenResponse {
    init(_ pair: TokenPair) {
        self.init(accessToken: pair.accessToken, expiresIn: pair.expiresIn, refreshToken: pair.refreshToken)
    }
}
