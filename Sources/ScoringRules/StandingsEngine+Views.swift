extension StandingsEngine {
    /// Whether the public view currently hides results (a freeze is configured and not lifted).
    public var hidesResults: Bool { hides }

    /// The full standings as `view` sees them. O(contestants × problems).
    public func standings(view: StandingsView) -> Standings {
        let frozen = hides && view != .jury
        guard let me = viewer(view) else {
            let lane: Lane = view == .jury ? .live : publicLane
            let firstTimes = lanes[lane.rawValue].firsts.firstTimes
            return Standings(version: version, frozen: frozen, rows: ranked(lanes[lane.rawValue].order.keys) { key, rank in
                row(Int(key.slot), lane, rank: rank, firstTimes: firstTimes)
            })
        }
        // Public keys, with the viewer's own key replaced by their live one.
        var keys = lanes[Lane.public.rawValue].order.keys
        keys.remove(at: lanes[Lane.public.rawValue].order.lowerBound(me.publicKey))
        let position = keys.firstIndex { !($0 < me.liveKey) } ?? keys.count
        keys.insert(me.liveKey, at: position)
        let firstTimes = viewerFirstTimes(me)
        let rows = ranked(keys) { key, rank in
            let slot = Int(key.slot)
            return row(slot, slot == me.slot ? .live : .public, rank: rank, firstTimes: firstTimes)
        }
        return Standings(version: version, frozen: frozen, rows: rows)
    }

    /// The rows of `users` (unknown ones are skipped) as `view` sees them, in standings order.
    /// O(k · (log n + problems)), for pushing the rows `apply` reported.
    public func rows(for users: Set<Int64>, view: StandingsView) -> [Standings.Row] {
        let slots = users.compactMap { slotOfUser[$0] }
        if let me = viewer(view) {
            let order = lanes[Lane.public.rawValue].order
            let firstTimes = viewerFirstTimes(me)
            return slots.map { slot -> (RankKey, Standings.Row) in
                let own = slot == me.slot
                let key = own ? me.liveKey : self.key(slot, .public)
                var rank = order.countAhead(of: key) + 1
                if me.publicKey.ahead(of: key) { rank -= 1 }
                if !own, me.liveKey.ahead(of: key) { rank += 1 }
                return (key, row(slot, own ? .live : .public, rank: rank, firstTimes: firstTimes))
            }.sorted { $0.0 < $1.0 }.map(\.1)
        }
        let lane: Lane = view == .jury ? .live : publicLane
        let order = lanes[lane.rawValue].order
        let firstTimes = lanes[lane.rawValue].firsts.firstTimes
        return slots.map { slot -> (RankKey, Standings.Row) in
            let key = self.key(slot, lane)
            return (key, row(slot, lane, rank: order.countAhead(of: key) + 1, firstTimes: firstTimes))
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// The rows of `new` that differ from `old` (new rows, changed cells or totals, new rank).
    public static func diff(from old: Standings, to new: Standings) -> [Standings.Row] {
        var before: [Int64: Standings.Row] = [:]
        before.reserveCapacity(old.rows.count)
        for row in old.rows { before[row.user] = row }
        return new.rows.filter { before[$0.user] != $0 }
    }

    /// A contestant whose own row differs from their public one (only while frozen).
    private struct Viewer {
        var slot: Int
        var publicKey: RankKey
        var liveKey: RankKey
    }

    private func viewer(_ view: StandingsView) -> Viewer? {
        guard hides, case let .user(id) = view, let slot = slotOfUser[id] else { return nil }
        return Viewer(slot: slot, publicKey: key(slot, .public), liveKey: key(slot, .live))
    }

    /// Public first-to-solve times, plus the viewer's own live solves.
    private func viewerFirstTimes(_ me: Viewer) -> [Double] {
        var times = lanes[Lane.public.rawValue].firsts.firstTimes
        for problem in times.indices {
            let own = lanes[Lane.live.rawValue].results[me.slot * problemCount + problem]
            if own.solved { times[problem] = min(times[problem], own.time) }
        }
        return times
    }

    /// Rows for sorted keys, with shared ranks for ties.
    private func ranked(_ keys: [RankKey], _ makeRow: (RankKey, Int) -> Standings.Row) -> [Standings.Row] {
        var rows: [Standings.Row] = []
        rows.reserveCapacity(keys.count)
        var rank = 0
        for (index, key) in keys.enumerated() {
            if index == 0 || keys[index - 1].ahead(of: key) { rank = index + 1 }
            rows.append(makeRow(key, rank))
        }
        return rows
    }

    private func row(_ slot: Int, _ lane: Lane, rank: Int, firstTimes: [Double]) -> Standings.Row {
        let totals = lanes[lane.rawValue].totals[slot]
        let base = slot * problemCount
        let cells = lanes[lane.rawValue].results.withUnsafeBufferPointer { results in
            config.problems.indices.map { index in
                let result = results[base + index]
                return Standings.Cell(
                    problem: config.problems[index].id, solved: result.solved, attempts: Int(result.attempts),
                    timeSeconds: result.hasTime ? result.time : nil, score: result.score,
                    pending: Int(result.pending), first: result.solved && result.time == firstTimes[index])
            }
        }
        return Standings.Row(rank: rank, user: userIds[slot], solved: Int(totals.solved), penalty: Int(totals.penalty),
                             score: totals.score, cells: cells)
    }
}
