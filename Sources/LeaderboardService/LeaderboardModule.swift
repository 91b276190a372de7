import ArenaCore
import ArenaHTTP
import ArenaStorage
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import PostgresNIO
import ScoringRules
import ScoringService
import ServiceLifecycle

/// The leaderboard role: the standings page and `/ws/contests/{id}/standings[?since=VERSION]`.
/// Stateless: it reads what scoring stored (through `StandingsReader`) and pushes it.
///
/// The socket sends JSON text messages shaped like `GET /api/v1/contests/{id}/standings`:
/// first a snapshot (`"snapshot": true`), or, with `since`, the rows changed after that
/// version; then one message per new version with the changed rows. The jury gets the live
/// lane, everyone else the public one (a contestant's own row stays live while frozen).
/// Refusals (bad `since`, unknown or hidden contest, bad token) close the socket at once with
/// code 4000 + HTTP status (4400, 4401, 4404) and the reason. WebSocket pings every 20 s keep
/// idle connections alive through proxies.
public struct LeaderboardModule: ArenaModule {
    let reader: StandingsReader
    let directory: any ContestDirectory
    let renderer: PageRenderer
    let verifier: TokenVerifier
    /// The fan-out (public for the benchmark and tests).
    public let feed: StandingsFeed
    /// The rows' HTML of shared views, by contest, lane and version (a few: each can be megabytes).
    let rowsHTML = ImmutableCache<String, StandingsHTML.Rows>(limit: 8)
    /// Whole pages for anonymous visitors, by the same key.
    let anonymousPages = ImmutableCache<String, String>(limit: 8)

    /// Creates the module; `reader` is the scoring service's, `directory` the contests service.
    public init(db: DatabaseClient, logger: Logger, renderer: PageRenderer, reader: StandingsReader, directory: any ContestDirectory,
                verifier: TokenVerifier, notifications: NotificationHub) {
        self.reader = reader
        self.directory = directory
        self.renderer = renderer
        self.verifier = verifier
        feed = StandingsFeed(reader: reader, notifications: notifications.channel("arena_standings"), logger: logger)
    }

    /// `leaderboard`.
    public var name: String { "leaderboard" }
    /// No tables: it is a fan-out of scoring's.
    public var migrations: [Migration] { [] }
    /// No JSON API of its own (the socket is described in the README).
    public var apiOperations: [APIOperation] { [] }
    /// The fan-out (woken by the process's `NotificationHub`).
    public var services: [any Service] { [feed] }

    struct PageModel {
        let contestId: String
        let labels: [String]
        let version: Int64
        let frozen: Bool
        /// The table body, already HTML (see `StandingsHTML`).
        let rowsHTML: String
        let hasRows: Bool
        let me: String?
        /// "Frozen since …" once the freeze has begun, "The public standings freeze at …" before.
        let freezeNotice: String?
    }

    /// The standings page: complete without JavaScript; the script follows the socket from the
    /// page's version. The rows' HTML of a shared view is written once per version and lane (10,000
    /// rows take ~75 ms) with where each contestant's row starts, and spliced into the rendered
    /// template with the viewer's own row marked; an anonymous visitor's whole page is the same for all of them, so it is kept,
    /// and so is its gzip form. Nothing per row is built for a request that the caches answer.
    public func addRoutes(to router: Router<ArenaRequestContext>) {
        router.get("/contests/{id}/standings") { _, context in
            let id = try context.parameters.require("id")
            let info = try await directory.scoringInfo(contestId: id, identity: context.identity)
            let view = standingsView(for: context.identity)
            let slice = try await reader.slice(contestId: id, view: view)
            let frozen = StandingsJSON.isFrozen(info: info)
            let key = "\(id)|\(slice.state.lane(for: view))|\(slice.state.version)|\(slice.state.resetVersion)|\(frozen)|\(info.problems.map(\.label))"
            // While frozen a contestant whose own live row differs from the public one sees rows nobody else does.
            let shared = !slice.isPersonal
            let page = {
                let make = { StandingsHTML.Rows(StandingsJSON(slice, info: info).rows) }
                let rows = shared ? rowsHTML.value(key, make: make) : make()
                let document = renderer.document("leaderboard/standings", title: "Standings", model: PageModel(
                    contestId: id, labels: info.problems.map(\.label), version: slice.state.version, frozen: frozen,
                    rowsHTML: StandingsHTML.placeholder, hasRows: !slice.rows.isEmpty,
                    me: context.identity?.username, freezeNotice: StandingsHTML.freezeNotice(info, frozen: frozen)), context: context)
                return rows.spliced(into: document, marking: context.identity?.userId)
            }
            guard context.identity == nil else { return PageRenderer.html(page()) }
            var response = PageRenderer.html(anonymousPages.value(key, make: page))
            response.cacheCompressed(as: "standings-page|" + key)
            return response
        }
    }

    /// The standings socket.
    public func addSocketRoutes(to router: Router<ArenaSocketContext>) {
        router.ws("/ws/contests/{id}/standings") { inbound, outbound, context in
            context.requestContext.releaseUpgradeHandler()
            let logger = context.logger
            let opened: (contestId: String, info: ContestScoringInfo, view: StandingsView, since: Int64?)
            do {
                let id = try context.requestContext.parameters.require("id")
                let since = try StandingsSince.parse(context.request.uri.queryParameters["since"].map(String.init))
                let identity = try await context.request.socketIdentity(verifier: verifier)
                opened = (id, try await directory.scoringInfo(contestId: id, identity: identity), standingsView(for: identity), since)
            } catch let error as UserError {
                try await outbound.close(.unknown(UInt16(4000 + error.status)), reason: error.message)
                return
            }
            try await stream(opened.contestId, info: opened.info, view: opened.view, since: opened.since, inbound: inbound,
                             outbound: outbound, logger: logger)
        }
    }

    private func stream(_ contestId: String, info: ContestScoringInfo, view: StandingsView, since: Int64?,
                        inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, logger: Logger) async throws {
        let (id, wakes) = await feed.subscribe(contestId: contestId, info: info)
        defer { Task { await feed.unsubscribe(contestId: contestId, id: id) } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            // Whatever the client sends is ignored; the loop ends when it closes.
            group.addTask { for try await _ in inbound {} }
            group.addTask {
                var version = since ?? -1
                for await _ in wakes {
                    switch try await feed.catchUp(contestId: contestId, view: view, from: version) {
                    case .current where version >= 0:
                        continue
                    case .current, .snapshot:
                        let slice = try await reader.slice(contestId: contestId, view: view, since: version >= 0 ? version : nil)
                        try await outbound.writeTextMessage(try reader.json(slice, view: view, contestId: contestId, info: info))
                        version = max(version, slice.state.version)
                    case let .diff(text, newVersion):
                        try await outbound.writeTextMessage(text)
                        version = newVersion
                    }
                }
            }
            defer { group.cancelAll() }
            try await group.next()
        }
        logger.debug("standings socket of \(contestId) closed")
    }
}
