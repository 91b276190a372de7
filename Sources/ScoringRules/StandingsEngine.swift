import ArenaCore

/// Contest standings kept incrementally from the submission event log (issue 5, part 2).
///
/// Feed it events in log order with `apply`; it keeps, per contestant and problem, the tries
/// and what the cell shows live (jury) and publicly (frozen), plus every contestant's place in
/// a sorted order, so one event costs O(tries of its cell + problems + the rows it moves past).
/// `recompute` builds the same state from scratch by sorting; both give identical standings.
///
/// Decisions not fixed by the issue (worth a line in DESIGN.md):
/// - events with an id ≤ `version` are ignored (a consumer may re-read from its cursor);
/// - a `submitted` for an unknown problem, a duplicate submission id, or a time outside
///   [0, contest length] is ignored, and so are later judgements of it ("too late" in DOMjudge);
/// - tries are ordered by (time, submission id); ICPC ranks ties on the last AC in whole
///   minutes (like penalty), first-to-solve compares exact seconds;
/// - a contestant appears with their first submission, or earlier through `addUser`.
public struct StandingsEngine: Sendable {
    /// The contest's configuration.
    public internal(set) var config: ScoringConfig
    /// The id of the last event applied (0 before any).
    public internal(set) var version: Int64 = 0

    /// User id of each slot (slots are in order of first appearance).
    var userIds: [Int64] = []
    var slotOfUser: [Int64: Int] = [:]
    /// The tries of each cell, `slot * problemCount + problem`, sorted by `Try.precedes`.
    var tries: [[Try]] = []
    var submissions: [Int64: SubmissionRef] = [:]
    let problemIndex: [String: Int]
    /// Whether the public lane differs from the live one (freeze on, not lifted).
    var hides: Bool
    /// Indexed by `Lane.rawValue`; the public lane is not maintained while `hides` is false.
    var lanes: [LaneState]
    /// Scratch space of `apply`, kept to reuse its memory.
    var report = ChangeReport()

    /// Creates empty standings for a contest.
    public init(config: ScoringConfig) {
        self.config = config
        hides = config.hidesFrozenResults
        var index: [String: Int] = [:]
        for (position, problem) in config.problems.enumerated() where index[problem.id] == nil {
            index[problem.id] = position
        }
        problemIndex = index
        lanes = Array(repeating: LaneState(problemCount: config.problems.count), count: 2)
    }

    /// How many contestants have a row.
    public var userCount: Int { userIds.count }

    /// Applies one event and returns the users whose row changed in the jury or the public
    /// view: their cells or totals, a first-to-solve mark, or their rank. Exactly those rows
    /// (tested). For a `.user(id)` view, re-read the viewer's own row as well: while frozen,
    /// the other rows' ranks in that view can shift with the viewer's live row unreported.
    @discardableResult
    public mutating func apply(_ event: ScoringEvent) -> Set<Int64> {
        apply(CollectionOfOne(event))
    }

    /// Applies events in order and returns the union of the users whose row changed.
    @discardableResult
    public mutating func apply(_ events: some Sequence<ScoringEvent>) -> Set<Int64> {
        var changed = ChangeReport()
        swap(&changed, &report)  // reuse the marks without overlapping access to self
        changed.reset()
        for event in events { apply(event, into: &changed) }
        var users = Set<Int64>(minimumCapacity: changed.slots.count)
        for slot in changed.slots { users.insert(userIds[Int(slot)]) }
        swap(&changed, &report)
        return users
    }

    /// Reserves room for this many submissions and contestants, so that a live consumer
    /// never pauses to grow its tables (rehashing 500,000 submissions takes ~20 ms).
    public mutating func reserveCapacity(submissions: Int, users: Int) {
        self.submissions.reserveCapacity(submissions)
        slotOfUser.reserveCapacity(users)
    }

    /// Gives `user` a (zero) row before their first submission. Returns [user] if it is new.
    @discardableResult
    public mutating func addUser(_ user: Int64) -> Set<Int64> {
        let (slot, isNew) = ensureUser(user)
        guard isNew else { return [] }
        insertIntoOrders(slot)
        return [user]
    }

    /// Lifts the freeze: the public view shows everything from now on. Returns every user.
    @discardableResult
    public mutating func unfreeze() -> Set<Int64> {
        config.unfrozen = true
        guard hides else { return [] }
        hides = false
        return Set(userIds)
    }

    private mutating func apply(_ event: ScoringEvent, into changed: inout ChangeReport) {
        guard let touched = ingest(event) else { return }
        if touched.isNewUser {
            insertIntoOrders(touched.slot)
            changed.insert(touched.slot)
        }
        refresh(slot: touched.slot, problem: touched.problem, changed: &changed)
    }

    private mutating func insertIntoOrders(_ slot: Int) {
        lanes[Lane.live.rawValue].order.insert(key(slot, .live))
        if hides { lanes[Lane.public.rawValue].order.insert(key(slot, .public)) }
    }

    /// Re-evaluates one cell in both lanes and propagates what changed.
    private mutating func refresh(slot: Int, problem: Int, changed: inout ChangeReport) {
        let cellTries = tries[slot * problemCount + problem]
        let spec = config.problems[problem]
        let live = CellEvaluator.evaluate(cellTries, cutoff: .infinity, problem: spec, config: config)
        update(.live, slot: slot, problem: problem, result: live, changed: &changed)
        if hides, let freeze = config.freezeSeconds {
            let visible = CellEvaluator.evaluate(cellTries, cutoff: freeze, problem: spec, config: config)
            update(.public, slot: slot, problem: problem, result: visible, changed: &changed)
        }
    }

    private mutating func update(
        _ lane: Lane, slot: Int, problem: Int, result: CellResult, changed: inout ChangeReport
    ) {
        let cell = slot * problemCount + problem
        let old = lanes[lane.rawValue].results[cell]
        guard old != result else { return }
        lanes[lane.rawValue].results[cell] = result
        changed.insert(slot)
        lanes[lane.rawValue].firsts.update(
            problem: problem, user: userIds[slot], slot: slot,
            old: old.solved ? old.time : nil, new: result.solved ? result.time : nil
        ) { changed.insert($0) }
        let oldKey = key(slot, lane)
        lanes[lane.rawValue].totals[slot] = totals(slot, lane)
        let newKey = key(slot, lane)
        if oldKey != newKey {
            lanes[lane.rawValue].order.move(from: oldKey, to: newKey) { changed.insert($0) }
        }
    }
}
