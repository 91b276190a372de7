import ArenaCore
import ArenaHTTP
import ArenaStorage
import Hummingbird
import Logging
import PostgresNIO
import ServiceLifecycle

/// The scoring role: consumes the submission event log into stored standings (the `scoring`
/// schema) and serves `/api/v1/contests/{id}/standings`.
public struct ScoringModule: ArenaModule {
    let controller: StandingsController
    let consumer: StandingsConsumer
    /// Reads the stored standings (the leaderboard uses it in-process).
    public let reader: StandingsReader

    /// Creates the module; `directory` is the contests service.
    public init(db: DatabaseClient, logger: Logger, directory: any ContestDirectory, notifications: NotificationHub) {
        reader = StandingsReader(db: db, logger: logger)
        consumer = StandingsConsumer(db: db, directory: directory, events: notifications.channel("arena_events"), logger: logger)
        controller = StandingsController(reader: reader, directory: directory, consumer: consumer)
    }

    /// The `scoring` schema.
    public static let schemaMigrations = ScoringMigrations.all

    /// `scoring`.
    public var name: String { "scoring" }
    /// The `scoring` schema.
    public var migrations: [Migration] { Self.schemaMigrations }
    /// Its API.
    public var apiOperations: [APIOperation] { StandingsController.operations }
    /// The consumer (woken by the process's `NotificationHub`).
    public var services: [any Service] { [consumer] }

    /// Adds routes.
    public func addRoutes(to router: Router<ArenaRequestContext>) { controller.addRoutes(to: router) }
}
