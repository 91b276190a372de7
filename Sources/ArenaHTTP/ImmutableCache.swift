import NIOConcurrencyHelpers

/// A map for values that never change once computed (keyed by immutable versions); bounded:
/// it forgets everything when it reaches `limit` entries.
public final class ImmutableCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let entries = NIOLockedValueBox<[Key: Value]>([:])
    private let limit: Int

    /// A cache of at most `limit` entries.
    public init(limit: Int = 5_000) { self.limit = limit }

    /// The cached value, or `make()`'s result (cached).
    public func value(_ key: Key, make: () throws -> Value) rethrows -> Value {
        if let value = entries.withLockedValue({ $0[key] }) { return value }
        let value = try make()
        entries.withLockedValue { entries in
            if entries.count >= limit { entries.removeAll() }
            entries[key] = value
        }
        return value
    }
}
