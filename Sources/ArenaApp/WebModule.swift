import ArenaHTTP
import ArenaStorage
import Hummingbird

/// The web role: home page and static files (`/static`, KaTeX from Debian's libjs-katex).
struct WebModule: ArenaModule {
    let renderer: PageRenderer
    var name: String { "web" }
    var migrations: [Migration] { [] }
    var apiOperations: [APIOperation] { [] }

    func addRoutes(to router: Router<ArenaRequestContext>) {
        router.get("/") { _, context in
            renderer.render("home", title: "Arena", context: context)
        }
    }
}
