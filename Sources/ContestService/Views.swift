import Foundation

/// Small formatting helpers for pages.
enum Format {
    /// `2026-12-01 10:00 UTC` (gmtime: no formatter objects on the page path).
    static func utc(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var t = tm()
        gmtime_r(&seconds, &t)
        return String(format: "%04d-%02d-%02d %02d:%02d UTC", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min)
    }

    /// `2026-12-01T10:00:00Z`.
    static func iso(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var t = tm()
        gmtime_r(&seconds, &t)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec)
    }

    /// "2 h 05 min", "3 d 4 h", "45 s".
    static func span(_ seconds: Double) -> String {
        let s = max(0, Int(seconds))
        if s >= 86400 { return "\(s / 86400) d \(s % 86400 / 3600) h" }
        if s >= 3600 { return String(format: "%d h %02d min", s / 3600, s % 3600 / 60) }
        if s >= 60 { return "\(s / 60) min \(s % 60) s" }
        return "\(s) s"
    }

    static func limit(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
    }
}

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
}
