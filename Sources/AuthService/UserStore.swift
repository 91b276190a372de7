import ArenaStorage
import ArenaCore
import Foundation
import Logging
import NIOPosix
import PostgresNIO
import HummingbirdBcrypt

/// A stored user.
public struct UserRecord: Sendable, Codable, Equatable {
    /// Id.
    public let id: Int64
    /// Login name.
    public let username: String
    /// Shown name.
    public let displayName: String
    /// Roles.
    public let roles: [Role]
    /// A contestant that is a team.
    public let isTeam: Bool
    /// Disabled accounts cannot log in or refresh.
    public let disabled: Bool

    /// The identity a token for this user carries.
    public var identity: Identity { Identity(userId: id, username: username, displayName: displayName, roles: roles) }
}

/// The `auth.users` table. Passwords are bcrypt-hashed off the event loops.
public struct UserStore: Sendable {
    /// bcrypt cost (≥ 10; 10 keeps a login near 50 ms on this class of machine).
    static let bcryptCost: UInt8 = 10
    let db: DatabaseClient
    let logger: Logger

    /// Creates the store.
    public init(db: DatabaseClient, logger: Logger) {
        self.db = db
        self.logger = logger
    }

    /// Checks the rules a new account must meet; throws a `UserError` naming the problem.
    static func validate(username: String, password: String, displayName: String) throws {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "_.-"))
        guard username.utf8.count <= maxUsername * 4, (3...maxUsername).contains(username.count), username.unicodeScalars.allSatisfy({ $0.isASCII && allowed.contains($0) }) else {
            throw UserError.invalid("A username has 3 to 32 characters: letters, digits, '_', '.' or '-'.")
        }
        guard password.count >= 8 else { throw UserError.invalid("The password is too short: use at least 8 characters.") }
        guard password.utf8.count <= maxPasswordBytes else { throw UserError.invalid("The password is too long: at most \(maxPasswordBytes) bytes.") }
        guard !displayName.contains("\u{0}"), !password.contains("\u{0}") else { throw UserError.invalid("A name or password may not hold a NUL character.") }
        guard displayName.count <= 64 else { throw UserError.invalid("The display name is too long: at most 64 characters.") }
    }

    /// Longest login name (characters) and password (bytes, bcrypt's limit) an account can have.
    static let maxUsername = 32, maxPasswordBytes = 72

    /// 422 for a login attempt no account can match: a name or password longer than any allowed.
    static func checkLoginLengths(username: String, password: String) throws {
        guard username.utf8.count <= maxUsername * 4, username.count <= maxUsername else {
            throw UserError.invalid("A username has at most \(maxUsername) characters.")
        }
        guard password.utf8.count <= maxPasswordBytes else { throw UserError.invalid("A password has at most \(maxPasswordBytes) bytes.") }
        guard !username.contains("\u{0}"), !password.contains("\u{0}") else { throw UserError.invalid("No username or password holds a NUL character.") }
    }

    /// Creates a user; 409 when the name is taken.
    public func create(username: String, password: String, displayName: String? = nil, roles: [Role] = [.contestant]) async throws -> UserRecord {
        let display = (displayName?.trimmingCharacters(in: .whitespaces)).flatMap { $0.isEmpty ? nil : $0 } ?? username
        try Self.validate(username: username, password: password, displayName: display)
        let hash = try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: Self.bcryptCost) }
        let roleNames = roles.map(\.rawValue)
        do {
            let rows = try await db.query("""
                INSERT INTO auth.users (username, display_name, password_hash, roles) VALUES (\(username), \(display), \(hash), \(roleNames))
                RETURNING id
                """, logger: logger)
            for try await id in rows.decode(Int64.self) {
                return UserRecord(id: id, username: username, displayName: display, roles: roles, isTeam: false, disabled: false)
            }
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            throw UserError.conflict("The username \(username) is taken.")
        }
        throw UserError(500, "user insert returned no row")
    }

    /// The user with this name and whether `password` is theirs. Runs bcrypt even for an unknown
    /// name, so timing does not tell whether an account exists.
    func authenticate(username: String, password: String) async throws -> UserRecord? {
        let found = try await find(username: username)
        let hash = found?.1 ?? Self.dummyHash
        let ok = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
        return ok ? found?.0 : nil
    }

    /// The user with id `id`.
    public func user(id: Int64) async throws -> UserRecord? {
        let rows = try await db.query("SELECT id, username, display_name, roles, is_team, disabled FROM auth.users WHERE id = \(id)", logger: logger)
        for try await row in rows.decode((Int64, String, String, [String], Bool, Bool).self) { return Self.record(row) }
        return nil
    }

    /// Every user, by name.
    public func all() async throws -> [UserRecord] {
        let rows = try await db.query("SELECT id, username, display_name, roles, is_team, disabled FROM auth.users ORDER BY lower(username)", logger: logger)
        var users: [UserRecord] = []
        for try await row in rows.decode((Int64, String, String, [String], Bool, Bool).self) { users.append(Self.record(row)) }
        return users
    }

    /// Sets roles and the disabled flag; disabling also revokes every refresh token.
    public func update(id: Int64, roles: [Role], disabled: Bool) async throws {
        guard !roles.isEmpty else { throw UserError.invalid("A user needs at least one role.") }
        guard !roles.contains(.judge) else { throw UserError.invalid("The judge role is for judge tokens, not users.") }
        try await db.transaction(logger: logger) { conn in
            let rows = try await conn.query("UPDATE auth.users SET roles = \(roles.map(\.rawValue)), disabled = \(disabled) WHERE id = \(id) RETURNING id", logger: logger)
            var found = false
            for try await _ in rows.decode(Int64.self) { found = true }
            guard found else { throw UserError.notFound("No user has id \(id).") }
            if disabled {
                try await conn.query("UPDATE auth.refresh_tokens SET revoked_at = now() WHERE user_id = \(id) AND revoked_at IS NULL", logger: logger)
            }
        }
    }

    /// Sets a new password.
    public func setPassword(username: String, password: String) async throws {
        try Self.validate(username: username, password: password, displayName: "")
        let hash = try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: Self.bcryptCost) }
        try await db.query("UPDATE auth.users SET password_hash = \(hash) WHERE lower(username) = lower(\(username))", logger: logger)
    }

    private func find(username: String) async throws -> (UserRecord, String)? {
        let rows = try await db.query("""
            SELECT id, username, display_name, roles, is_team, disabled, password_hash FROM auth.users WHERE lower(username) = lower(\(username))
            """, logger: logger)
        for try await (id, name, display, roles, team, disabled, hash) in rows.decode((Int64, String, String, [String], Bool, Bool, String).self) {
            return (Self.record((id, name, display, roles, team, disabled)), hash)
        }
        return nil
    }

    private static func record(_ row: (Int64, String, String, [String], Bool, Bool)) -> UserRecord {
        UserRecord(id: row.0, username: row.1, displayName: row.2, roles: row.3.compactMap(Role.init(rawValue:)).sorted(),
                   isTeam: row.4, disabled: row.5)
    }

    /// A valid hash of a random password, compared against when the user does not exist.
    private static let dummyHash = Bcrypt.hash("arena-no-such-user-\(UInt64.random(in: 0...UInt64.max))", cost: bcryptCost)
}
