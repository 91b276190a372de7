import ArenaCore
import ArenaHTTP
import Foundation
import HTTPTypes
import Hummingbird

/// `/login`, `/register`, `/logout`: the HTML face of the auth service.
struct AuthPagesController: Sendable {
    let auth: Authenticator
    let renderer: PageRenderer

    struct FormView {
        let username: String
        let displayName: String
        let next: String
        let error: String?
    }

    func addRoutes(to router: Router<ArenaRequestContext>) {
        router.get("/login") { request, context in
            renderer.render("auth/login", title: "Log in", model: FormView(username: "", displayName: "", next: Self.next(request), error: nil), context: context)
        }
        router.post("/login") { request, context in
            let form = try await Self.form(request, context)
            let view = FormView(username: form["username"] ?? "", displayName: "", next: Self.safeNext(form["next"]), error: nil)
            do {
                let (_, pair) = try await auth.login(username: view.username, password: form["password"] ?? "", address: context.remoteAddress)
                var response = PageRenderer.redirect(to: view.next)
                pair.setCookies(on: &response, secure: context.isSecure)
                return response
            } catch let error as UserError {
                var response = renderer.render("auth/login", title: "Log in", model: FormView(username: view.username, displayName: "", next: view.next, error: error.message),
                                               context: context, status: .init(code: error.status))
                for (name, value) in error.headers { response.headers[HTTPField.Name(name)!] = value }
                return response
            }
        }
        router.get("/register") { _, context in
            renderer.render("auth/register", title: "Create an account", model: FormView(username: "", displayName: "", next: "/", error: nil), context: context)
        }
        router.post("/register") { request, context in
            let form = try await Self.form(request, context)
            let username = form["username"] ?? "", password = form["password"] ?? "", display = form["display_name"] ?? ""
            do {
                guard password == form["password2"] else { throw UserError.invalid("The two passwords differ.") }
                _ = try await auth.users.create(username: username, password: password, displayName: display)
                let (_, pair) = try await auth.login(username: username, password: password, address: context.remoteAddress)
                var response = PageRenderer.redirect(to: "/")
                pair.setCookies(on: &response, secure: context.isSecure)
                return response
            } catch let error as UserError {
                return renderer.render("auth/register", title: "Create an account",
                                       model: FormView(username: username, displayName: display, next: "/", error: error.message),
                                       context: context, status: .init(code: error.status))
            }
        }
        router.post("/logout") { request, context in
            if let refresh = request.cookies[SessionCookies.refresh]?.value, !refresh.isEmpty { try await auth.logout(refresh) }
            var response = PageRenderer.redirect(to: "/")
            response.setCookie(SessionCookies.clear(SessionCookies.access, secure: context.isSecure))
            response.setCookie(SessionCookies.clear(SessionCookies.refresh, secure: context.isSecure))
            return response
        }
    }

    static func form(_ request: Request, _ context: ArenaRequestContext) async throws -> FormFields {
        var request = request
        return FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
    }

    static func next(_ request: Request) -> String {
        safeNext(request.uri.queryParameters["next"].map(String.init))
    }

    /// Only same-site paths: never `//evil.example`, `https://…` or what a browser reads as those.
    static func safeNext(_ next: String?) -> String { SafeRedirect.path(next) }
}
