import ArenaCore
import ArenaHTTP
import ArenaStorage
import Hummingbird
import Logging
import PostgresNIO

/// The contests role: problems (imported packages and versions), contests, registrations, and
/// their pages, API and admin console.
public struct ContestModule: ArenaModule {
    /// The store (shared with in-process callers).
    public let store: ContestStore
    let importer: ProblemImporter
    let sync: ProblemSync
    let renderer: PageRenderer
    let servesHome: Bool
    let submitEnabled: Bool
    let statuses: (any SubmissionStatusSource)?

    /// Creates the module. `servesHome`: this process also has the web role, whose home page
    /// lists contests. `submitEnabled`: the submissions role is here too, so pages show the form.
    public init(db: DatabaseClient, logger: Logger, renderer: PageRenderer, problemsRepository: String?, dataDirectory: String,
                servesHome: Bool, submitEnabled: Bool, statuses: (any SubmissionStatusSource)? = nil) {
        store = ContestStore(db: db, logger: logger)
        importer = ProblemImporter(db: db, logger: logger)
        sync = ProblemSync(importer: importer, repository: problemsRepository, dataDirectory: dataDirectory)
        self.renderer = renderer
        self.servesHome = servesHome
        self.submitEnabled = submitEnabled
        self.statuses = statuses
    }

    /// The contests schema's migrations.
    public static let schemaMigrations = ContestMigrations.all
    /// `contests`.
    public var name: String { "contests" }
    /// Its migrations.
    public var migrations: [Migration] { Self.schemaMigrations }
    /// Its API.
    public var apiOperations: [APIOperation] { ContestAPIController.operations }

    /// Adds pages, API and admin routes.
    public func addRoutes(to router: Router<ArenaRequestContext>) {
        ContestPagesController(store: store, renderer: renderer, statuses: statuses).addRoutes(to: router, withHome: servesHome)
        ProblemPagesController(store: store, renderer: renderer, submitEnabled: submitEnabled).addRoutes(to: router)
        ContestAPIController(store: store).addRoutes(to: router)
        AdminContestsController(store: store, sync: sync, renderer: renderer).addRoutes(to: router)
    }
}
