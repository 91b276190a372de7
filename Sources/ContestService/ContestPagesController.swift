import ArenaCore
import ArenaHTTP
import Foundation
import Hummingbird

/// Home, contest list, contest page and registration.
struct ContestPagesController: Sendable {
    let store: ContestStore
    let renderer: PageRenderer
    /// Where "your status per problem" comes from (the submissions role, when in this process).
    let statuses: (any SubmissionStatusSource)?
    /// Contest pages by contest, registrations made here, viewer and CSRF token, for one second.
    let pages = TimedCache<String, String>(ttl: .seconds(1), limit: 2_000)
    /// Each viewer's status per problem, for one second (a verdict shows within it).
    let myStatuses = TimedCache<String, [String: ProblemStatus]>(ttl: .seconds(1))

    struct HomeView {
        let running: [ContestCard]
        let upcoming: [ContestCard]
        let finished: [ContestCard]
        let hasRunning: Bool
        let hasUpcoming: Bool
    }

    struct ContestView {
        let contest: ContestCard
        let problems: [ProblemRow]
        let showProblems: Bool
        let registered: Bool
        let canRegister: Bool
        let registrations: Int
        let freezeText: String?
        let penalty: Int
        let isJury: Bool
    }

    func addRoutes(to router: Router<ArenaRequestContext>, withHome: Bool) {
        if withHome {
            router.get("/") { _, context in try await home(context, template: "home", title: "Arena") }
        }
        router.get("/contests") { _, context in try await home(context, template: "contests/list", title: "Contests") }
        router.get("/contests/{id}") { _, context in
            let contest = try await store.contest(try context.parameters.require("id"), for: context.identity)
            // A page is a function of the contest, the viewer (and their CSRF token) and the time:
            // kept for a second, like the contest rows and problem lists it shows.
            let viewer = context.identity.map { "\($0.userId)|\($0.displayName)|\($0.roles.map(\.rawValue))" } ?? "-"
            let html = try await pages.value("\(contest.id)|\(store.registrationVersion)|\(viewer)|\(context.csrfToken)") {
                renderer.document("contests/contest", title: contest.name, model: try await view(contest, context), context: context)
            }
            return PageRenderer.html(html)
        }
        router.post("/contests/{id}/register") { _, context in
            let identity = try context.requireUser()
            let contest = try await store.contest(try context.parameters.require("id"), for: identity)
            try await store.register(contest, identity)
            return PageRenderer.redirect(to: "/contests/\(contest.id)")
        }
    }

    func home(_ context: ArenaRequestContext, template: String, title: String) async throws -> Response {
        let now = Date()
        let contests = try await store.contests(for: context.identity)
        let cards = contests.map { ContestCard($0, now: now) }
        let running = cards.filter(\.isRunning), upcoming = cards.filter(\.isUpcoming).reversed()
        let view = HomeView(running: running, upcoming: Array(upcoming), finished: cards.filter { $0.phase == "finished" },
                            hasRunning: !running.isEmpty, hasUpcoming: !upcoming.isEmpty)
        return renderer.render(template, title: title, model: view, context: context)
    }

    func view(_ contest: Contest, _ context: ArenaRequestContext) async throws -> ContestView {
        let jury = context.identity?.isJury ?? false
        let started = contest.phase() != "upcoming"
        let registered = try await store.isRegistered(contest.id, context.identity)
        var mine: [String: ProblemStatus] = [:]
        if let statuses, let identity = context.identity, started {
            mine = try await myStatuses.value("\(identity.userId)|\(contest.id)") {
                try await statuses.problemStatuses(userId: identity.userId, contestId: contest.id)
            }
        }
        let problems = (started || jury) ? try await store.problems(of: contest.id).map {
            ProblemRow(label: $0.label, problemId: $0.problemId, name: $0.name, timeLimit: Format.limit($0.timeLimit), memory: "\($0.memoryMiB) MiB",
                       points: $0.points, rgb: $0.rgb, url: "/contests/\(contest.id)/problems/\($0.label)", status: mine[$0.problemId]?.rawValue)
        } : []
        return ContestView(
            contest: ContestCard(contest), problems: problems, showProblems: started || jury, registered: registered,
            canRegister: context.identity != nil && !registered && contest.openRegistration && contest.phase() != "finished",
            registrations: try await store.registrationCount(contest.id),
            freezeText: contest.freezeTime.map { "The public scoreboard freezes at \(Format.utc($0))." },
            penalty: contest.penaltyMinutes, isJury: jury)
    }
}
