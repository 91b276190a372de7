import ArenaHTTP
import ArenaStorage
import AuthService
import ArenaCore
import ContestService
import JudgeService
import LeaderboardService
import ScoringService
import HummingbirdCore
import HummingbirdWebSocket
import SubmissionService
import Foundation
import Hummingbird
import Logging
import PostgresNIO
import ServiceLifecycle

/// The composition root: which roles, which implementations, one ServiceGroup.
public enum ApplicationBuilder {
    /// The API version reported in the OpenAPI document.
    public static let version = "0.2.1"

    /// Builds the application for `config`: a DatabaseClient (first service, so it drains last),
    /// migrations before the server starts, and the routes of the chosen roles only.
    public static func build(config: ArenaConfig, logger: Logger) async throws -> some ApplicationProtocol {
        let database = config.database.makeClient(logger: logger, maxConnections: config.maxConnections)
        let parts = try await makeRouter(config: config, database: database, logger: logger)
        var app = Application(
            router: parts.router,
            server: parts.server,
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "arena"),
            logger: logger)
        app.addServices(database)
        app.addServices(parts.services)
        if config.judges > 0, config.roles.contains(.submissions) {
            app.addServices(try await inProcessJudges(config: config, logger: logger))
        }
        if config.migrate {
            let migrator = parts.migrator
            app.beforeServerStarts { try await migrator.migrate() }
        }
        return app
    }

    /// `config.judges` judge workers in this process. They take the same path as remote ones
    /// (HTTP on loopback, a judge token signed with this process's key), so a test of one tests both.
    static func inProcessJudges(config: ArenaConfig, logger: Logger) async throws -> JudgeWorker {
        let key = try KeyStore.privateKey(file: config.jwtPrivateKeyFile, dataDirectory: config.dataDirectory)
        let token = try await TokenIssuer(privateKey: key).judgeToken(name: "in-process")
        let host = config.host == "0.0.0.0" ? "127.0.0.1" : config.host
        return try JudgeWorkers.make(server: "http://\(host):\(config.port)", token: token,
                                     cache: URL(fileURLWithPath: config.dataDirectory).appendingPathComponent("judge"),
                                     name: "in-process", parallel: config.judges, logger: logger)
    }

    /// The router and the pieces around it, separated from `build` so tests can use the router alone.
    public static func makeRouter(config: ArenaConfig, database: DatabaseClient, logger: Logger) async throws -> RouterParts {
        let resources = Resources.root()
        let renderer = try await PageRenderer(directory: resources.appendingPathComponent("Templates"))
        let privateKey = config.roles.contains(.auth) || config.jwtPublicKeyFile == nil
            ? try KeyStore.privateKey(file: config.jwtPrivateKeyFile, dataDirectory: config.dataDirectory) : nil
        let publicKey = try privateKey?.publicKey ?? KeyStore.publicKey(file: config.jwtPublicKeyFile ?? "")
        let verifier = await TokenVerifier(publicKey: publicKey)

        // One LISTEN connection for the whole process; the roles ask it for their channels.
        let notifications = NotificationHub(client: database, logger: logger)
        var modules: [any ArenaModule] = []
        var refresher: (any SessionRefresher)?
        if config.roles.contains(.web) { modules.append(WebModule(renderer: renderer, servesHome: !config.roles.contains(.contests))) }
        if config.roles.contains(.auth), let privateKey {
            let authenticator = Authenticator(db: database, issuer: await TokenIssuer(privateKey: privateKey), logger: logger,
                                              refreshReuseGrace: config.refreshReuseGrace)
            refresher = authenticator
            modules.append(AuthModule(authenticator: authenticator, renderer: renderer))
        }

        var catalog: ContestCatalog?
        if config.roles.contains(.contests) {
            let contests = ContestModule(db: database, logger: logger, renderer: renderer, problemsRepository: config.problemsRepository,
                                         dataDirectory: config.dataDirectory, servesHome: config.roles.contains(.web),
                                         submitEnabled: config.roles.contains(.submissions),
                                         statuses: config.roles.contains(.submissions) ? SubmissionStatuses(db: database, logger: logger) : nil)
            catalog = ContestCatalog(store: contests.store)
            modules.append(contests)
        }
        if config.roles.contains(.submissions) {
            // The submissions role asks the contests role through `ProblemCatalog`; until its HTTP
            // client exists, the two must share a process.
            guard let catalog else { throw ConfigError("the submissions role needs the contests role in the same process (for now)") }
            modules.append(SubmissionModule(db: database, logger: logger, renderer: renderer, catalog: catalog, notifications: notifications,
                                            minimumGap: config.submissionGap,
                                            leaseSeconds: config.judgeLeaseSeconds))
        }
        var scoring: ScoringModule?
        if config.roles.contains(.scoring) {
            // Like submissions, scoring asks the contests role in-process for now.
            guard let catalog else { throw ConfigError("the scoring role needs the contests role in the same process (for now)") }
            scoring = ScoringModule(db: database, logger: logger, directory: catalog, notifications: notifications)
            modules.append(scoring!)
        }
        if config.roles.contains(.leaderboard) {
            // The leaderboard reads the stored standings through scoring's reader, in-process for now.
            guard let catalog, let scoring else { throw ConfigError("the leaderboard role needs the contests and scoring roles in the same process (for now)") }
            modules.append(LeaderboardModule(db: database, logger: logger, renderer: renderer, reader: scoring.reader, directory: catalog,
                                             verifier: verifier, notifications: notifications))
        }

        let router = Router(context: ArenaRequestContext.self)
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: CompressionMiddleware<ArenaRequestContext>())
        router.add(middleware: ErrorMiddleware(renderer: renderer))
        let routeTable = RouteTable()
        router.add(middleware: MethodNotAllowedMiddleware(table: routeTable))
        if config.roles.contains(.web) {
            router.add(middleware: FileMiddleware(resources.appendingPathComponent("Public").path, urlBasePath: "/static", logger: logger))
            router.add(middleware: FileMiddleware("/usr/share/javascript/katex", urlBasePath: "/static/katex", logger: logger))
        }
        router.add(middleware: AuthenticationMiddleware(verifier: verifier, refresher: refresher))
        router.add(middleware: CSRFMiddleware())
        // Parameters the API document types are checked against it before any handler runs.
        let operations = CommonController.operations + modules.flatMap(\.apiOperations)
        router.add(middleware: APIContractMiddleware(operations: operations))

        let migrator = Migrator(client: database, migrations: modules.flatMap(\.migrations), logger: logger)
        HealthController(database: database, migrator: migrator, registry: ProcessMetrics.registry,
                         openAPI: OpenAPIDocument.json(operations, version: version)).addRoutes(to: router)
        CommonController().addRoutes(to: router)
        for module in modules { module.addRoutes(to: router) }
        routeTable.load(router.routes.map { ($0.path.description, $0.method.rawValue) })
        // WebSocket upgrades go to a router of their own, with only the `/ws/…` routes.
        // Browsers attach cookies to any site's WebSocket handshake: only our origins may open one.
        let sockets = Router(context: ArenaSocketContext.self)
        sockets.add(middleware: SocketOriginMiddleware(policy: OriginPolicy(allowed: config.allowedOrigins)))
        for module in modules { module.addSocketRoutes(to: sockets) }
        let server: HTTPServerBuilder = .guardedHTTP1(
            webSocketRouter: sockets, webSocket: .init(maxFrameSize: 1 << 16, autoPing: .enabled(timePeriod: .seconds(20))),
            limits: config.connection)
        return RouterParts(router: router, migrator: migrator, services: [BackgroundServices.group([notifications] + modules.flatMap(\.services), logger: logger)], operations: operations, server: server, modules: modules)
    }

    /// Every migration of every role (what `arena migrate` applies).
    public static func allMigrations() -> [Migration] {
        AuthModule.schemaMigrations + ContestModule.schemaMigrations + SubmissionModule.schemaMigrations + ScoringModule.schemaMigrations
    }
}

/// What `makeRouter` returns.
public struct RouterParts {
    /// The router with every route of the chosen roles.
    public let router: Router<ArenaRequestContext>
    /// The migrator of the chosen roles.
    public let migrator: Migrator
    /// Background services of the chosen roles.
    public let services: [any Service]
    /// The documented API operations.
    public let operations: [APIOperation]
    /// The HTTP/1 server with the WebSocket upgrade.
    public let server: HTTPServerBuilder
    /// The chosen roles' modules (tests look inside, e.g. at the leaderboard's subscribers).
    public let modules: [any ArenaModule]
}
