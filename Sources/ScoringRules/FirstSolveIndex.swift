/// Per problem, the solve times of all contestants who solved it, sorted, so that the
/// first-to-solve time and its holders are known after any change (including a rejudge that
/// takes the first AC away).
struct FirstSolveIndex: Sendable {
    struct Entry: Sendable, Comparable {
        var time: Double
        var user: Int64
        var slot: Int32

        static func < (lhs: Entry, rhs: Entry) -> Bool {
            lhs.time != rhs.time ? lhs.time < rhs.time : lhs.user < rhs.user
        }
    }

    private var lists: [[Entry]]

    init(problemCount: Int) {
        lists = Array(repeating: [], count: problemCount)
    }

    /// Builds the index from unsorted entries per problem.
    init(unsorted: [[Entry]]) {
        lists = unsorted.map { $0.sorted() }
    }

    /// The earliest solve time of each problem, +infinity when nobody solved it.
    var firstTimes: [Double] {
        lists.map { $0.first?.time ?? .infinity }
    }

    /// The earliest solve time of `problem`, +infinity when nobody solved it.
    func firstTime(_ problem: Int) -> Double {
        lists[problem].first?.time ?? .infinity
    }

    /// Moves `user`'s solve time of `problem` from `old` to `new` (nil = not solved) and
    /// reports the slots of the users whose first-to-solve mark may have changed.
    mutating func update(problem: Int, user: Int64, slot: Int, old: Double?, new: Double?, changed: (Int) -> Void) {
        guard old != new else { return }
        let before = firstTime(problem)
        if let old {
            let index = lowerBound(problem, Entry(time: old, user: user, slot: Int32(slot)))
            precondition(index < lists[problem].count && lists[problem][index].user == user,
                         "FirstSolveIndex: entry not found")
            lists[problem].remove(at: index)
        }
        if let new {
            let entry = Entry(time: new, user: user, slot: Int32(slot))
            lists[problem].insert(entry, at: lowerBound(problem, entry))
        }
        let after = firstTime(problem)
        guard before != after else { return }
        for entry in lists[problem] {
            guard entry.time == before || entry.time == after else { break }
            changed(Int(entry.slot))
        }
    }

    private func lowerBound(_ problem: Int, _ entry: Entry) -> Int {
        let list = lists[problem]
        var low = 0
        var high = list.count
        while low < high {
            let mid = (low + high) >> 1
            if list[mid] < entry { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
