import ArenaCore
import ArenaHTTP
import Hummingbird

/// Routes every role serves: `/api/v1/me` (answered from the token alone).
struct CommonController: Sendable {
    static let operations: [APIOperation] = [
        APIOperation("get", "/api/v1/me", "Who the token belongs to", tag: "auth", auth: "user",
                     responses: [200: APIResponse("The identity", .object(required: [
                         "id": .integer(), "username": .text, "display_name": .text, "roles": .array(APISchemas.role),
                     ]))]),
        APIOperation("get", "/api/openapi.json", "This document", tag: "meta", responses: [200: APIResponse("The OpenAPI document", .anyObject)]),
    ]

    func addRoutes(to router: Router<ArenaRequestContext>) {
        router.get("/api/v1/me") { _, context in
            let me = try context.requireUser()
            return JSONBody.response(MeResponse(id: me.userId, username: me.username, displayName: me.displayName, roles: me.roles))
        }
    }

    struct MeResponse: Encodable {
        let id: Int64
        let username: String
        let displayName: String
        let roles: [Role]
    }
}
