import ArenaHTTP
import Foundation

/// A contest as lists show it.
struct ContestCard {
    let id: String
    let name: String
    let phase: String
    let isRunning: Bool
    let isUpcoming: Bool
    let startText: String
    let startISO: String
    let endISO: String
    let lengthText: String
    let countdownLabel: String
    let countdownText: String
    let countdownTarget: String
    let scoring: String

    init(_ contest: Contest, now: Date = Date()) {
        id = contest.id
        name = contest.name
        phase = contest.phase(at: now)
        isRunning = phase == "running"
        isUpcoming = phase == "upcoming"
        startText = Format.utc(contest.start)
        startISO = Format.iso(contest.start)
        endISO = Format.iso(contest.end)
        lengthText = Format.span(Double(contest.duration))
        scoring = contest.scoring.uppercased()
        switch phase {
        case "upcoming":
            countdownLabel = "Starts in"; countdownText = Format.span(contest.start.timeIntervalSince(now)); countdownTarget = startISO
        case "running":
            countdownLabel = "Ends in"; countdownText = Format.span(contest.end.timeIntervalSince(now)); countdownTarget = endISO
        default:
            countdownLabel = "Finished"; countdownText = Format.utc(contest.end); countdownTarget = ""
        }
    }
}

/// A problem row on a contest page.
struct ProblemRow {
    let label: String
    let problemId: String
    let name: String
    let timeLimit: String
    let memory: String
    let points: Int?
    let rgb: String?
    let url: String
    /// Your status: solved, tried, pending (nil: not tried, or not known here).
    var status: String? = nil
}
