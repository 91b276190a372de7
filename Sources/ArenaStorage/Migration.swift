import Crypto
import Foundation

/// One schema change of one service. Each service owns a `group`, named after its Postgres schema.
public struct Migration: Sendable {
    /// The owning service's schema, e.g. `auth`.
    public let group: String
    /// A stable name, e.g. `001_users`; applied in name order within a group.
    public let name: String
    /// The SQL, run in one transaction with the others of the same run.
    public let sql: String

    /// Creates a migration.
    public init(group: String, name: String, sql: String) {
        self.group = group
        self.name = name
        self.sql = sql
    }

    /// SHA-256 of the SQL, recorded when applied so a later edit is detected.
    public var checksum: String {
        SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
