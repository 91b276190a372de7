import ArenaCore
import ArenaStorage
import Foundation
import Logging
import ScoringRules
import ScoringService
import ServiceLifecycle

/// The leaderboard's fan-out: per contest with subscribers, the latest standings state and the
/// rows of the last few versions. A `arena_standings` notification (or a 1 s tick) makes it
/// read the rows changed since its version ONCE, then wake every subscriber.
///
/// A subscriber is woken through a one-slot buffer (latest wins): however slow it is, it holds
/// one pending wake, and when it gets to it, `catchUp` answers with everything it missed
/// merged into one diff (or a snapshot when it fell behind the kept history). So a slow
/// client never holds back the others, and never gets a stale version. The diff of one
/// version per lane is encoded once and shared by every subscriber one version behind.
public actor StandingsFeed: Service {
    let reader: StandingsReader
    let notifications: NotificationChannel
    let logger: Logger
    private var channels: [String: Channel] = [:]
    private var nextId = 0
    /// How many versions of changed rows a channel keeps for subscribers that lag.
    static let historyLimit = 64

    /// The rows one standings version changed, by lane, with the shared encodings.
    struct Entry {
        var version: Int64
        var lanes: [String: [StandingsReader.NamedRow]]
        var encoded: [String: String] = [:]
    }

    struct Channel {
        var info: ContestScoringInfo
        var state: StandingsReader.State?
        /// Versions after `floor` are all in `history`.
        var floor: Int64 = 0
        var history: [Entry] = []
        var subscribers: [Int: AsyncStream<Void>.Continuation] = [:]
    }

    /// What a subscriber must be sent to be current.
    public enum CatchUp: Sendable {
        /// Nothing: it is current.
        case current
        /// A whole view: it is older than the kept history or the last full rewrite.
        case snapshot
        /// This message brings it to `version`.
        case diff(String, version: Int64)
    }

    /// Creates the feed; `notifications` is the `arena_standings` channel of a running `NotificationHub`.
    public init(reader: StandingsReader, notifications: NotificationChannel, logger: Logger) {
        self.reader = reader
        self.notifications = notifications
        self.logger = logger
    }

    /// Refreshes the followed contests at each notification, or every second.
    public func run() async throws {
        await notifications.repeatOnSignal(timeout: .seconds(1), logger: logger, label: "leaderboard: refresh") { try await self.refresh() }
        for channel in channels.values { channel.subscribers.values.forEach { $0.finish() } }
    }

    /// Follows `contestId` for a new subscriber; the stream yields at once and then at every
    /// new version.
    public func subscribe(contestId: String, info: ContestScoringInfo) -> (id: Int, wakes: AsyncStream<Void>) {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        nextId += 1
        var channel = channels[contestId] ?? Channel(info: info)
        channel.info = info
        channel.subscribers[nextId] = continuation
        let isNew = channels[contestId] == nil
        channels[contestId] = channel
        continuation.yield()
        if isNew { notifications.signal() }
        return (nextId, stream)
    }

    /// Stops following for this subscriber; a contest without subscribers is dropped.
    public func unsubscribe(contestId: String, id: Int) {
        channels[contestId]?.subscribers.removeValue(forKey: id)?.finish()
        if channels[contestId]?.subscribers.isEmpty == true { channels[contestId] = nil }
    }

    /// How many subscribers the feed holds (every open standings socket is one).
    public var subscriberCount: Int { channels.values.reduce(0) { $0 + $1.subscribers.count } }

    /// How many contests the feed follows.
    public var contestCount: Int { channels.count }

    /// What brings a subscriber of `view` at `version` up to date.
    public func catchUp(contestId: String, view: StandingsView, from version: Int64) throws -> CatchUp {
        guard var channel = channels[contestId], let state = channel.state else { return .current }
        if version >= state.version { return .current }
        if version < channel.floor || version < state.resetVersion { return .snapshot }
        let lane = state.lane(for: view)
        var own: Int64?
        if state.frozen, case let .user(me) = view { own = me }
        let pending = channel.history.indices.filter { channel.history[$0].version > version }
        // One version behind and nothing of its own in it: the shared message.
        if pending.count == 1, let index = pending.first,
           own.map({ me in !(channel.history[index].lanes["self"] ?? []).contains { $0.row.user == me } }) ?? true {
            if let text = channel.history[index].encoded[lane] { return .diff(text, version: state.version) }
            let text = try encode(channel.history[index].lanes[lane] ?? [], state: state, info: channel.info)
            channel.history[index].encoded[lane] = text
            channels[contestId] = channel
            return .diff(text, version: state.version)
        }
        var merged: [Int64: StandingsReader.NamedRow] = [:]
        for index in pending {
            for row in channel.history[index].lanes[lane] ?? [] { merged[row.row.user] = row }
            if let own { for row in channel.history[index].lanes["self"] ?? [] where row.row.user == own { merged[own] = row } }
        }
        let rows = merged.values.sorted(by: StandingsReader.NamedRow.precedes)
        return .diff(try encode(rows, state: state, info: channel.info), version: state.version)
    }

    /// Reads what changed in every followed contest and wakes its subscribers.
    func refresh() async throws {
        let ids = Array(channels.keys)
        guard !ids.isEmpty else { return }
        for (id, state) in try await reader.states(ids) {
            guard let known = channels[id], known.state.map({ state.version > $0.version }) ?? true else { continue }
            let previous = known.state?.version ?? 0
            // State and rows from one snapshot; a full rewrite since our version means a snapshot for everyone.
            guard let (current, changes) = try await reader.changes(contestId: id, since: previous), var channel = channels[id] else { continue }
            if known.state != nil, current.resetVersion <= previous {
                channel.history.append(Entry(version: current.version, lanes: Dictionary(grouping: changes, by: \.lane).mapValues { $0.map(\.row) }))
                if channel.history.count > Self.historyLimit {
                    channel.history.removeFirst(channel.history.count - Self.historyLimit)
                    channel.floor = channel.history[0].version - 1
                }
            } else {
                channel.history = []
                channel.floor = current.version
            }
            channel.state = current
            channels[id] = channel
            for subscriber in channel.subscribers.values { subscriber.yield() }
        }
    }

    private func encode(_ rows: [StandingsReader.NamedRow], state: StandingsReader.State, info: ContestScoringInfo) throws -> String {
        try StandingsJSON.text(StandingsReader.Slice(state: state, isSnapshot: false, rows: rows), info: info)
    }
}
