import ArenaHTTP
import ArenaStorage
import Foundation

/// A deployable role of the `arena` binary (DESIGN.md §1).
public enum ServiceRole: String, CaseIterable, Sendable {
    case web, auth, contests, submissions, scoring, leaderboard
}

/// Everything a process needs to know, from flags and `ARENA_*` variables (README lists them).
public struct ArenaConfig: Sendable {
    /// `ARENA_DATABASE_URL`.
    public var database: DatabaseConfig
    /// `ARENA_HOST` (default 127.0.0.1).
    public var host = "127.0.0.1"
    /// `ARENA_PORT` (default 8080; 0 picks a free port).
    public var port = 8080
    /// The roles this process serves.
    public var roles = Set(ServiceRole.allCases)
    /// `ARENA_DATA_DIR` (default `./data`): generated keys, caches.
    public var dataDirectory = "data"
    /// `ARENA_JWT_PRIVATE_KEY_FILE`: the Ed25519 signing key (PEM).
    public var jwtPrivateKeyFile: String?
    /// `ARENA_JWT_PUBLIC_KEY_FILE`: for roles that only verify tokens.
    public var jwtPublicKeyFile: String?
    /// `ARENA_PROBLEMS_REPO`: git URL or path that `arena problems sync` pulls.
    public var problemsRepository: String?
    /// Run migrations at start (`--no-migrate` turns it off).
    public var migrate = true
    /// Seconds within which reusing a rotated refresh token counts as a race, not theft.
    public var refreshReuseGrace: Double = 5
    /// Seconds a user waits between submissions (`ARENA_SUBMISSION_GAP`, default 5).
    public var submissionGap: Double = 5
    /// Seconds a judge's lease lasts without a heartbeat (`ARENA_JUDGE_LEASE`, default 30).
    public var judgeLeaseSeconds = 30
    /// In-process judge workers (`serve --judges N`; 0 for none).
    public var judges = 1
    /// Database connections in the pool.
    public var maxConnections = 20
    /// Idle, header and body timeouts and the largest request head (`ARENA_IDLE_TIMEOUT`, …).
    public var connection = ConnectionLimits()
    /// Origins besides the site's own that may open WebSockets (`ARENA_ALLOWED_ORIGINS`, comma separated).
    public var allowedOrigins: [String] = []

    /// Reads defaults from the environment; flags override afterwards.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        database = try DatabaseConfig(url: environment["ARENA_DATABASE_URL"] ?? DatabaseConfig.defaultURL)
        if let host = environment["ARENA_HOST"] { self.host = host }
        if let port = environment["ARENA_PORT"] {
            guard let value = Int(port), (0...65535).contains(value) else { throw ConfigError("ARENA_PORT must be a port number, got \(port)") }
            self.port = value
        }
        if let dir = environment["ARENA_DATA_DIR"] { dataDirectory = dir }
        jwtPrivateKeyFile = environment["ARENA_JWT_PRIVATE_KEY_FILE"]
        jwtPublicKeyFile = environment["ARENA_JWT_PUBLIC_KEY_FILE"]
        problemsRepository = environment["ARENA_PROBLEMS_REPO"]
        if let lease = environment["ARENA_JUDGE_LEASE"] {
            guard let value = Int(lease), value >= 1 else { throw ConfigError("ARENA_JUDGE_LEASE must be whole seconds, got \(lease)") }
            judgeLeaseSeconds = value
        }
        if let gap = environment["ARENA_SUBMISSION_GAP"] { submissionGap = try Self.seconds(gap, "ARENA_SUBMISSION_GAP", allowZero: true) }
        if let text = environment["ARENA_IDLE_TIMEOUT"] { connection.idleTimeout = .seconds(try Self.seconds(text, "ARENA_IDLE_TIMEOUT")) }
        if let text = environment["ARENA_HEADER_TIMEOUT"] { connection.headerTimeout = .seconds(try Self.seconds(text, "ARENA_HEADER_TIMEOUT")) }
        if let text = environment["ARENA_BODY_TIMEOUT"] { connection.bodyTimeout = .seconds(try Self.seconds(text, "ARENA_BODY_TIMEOUT")) }
        if let text = environment["ARENA_MAX_HEADER_BYTES"] { connection.maxHeaderBytes = try Self.headerBytes(text, "ARENA_MAX_HEADER_BYTES") }
        if let text = environment["ARENA_ALLOWED_ORIGINS"] { allowedOrigins = try Self.origins(text, "ARENA_ALLOWED_ORIGINS") }
    }

    /// A number of seconds (> 0, or ≥ 0 with `allowZero`); the error names `setting`.
    public static func seconds(_ text: String, _ setting: String, allowZero: Bool = false) throws -> Double {
        guard let value = Double(text), value.isFinite, allowZero ? value >= 0 : value > 0 else {
            throw ConfigError("\(setting) must be a number of seconds\(allowZero ? "" : " above 0"), got \(text)")
        }
        return value
    }

    /// A request-head size limit: 1 KiB to 1 MiB.
    public static func headerBytes(_ text: String, _ setting: String) throws -> Int {
        guard let value = Int(text), (1024...(1 << 20)).contains(value) else { throw ConfigError("\(setting) must be bytes from 1024 to 1048576, got \(text)") }
        return value
    }

    /// A comma-separated list of `http(s)://host[:port]` origins.
    public static func origins(_ text: String, _ setting: String) throws -> [String] {
        let list = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for origin in list where OriginPolicy(allowed: [origin]).allowed.isEmpty {
            throw ConfigError("\(setting) holds origins such as https://contest.example:8443; \"\(origin)\" is not one")
        }
        return list
    }

    /// Parses `all` or a comma-separated role list; the error names the unknown role.
    public static func parseRoles(_ text: String) throws -> Set<ServiceRole> {
        if text == "all" { return Set(ServiceRole.allCases) }
        var roles = Set<ServiceRole>()
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let role = ServiceRole(rawValue: name) else {
                throw ConfigError("unknown role \"\(name)\"; roles are all, \(ServiceRole.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            roles.insert(role)
        }
        guard !roles.isEmpty else { throw ConfigError("--roles names no role") }
        return roles
    }
}
