import ArenaHTTP
import ArenaStorage
import Hummingbird

/// The web role: home page and static files (`/static`, KaTeX from Debian's libjs-katex).
struct WebModule: ArenaModule {
    let renderer: PageRenderer
    /// Serve the plain home page (when the contests role, whose home lists contests, is absent).
    let servesHome: Bool
    var name: String { "web" }
    var migrations: [Migration] { [] }
    var apiOperations: [APIOperation] { [] }

    func addRoutes(to router: Router<ArenaRequestContext>) {
        guard servesHome else { return }
        router.get("/") { _, context in
            renderer.render("home", title: "Arena", context: context)
        }
    }
}
