import ArenaCore
import ArenaStorage
import Foundation
import Metrics
import NIOConcurrencyHelpers

/// The live status fragment's long-poll: `GET /submissions/{id}/status?after=TOKEN` answers when
/// the status differs from TOKEN, or after `timeout`.
///
/// A waiter sleeps on its own submission's key of `arena_progress` (the payload is
/// `"ID PHASE TEST OF"` for progress, `"ID judged"` for a verdict), so a judge's progress wakes
/// only that submission's waiters, and progress is answered from the payload itself; only a
/// verdict (or a notification without payload, after a reconnect) re-reads the database. A user
/// holds at most `perUser` long-polls at once; one more is refused at once with 429 and
/// `Retry-After` (the page's script then tries again 2 s later).
struct StatusLongPoll: Sendable {
    /// How long a long-poll waits at most.
    static let timeout: Duration = .seconds(20)
    /// Long-polls one user may hold at once (a few tabs; browsers open at most 6 connections per host).
    static let perUser = 8

    let store: SubmissionStore
    let progress: NotificationChannel
    private let holders = NIOLockedValueBox<[Int64: Int]>([:])

    init(store: SubmissionStore, progress: NotificationChannel) {
        self.store = store
        self.progress = progress
    }

    /// The submission as `read` returns it, once it differs from `after` (or is judged, or the
    /// time is up). Each database read counts in `arena_status_reads_total`.
    func wait(submission id: Int64, user: Int64, after: String, jury: Bool,
              read: @Sendable () async throws -> SubmissionDetail) async throws -> SubmissionPagesController.StatusView {
        // The channel's count before each read: a notification between the read and the wait
        // (its commit after the read) then ends the wait at once, and is not slept through.
        var seen = progress.generation
        var detail = try await counted(read)
        var status = SubmissionPagesController.status(detail, jury: jury)
        guard status.token == after, !status.done else { return status }
        guard enter(user) else {
            throw UserError(429, "Too many live status requests at once; this one will be retried.", headers: ["Retry-After": "2"])
        }
        defer { leave(user) }
        let deadline = ContinuousClock.now + Self.timeout
        while status.token == after, !status.done, ContinuousClock.now < deadline {
            let payload = await progress.wait(key: String(id), timeout: deadline - ContinuousClock.now, since: seen)
            if ContinuousClock.now >= deadline { break }
            if let note = payload.flatMap(Progress.init), note.submission == id, note.phase != "judged" {
                // `seen` stays: should the loop go on, the next wait ends at once and re-reads.
                detail = detail.with(status: note.phase, test: note.test, of: note.of)
            } else {
                seen = progress.generation
                detail = try await counted(read)
            }
            status = SubmissionPagesController.status(detail, jury: jury)
        }
        return status
    }

    private func counted(_ read: @Sendable () async throws -> SubmissionDetail) async throws -> SubmissionDetail {
        Counter(label: "arena_status_reads_total").increment()
        return try await read()
    }

    private func enter(_ user: Int64) -> Bool {
        holders.withLockedValue { holders in
            guard holders[user, default: 0] < Self.perUser else { return false }
            holders[user, default: 0] += 1
            return true
        }
    }

    private func leave(_ user: Int64) {
        holders.withLockedValue { holders in
            holders[user, default: 1] -= 1
            if holders[user] == 0 { holders[user] = nil }
        }
    }

    /// A progress payload: `"ID PHASE TEST OF"` (TEST and OF 0 when unknown) or `"ID judged"`.
    struct Progress {
        var submission: Int64
        var phase: String
        var test: Int?
        var of: Int?

        init?(_ payload: String) {
            let words = payload.split(separator: " ")
            guard words.count >= 2, let id = Int64(words[0]) else { return nil }
            submission = id
            phase = String(words[1])
            test = words.count > 2 ? Int(words[2]).flatMap { $0 > 0 ? $0 : nil } : nil
            of = words.count > 3 ? Int(words[3]).flatMap { $0 > 0 ? $0 : nil } : nil
        }
    }
}

extension SubmissionDetail {
    /// The same submission in another judging phase (from a progress notification).
    func with(status: String, test: Int?, of: Int?) -> SubmissionDetail {
        SubmissionDetail(id: id, userId: userId, username: username, contestId: contestId, problemId: problemId, problemVersion: problemVersion,
                         language: language, source: source, submittedAt: submittedAt, status: status, progressTest: test,
                         progressOf: of, judgementId: judgementId, verdict: verdict, score: score, timeMs: timeMs,
                         memoryKb: memoryKb, compileOutput: compileOutput, error: error, tests: tests)
    }
}
