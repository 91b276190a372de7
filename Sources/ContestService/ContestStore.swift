import ArenaCore
import ArenaStorage
import Foundation
import Logging
import NIOConcurrencyHelpers
import PostgresNIO

/// Reads and writes the `contests` schema. Problem versions are immutable, so they are cached
/// in memory forever once read: a problem page view costs no statement work.
public final class ContestStore: Sendable {
    let db: DatabaseClient
    let logger: Logger
    private let versions = NIOLockedValueBox<[Int64: ProblemVersion]>([:])
    /// Contest rows by id (nil: no such contest), for one second.
    let contestRows = TimedCache<String, Contest?>(ttl: .seconds(1))
    /// Problem lists by contest, for one second.
    let problemLists = TimedCache<String, [ContestProblem]>(ttl: .seconds(1))
    /// Registration counts by contest, for one second (a page figure, not a decision).
    let registrationCounts = TimedCache<String, Int>(ttl: .seconds(1))
    /// Whether a user is registered, by contest and user, for one second; a registration made
    /// here clears it (one made by another process shows within the second).
    let registrationFlags = TimedCache<String, Bool>(ttl: .seconds(1))
    /// Counts registrations made through this store: part of the key of memoised pages.
    let registrationsMade = NIOLockedValueBox<Int>(0)

    /// A number that changes whenever this process registers someone.
    public var registrationVersion: Int { registrationsMade.withLockedValue { $0 } }

    /// Creates the store.
    public init(db: DatabaseClient, logger: Logger) {
        self.db = db
        self.logger = logger
    }

    // MARK: Problems

    /// The version with `id`.
    public func version(_ id: Int64) async throws -> ProblemVersion? {
        if let cached = versions.withLockedValue({ $0[id] }) { return cached }
        let rows = try await db.query("""
            SELECT id, problem_id, content_hash, git_commit, name, types, time_limit, memory_mib, code_kib, statements::text,
                   credits, source, test_count, imported_at
            FROM contests.problem_versions WHERE id = \(id)
            """, logger: logger)
        for try await row in rows.decode((Int64, String, String, String?, String, [String], Double, Int, Int, String, String?, String?, Int, Date).self) {
            let statements = (try? JSONDecoder().decode([StatementJSON].self, from: Data(row.9.utf8))) ?? []
            let version = ProblemVersion(id: row.0, problemId: row.1, contentHash: row.2, gitCommit: row.3, name: row.4, types: row.5,
                                         timeLimit: row.6, memoryMiB: row.7, codeKiB: row.8, statements: statements, credits: row.10,
                                         source: row.11, testCount: row.12, importedAt: row.13)
            versions.withLockedValue { $0[id] = version }
            return version
        }
        return nil
    }

    /// The live version of problem `id`.
    public func currentVersion(of problemId: String) async throws -> ProblemVersion? {
        let rows = try await db.query("SELECT current_version FROM contests.problems WHERE id = \(problemId)", logger: logger)
        for try await id in rows.decode(Int64?.self) { return try await id.asyncFlatMap { try await version($0) } }
        return nil
    }

    /// Every version of a problem, newest first: (id, hash, commit, imported).
    public func history(of problemId: String) async throws -> [(Int64, String, String?, Date)] {
        let rows = try await db.query("""
            SELECT id, content_hash, git_commit, imported_at FROM contests.problem_versions WHERE problem_id = \(problemId) ORDER BY id DESC
            """, logger: logger)
        return try await rows.decode((Int64, String, String?, Date).self).collect()
    }

    /// Problems in the archive: those of finished published contests (all problems for the jury).
    public func archive(jury: Bool) async throws -> [(String, Int64)] {
        let rows = try await db.query("""
            SELECT p.id, p.current_version FROM contests.problems p
            WHERE p.current_version IS NOT NULL AND (\(jury) OR EXISTS (
                SELECT 1 FROM contests.contest_problems cp JOIN contests.contests c ON c.id = cp.contest_id
                WHERE cp.problem_id = p.id AND c.published AND c.start_time + make_interval(secs => c.duration_s) <= now()))
            ORDER BY p.id
            """, logger: logger)
        var result: [(String, Int64)] = []
        for try await (id, version) in rows.decode((String, Int64?).self) { if let version { result.append((id, version)) } }
        return result
    }

    /// A statement file of a version (image etc.): (content type, bytes).
    public func asset(hash: String, path: String) async throws -> (String, ByteBuffer)? {
        let rows = try await db.query("SELECT content_type, bytes FROM contests.statement_assets WHERE content_hash = \(hash) AND path = \(path)", logger: logger)
        for try await row in rows.decode((String, ByteBuffer).self) { return row }
        return nil
    }

    /// The package archive (tar.gz) with this content hash.
    public func packageArchive(hash: String) async throws -> ByteBuffer? {
        let rows = try await db.query("SELECT archive FROM contests.package_blobs WHERE content_hash = \(hash)", logger: logger)
        for try await bytes in rows.decode(ByteBuffer.self) { return bytes }
        return nil
    }

    /// Recent imports, newest first.
    public func imports(limit: Int = 200) async throws -> [ImportRecord] {
        let rows = try await db.query("""
            SELECT id, source, problem_id, version_id, status, errors, git_commit, at, warnings FROM contests.imports
            ORDER BY id DESC LIMIT \(limit)
            """, logger: logger)
        return try await rows.decode((Int64, String, String?, Int64?, String, [String], String?, Date, [String]).self).collect().map {
            ImportRecord(id: $0.0, source: $0.1, problemId: $0.2, versionId: $0.3, status: $0.4, errors: $0.5, gitCommit: $0.6, at: $0.7,
                         warnings: $0.8)
        }
    }
}

/// One row of the import history.
public struct ImportRecord: Sendable, Codable {
    /// Id.
    public let id: Int64
    /// Package path.
    public let source: String
    /// Problem.
    public let problemId: String?
    /// Version made live.
    public let versionId: Int64?
    /// new / unchanged / failed.
    public let status: String
    /// Errors, each naming a file.
    public let errors: [String]
    /// Commit.
    public let gitCommit: String?
    /// When.
    public let at: Date
    /// What was accepted with a warning, each naming a file.
    public let warnings: [String]
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        switch self {
        case .some(let value): try await transform(value)
        case .none: nil
        }
    }
}
