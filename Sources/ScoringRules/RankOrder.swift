/// A contestant's place in the order: smaller is better. (a, b, c) decide the rank; the user
/// id only orders tied rows. `slot` rides along so that moves report slots, not ids.
struct RankKey: Sendable, Hashable, Comparable {
    var a: Double
    var b: Int64
    var c: Int32
    var slot: Int32
    var user: Int64

    /// Strictly better on (a, b, c): only such keys push a rank down.
    @inline(__always) func ahead(of other: RankKey) -> Bool {
        if a != other.a { return a < other.a }
        if b != other.b { return b < other.b }
        return c < other.c
    }

    @inline(__always) static func < (lhs: RankKey, rhs: RankKey) -> Bool {
        if lhs.a != rhs.a { return lhs.a < rhs.a }
        if lhs.b != rhs.b { return lhs.b < rhs.b }
        if lhs.c != rhs.c { return lhs.c < rhs.c }
        return lhs.user < rhs.user
    }
}

/// All contestants' keys in one sorted array. Moving one contestant shifts only the keys
/// between its old and new places, and finding a rank is a binary search.
struct RankOrder: Sendable {
    private(set) var keys: [RankKey]

    init(unsorted: [RankKey]) {
        keys = unsorted.sorted()
    }

    /// The first index whose key is not below `key` (the full order, user id included).
    func lowerBound(_ key: RankKey) -> Int {
        partition { !($0 < key) }
    }

    /// How many keys are strictly ahead of `key`: its rank minus one.
    func countAhead(of key: RankKey) -> Int {
        partition { !$0.ahead(of: key) }
    }

    /// The first index whose key `key` is strictly ahead of.
    func firstBehind(_ key: RankKey) -> Int {
        partition { key.ahead(of: $0) }
    }

    /// Binary search for the first index where the (monotone) predicate holds.
    private func partition(_ holds: (RankKey) -> Bool) -> Int {
        keys.withUnsafeBufferPointer { buffer in
            var low = 0
            var high = buffer.count
            while low < high {
                let mid = (low + high) >> 1
                if holds(buffer[mid]) { high = mid } else { low = mid + 1 }
            }
            return low
        }
    }

    mutating func insert(_ key: RankKey) {
        keys.insert(key, at: lowerBound(key))
    }

    /// Replaces `old` by `new` and reports the slot of every other user whose rank changed:
    /// those with better(old, new) strictly ahead of them and worse(old, new) not.
    mutating func move(from old: RankKey, to new: RankKey, rankChanged: (Int) -> Void) {
        let from = lowerBound(old)
        precondition(from < keys.count && keys[from] == old, "RankOrder: key not found")
        var to = lowerBound(new)
        if to > from { to -= 1 }
        keys.withUnsafeMutableBufferPointer { buffer in
            if to > from {
                for index in from..<to { buffer[index] = buffer[index + 1] }
            } else if to < from {
                var index = from
                while index > to {
                    buffer[index] = buffer[index - 1]
                    index -= 1
                }
            }
            buffer[to] = new
        }
        guard old.ahead(of: new) || new.ahead(of: old) else { return }
        let (better, worse) = old.ahead(of: new) ? (old, new) : (new, old)
        let end = firstBehind(worse)
        keys.withUnsafeBufferPointer { buffer in
            for index in firstBehind(better)..<end where buffer[index].user != new.user {
                rankChanged(Int(buffer[index].slot))
            }
        }
    }
}
