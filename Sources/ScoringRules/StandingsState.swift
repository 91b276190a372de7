/// The two ways a cell is seen: live (jury, own row) and public (frozen).
enum Lane: Int, Sendable {
    case live = 0
    case `public` = 1
}

/// Everything one lane shows, in flat arrays of plain values (no reference counting when rows
/// are read). Cells are indexed `slot * problemCount + problem`.
struct LaneState: Sendable {
    var results: [CellResult] = []
    var totals: [Totals] = []
    var order = RankOrder(unsorted: [])
    var firsts: FirstSolveIndex

    init(problemCount: Int) {
        firsts = FirstSolveIndex(problemCount: problemCount)
    }
}

/// A row's totals in one lane.
struct Totals: Sendable, Equatable {
    var solved: Int32 = 0
    var penalty: Int64 = 0
    /// Minute of the last AC (ICPC tie-break).
    var lastAccepted: Int64 = 0
    var score: Double = 0
}

/// The slots whose rows changed during one `apply`, each once (a mark per slot, no hashing).
struct ChangeReport: Sendable {
    private var marks: [UInt32] = []
    private var epoch: UInt32 = 1
    private(set) var slots: [Int32] = []

    mutating func insert(_ slot: Int) {
        if slot >= marks.count { marks.append(contentsOf: repeatElement(0, count: slot + 1 - marks.count)) }
        guard marks[slot] != epoch else { return }
        marks[slot] = epoch
        slots.append(Int32(slot))
    }

    /// Forgets the slots reported so far.
    mutating func reset() {
        slots.removeAll(keepingCapacity: true)
        if epoch == .max {
            epoch = 1
            for index in marks.indices { marks[index] = 0 }
        } else {
            epoch += 1
        }
    }
}

/// Where a submission's try lives.
struct SubmissionRef: Sendable {
    var slot: Int32
    var problem: Int32
}

extension StandingsEngine {
    /// Records an event in the tries and returns the cell it touched (nil: no effect).
    mutating func ingest(_ event: ScoringEvent) -> (slot: Int, problem: Int, isNewUser: Bool)? {
        guard event.eventId > version else { return nil }
        version = event.eventId
        switch event.kind {
        case let .submitted(submissionId, user, problemId, time):
            guard submissions[submissionId] == nil, let problem = problemIndex[problemId],
                  time >= 0, time <= Double(config.durationMinutes) * 60
            else { return nil }
            let (slot, isNew) = ensureUser(user)
            let cell = slot * problemCount + problem
            let attempt = Try(submissionId: submissionId, time: time, verdict: nil, score: nil, groupScores: nil)
            var index = tries[cell].count
            while index > 0, attempt.precedes(tries[cell][index - 1]) { index -= 1 }
            tries[cell].insert(attempt, at: index)
            submissions[submissionId] = SubmissionRef(slot: Int32(slot), problem: Int32(problem))
            return (slot, problem, isNew)
        case let .judged(submissionId, verdict, score, groupScores):
            guard let ref = submissions[submissionId] else { return nil }
            let (slot, problem) = (Int(ref.slot), Int(ref.problem))
            let cell = slot * problemCount + problem
            guard let index = tries[cell].lastIndex(where: { $0.submissionId == submissionId }) else { return nil }
            tries[cell][index].verdict = verdict
            tries[cell][index].score = score
            tries[cell][index].groupScores = groupScores
            return (slot, problem, false)
        }
    }

    /// The slot of `user`, created (with empty cells) if needed.
    mutating func ensureUser(_ user: Int64) -> (slot: Int, isNew: Bool) {
        if let slot = slotOfUser[user] { return (slot, false) }
        let slot = userIds.count
        userIds.append(user)
        slotOfUser[user] = slot
        tries.append(contentsOf: repeatElement([], count: problemCount))
        for lane in lanes.indices {
            lanes[lane].results.append(contentsOf: repeatElement(CellResult(), count: problemCount))
            lanes[lane].totals.append(Totals())
        }
        return (slot, true)
    }

    /// The number of problems (cells per row).
    var problemCount: Int { config.problems.count }

    /// The lane to read for public eyes.
    var publicLane: Lane { hides ? .public : .live }

    /// Totals of a row, from its cells in problem order (so sums are always formed alike).
    func totals(_ slot: Int, _ lane: Lane) -> Totals {
        var totals = Totals()
        var sum = 0.0
        let base = slot * problemCount
        lanes[lane.rawValue].results.withUnsafeBufferPointer { results in
            for result in results[base..<(base + problemCount)] {
                sum += result.score
                guard result.solved else { continue }
                totals.solved += 1
                totals.penalty += Int64(result.penalty)
                totals.lastAccepted = max(totals.lastAccepted, Int64(result.time / 60))
            }
        }
        totals.score = config.rule == .icpc ? Double(totals.solved) : roundScore(sum)
        return totals
    }

    /// The row's place in the order of `lane`.
    func key(_ slot: Int, _ lane: Lane) -> RankKey {
        let totals = lanes[lane.rawValue].totals[slot]
        switch config.rule {
        case .icpc:
            return RankKey(a: -Double(totals.solved), b: totals.penalty, c: Int32(clamping: totals.lastAccepted),
                           slot: Int32(slot), user: userIds[slot])
        case .ioi, .codeforces:
            return RankKey(a: -totals.score, b: 0, c: 0, slot: Int32(slot), user: userIds[slot])
        }
    }
}
