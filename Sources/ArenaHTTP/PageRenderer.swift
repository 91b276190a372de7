import ArenaCore
import Foundation
import Hummingbird
import Mustache

/// Renders Mustache pages inside the base layout. `{{x}}` escapes HTML; only fields a module marks
/// as trusted HTML (the sanitised statement) are ever written with `{{{x}}}`.
public struct PageRenderer: Sendable {
    private let library: MustacheLibrary

    /// Loads every `*.mustache` under `directory` (names like `auth/login`).
    public init(directory: URL) async throws {
        library = try await MustacheLibrary(directory: directory.path)
    }

    /// Renders `template` with `model` as an HTML response.
    public func render(_ template: String, title: String, model: some Any = [String: String](),
                       context: ArenaRequestContext, status: HTTPResponse.Status = .ok) -> Response {
        let page = PageView(title: title, user: context.identity.map(UserView.init), csrf: context.csrfToken, model: model)
        guard let html = library.render(page, withTemplate: template) else {
            context.logger.error("missing template \(template)")
            return Response(status: .internalServerError, body: .init(byteBuffer: ByteBuffer(string: "missing template")))
        }
        return Self.html(html, status: status)
    }

    /// The rendered document of `render` (for callers that memoise whole pages).
    public func document(_ template: String, title: String, model: some Any, context: ArenaRequestContext) -> String {
        let page = PageView(title: title, user: context.identity.map(UserView.init), csrf: context.csrfToken, model: model)
        return library.render(page, withTemplate: template) ?? ""
    }

    /// A template rendered with `model` alone (no layout, no user): for fragments that are the
    /// same for everyone and can be cached.
    public func fragment(_ template: String, model: Any) -> String {
        library.render(model, withTemplate: template) ?? ""
    }

    /// The error page for `status` and `message`.
    public func errorPage(status: HTTPResponse.Status, message: String, context: ArenaRequestContext) -> Response {
        render("error", title: "\(status.code) \(status.reasonPhrase)",
               model: ErrorView(code: Int(status.code), reason: status.reasonPhrase, message: message, needsLogin: status.code == 401),
               context: context, status: status)
    }

    /// An HTML response from a finished document.
    public static func html(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A 303 redirect (after a form POST).
    public static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

/// What every page gets: the layout's fields and the page's own model. It answers Mustache's
/// lookups itself (`MustacheParent`) instead of by reflection, which is the costly part of a render.
struct PageView<Model>: MustacheParent {
    let title: String
    let user: UserView?
    let csrf: String
    let model: Model

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "user": user
        case "csrf": csrf
        case "model": model
        default: nil
        }
    }
}

/// The logged-in user as the header shows them.
public struct UserView: Sendable, MustacheParent {
    /// Display name.
    public let name: String
    /// Login name.
    public let username: String
    /// Jury or admin.
    public let isJury: Bool
    /// Admin.
    public let isAdmin: Bool

    /// Mustache lookups without reflection.
    public func child(named field: String) -> Any? {
        switch field {
        case "name": name
        case "username": username
        case "isJury": isJury
        case "isAdmin": isAdmin
        default: nil
        }
    }

    init(_ identity: Identity) {
        name = identity.displayName
        username = identity.username
        isJury = identity.isJury
        isAdmin = identity.isAdmin
    }
}

struct ErrorView {
    let code: Int
    let reason: String
    let message: String
    let needsLogin: Bool
}
