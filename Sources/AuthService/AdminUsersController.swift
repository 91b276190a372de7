import ArenaCore
import ArenaHTTP
import Foundation
import Hummingbird

/// `/admin/users`: an admin lists users, changes roles and disables accounts.
struct AdminUsersController: Sendable {
    let auth: Authenticator
    let renderer: PageRenderer

    struct Row {
        let id: Int64
        let username: String
        let displayName: String
        let isContestant: Bool
        let isJury: Bool
        let isAdmin: Bool
        let disabled: Bool
        let isSelf: Bool
    }

    struct View {
        let users: [Row]
        let count: Int
    }

    func addRoutes(to router: Router<ArenaRequestContext>) {
        let admin = router.group("/admin/users").add(middleware: RoleGuard(.admin))
        admin.get { _, context in
            let me = context.identity?.userId
            let rows = try await auth.users.all().map {
                Row(id: $0.id, username: $0.username, displayName: $0.displayName, isContestant: $0.roles.contains(.contestant),
                    isJury: $0.roles.contains(.jury), isAdmin: $0.roles.contains(.admin), disabled: $0.disabled, isSelf: $0.id == me)
            }
            return renderer.render("auth/admin-users", title: "Users", model: View(users: rows, count: rows.count), context: context)
        }
        admin.post("/{id}") { request, context in
            let id = try context.parameters.require("id", as: Int64.self)
            let form = try await AuthPagesController.form(request, context)
            let roles = form.all("role").compactMap(Role.init(rawValue:))
            let disabled = form["disabled"] == "on"
            if id == context.identity?.userId, disabled || !roles.contains(.admin) {
                throw UserError.invalid("You cannot disable yourself or drop your own admin role.")
            }
            try await auth.users.update(id: id, roles: roles, disabled: disabled)
            return PageRenderer.redirect(to: "/admin/users")
        }
    }
}
