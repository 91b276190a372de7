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

    static let tokens = APISchema.object(required: [
        "access_token": .text, "token_type": .string(values: ["Bearer"]), "expires_in": .integer(), "refresh_token": .text,
    ])
    static let register = APIOperation("post", "/api/v1/auth/register", "Create a contestant account", tag: "auth",
        body: .object(required: ["username": .text, "password": .text], optional: ["display_name": .text]),
        responses: [201: APIResponse("Created", APISchemas.user), 409: APIResponse("Username taken", .error),
                    422: APIResponse("Invalid username, password or display name", .error)])
    static let token = APIOperation("post", "/api/v1/auth/token", "Log in: exchange a password for tokens", tag: "auth",
        body: .object(required: ["username": .text, "password": .text]),
        responses: [200: APIResponse("Tokens", tokens), 401: APIResponse("Wrong username or password", .error),
                    403: APIResponse("The account is disabled", .error), 422: APIResponse("A name or password longer than any account's", .error),
                    429: APIResponse("Too many failures", .error, headers: ["Retry-After": "Seconds to wait"])])
    static let refresh = APIOperation("post", "/api/v1/auth/refresh", "Rotate a refresh token", tag: "auth",
        body: .object(required: ["refresh_token": .text]),
        responses: [200: APIResponse("Tokens", tokens), 401: APIResponse("Invalid, expired or reused token", .error)])
    static let logout = APIOperation("post", "/api/v1/auth/logout", "Revoke a login's refresh tokens", tag: "auth",
        body: .object(required: ["refresh_token": .text]), responses: [204: APIResponse("Revoked")])
    static let listUsers = APIOperation("get", "/api/v1/users", "List users", tag: "auth", auth: "admin",
        responses: [200: APIResponse("Every user, by name", .array(APISchemas.user))])
    static let patchUser = APIOperation("patch", "/api/v1/users/{id}", "Change a user's roles or disable the account", tag: "auth", auth: "admin",
        pathTypes: ["id": .integer()], body: .object(required: [:], optional: ["roles": .array(APISchemas.role), "disabled": .boolean]),
        responses: [200: APIResponse("Updated", APISchemas.user), 404: APIResponse("No such user", .error),
                    422: APIResponse("No role left, or the judge role", .error)])
    static let jwks = APIOperation("get", "/.well-known/jwks.json", "The public keys that verify access tokens (JWKS)", tag: "auth",
        responses: [200: APIResponse("The key set", .anyObject)])

    static let operations: [APIOperation] = [register, token, refresh, logout, listUsers, patchUser, jwks]

    func addRoutes(to router: Router<ArenaRequestContext>) {
        router.get("/.well-known/jwks.json") { _, _ in JSONBody.response(auth.issuer.jwks) }
        let api = router.group("/api/v1/auth")
        api.post("/register") { request, context in
            let body = try await Self.register.decodeRequired(Credentials.self, from: request, context: context)
            let user = try await auth.users.create(username: body.username, password: body.password, displayName: body.displayName)
            return JSONBody.response(user, status: .created)
        }
        api.post("/token") { request, context in
            let body = try await Self.token.decodeRequired(Credentials.self, from: request, context: context)
            let (_, pair) = try await auth.login(username: body.username, password: body.password, address: context.remoteAddress)
            return JSONBody.response(TokenResponse(pair))
        }
        api.post("/refresh") { request, context in
            let body = try await Self.refresh.decodeRequired(RefreshRequest.self, from: request, context: context)
            return JSONBody.response(TokenResponse(try await auth.refresh(body.refreshToken)))
        }
        api.post("/logout") { request, context in
            let body = try await Self.logout.decodeRequired(RefreshRequest.self, from: request, context: context)
            try await auth.logout(body.refreshToken)
            return Response(status: .noContent)
        }
        let users = router.group("/api/v1/users").add(middleware: RoleGuard(.admin))
        users.get { _, _ in JSONBody.response(try await auth.users.all()) }
        users.patch("/{id}") { request, context in
            let id = try context.parameters.require("id", as: Int64.self)
            let patch = try await Self.patchUser.decodeRequired(UserPatch.self, from: request, context: context)
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
