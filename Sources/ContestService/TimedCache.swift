import Foundation
import NIOConcurrencyHelpers

/// A small map whose entries live `ttl` seconds: contest rows and problem lists change only
/// when an admin edits them, so pages read them from memory and see an edit within `ttl`.
final class TimedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let entries = NIOLockedValueBox<[Key: (Value, ContinuousClock.Instant)]>([:])
    private let ttl: Duration

    init(ttl: Duration) { self.ttl = ttl }

    /// The cached value, or `load()`'s result (cached).
    func value(_ key: Key, load: () async throws -> Value) async throws -> Value {
        let now = ContinuousClock.now
        if let (value, expiry) = entries.withLockedValue({ $0[key] }), expiry > now { return value }
        let value = try await load()
        entries.withLockedValue { entries in
            if entries.count > 10_000 { entries.removeAll() }
            entries[key] = (value, now + ttl)
        }
        return value
    }

    /// Forgets everything (after a local write).
    func clear() { entries.withLockedValue { $0.removeAll() } }
}

/// A map for values that never change once computed (keyed by immutable versions); bounded.
final class ImmutableCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let entries = NIOLockedValueBox<[Key: Value]>([:])
    private let limit: Int

    init(limit: Int = 5_000) { self.limit = limit }

    /// The cached value, or `make()`'s result (cached).
    func value(_ key: Key, make: () -> Value) -> Value {
        if let value = entries.withLockedValue({ $0[key] }) { return value }
        let value = make()
        entries.withLockedValue { entries in
            if entries.count >= limit { entries.removeAll() }
            entries[key] = value
        }
        return value
    }
}
