import Foundation
import NIOConcurrencyHelpers

/// A small map whose entries live `ttl` seconds: contest rows and problem lists change only
/// when an admin edits them, so pages read them from memory and see an edit within `ttl`.
final class TimedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let entries = NIOLockedValueBox<[Key: (Value, ContinuousClock.Instant)]>([:])
    private let ttl: Duration
    private let limit: Int

    init(ttl: Duration, limit: Int = 10_000) {
        self.ttl = ttl
        self.limit = limit
    }

    /// The cached value, or `load()`'s result (cached).
    func value(_ key: Key, load: () async throws -> Value) async throws -> Value {
        let now = ContinuousClock.now
        if let (value, expiry) = entries.withLockedValue({ $0[key] }), expiry > now { return value }
        let value = try await load()
        entries.withLockedValue { entries in
            if entries.count >= limit { entries.removeAll() }
            entries[key] = (value, now + ttl)
        }
        return value
    }

    /// Forgets everything (after a local write).
    func clear() { entries.withLockedValue { $0.removeAll() } }
}
