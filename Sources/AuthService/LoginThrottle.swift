import ArenaStorage
import ArenaCore
import Foundation
import Logging
import PostgresNIO

/// Login throttling per username and per client address, stored in Postgres so it holds across
/// processes: `limit` failures within `window` seconds answer 429 with `Retry-After`.
struct LoginThrottle: Sendable {
    let db: DatabaseClient
    let logger: Logger
    var limit = 10
    var window: Double = 300

    static func keys(username: String, address: String) -> [String] {
        ["user:" + username.lowercased(), "ip:" + address]
    }

    /// Throws 429 when either key is over the limit.
    func check(_ keys: [String]) async throws {
        let rows = try await db.query("""
            SELECT key, count(*)::int, extract(epoch FROM min(at) + make_interval(secs => \(window)) - now())::float8
            FROM auth.login_failures WHERE key = ANY(\(keys)) AND at > now() - make_interval(secs => \(window))
            GROUP BY key
            """, logger: logger)
        for try await (_, count, wait) in rows.decode((String, Int, Double).self) where count >= limit {
            let seconds = max(1, Int(wait.rounded(.up)))
            throw UserError(429, "Too many failed logins. Try again in \(seconds) seconds.", headers: ["Retry-After": String(seconds)])
        }
    }

    /// Records one failure under each key (and forgets old ones now and then).
    func fail(_ keys: [String]) async throws {
        try await db.query("INSERT INTO auth.login_failures (key) SELECT unnest(\(keys)::text[])", logger: logger)
        if Int.random(in: 0..<50) == 0 {
            try await db.query("DELETE FROM auth.login_failures WHERE at < now() - make_interval(secs => \(window))", logger: logger)
        }
    }

    /// Clears the username's failures after a successful login.
    func succeed(username: String) async throws {
        try await db.query("DELETE FROM auth.login_failures WHERE key = \("user:" + username.lowercased())", logger: logger)
    }
}
