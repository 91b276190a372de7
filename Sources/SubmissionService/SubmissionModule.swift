import ArenaCore
import ArenaHTTP
import ArenaStorage
import Hummingbird
import Logging
import PostgresNIO
import ServiceLifecycle

/// The submissions role: intake, submission pages and API, the judge queue and its API.
public struct SubmissionModule: ArenaModule {
    let intake: Intake
    let store: SubmissionStore
    /// The queue (in-process judges use it directly).
    public let queue: JudgeQueue
    let jobs: NotificationChannel
    let progress: NotificationChannel
    let catalog: any ProblemCatalog
    let renderer: PageRenderer
    let rejudger: Rejudger

    /// Creates the module; `catalog` is the contests service (in-process or over HTTP).
    public init(db: DatabaseClient, logger: Logger, renderer: PageRenderer, catalog: any ProblemCatalog,
                notifications: NotificationHub, minimumGap: Double = 5, leaseSeconds: Int = 30) {
        store = SubmissionStore(db: db, logger: logger)
        var intake = Intake(store: store, catalog: catalog)
        intake.minimumGap = minimumGap
        self.intake = intake
        queue = JudgeQueue(db: db, logger: logger, leaseSeconds: leaseSeconds)
        jobs = notifications.channel("arena_jobs")
        progress = notifications.channel("arena_progress")
        self.catalog = catalog
        self.renderer = renderer
        rejudger = Rejudger(db: db, logger: logger, catalog: catalog)
    }

    /// The submissions schema's migrations.
    public static let schemaMigrations = SubmissionMigrations.all
    /// `submissions`.
    public var name: String { "submissions" }
    /// Its migrations.
    public var migrations: [Migration] { Self.schemaMigrations }
    /// Its API.
    public var apiOperations: [APIOperation] { SubmissionAPIController.operations + JudgeAPIController.operations }
    /// None of its own: the process's `NotificationHub` wakes long-polling judges and status fragments.
    public var services: [any Service] { [] }

    /// Adds routes.
    public func addRoutes(to router: Router<ArenaRequestContext>) {
        SubmissionAPIController(intake: intake, store: store, rejudger: rejudger).addRoutes(to: router)
        SubmissionPagesController(intake: intake, store: store, rejudger: rejudger, longPoll: StatusLongPoll(store: store, progress: progress),
                                  renderer: renderer).addRoutes(to: router)
        JudgeAPIController(queue: queue, catalog: catalog, jobs: jobs).addRoutes(to: router)
    }
}
