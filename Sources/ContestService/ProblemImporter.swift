import ArenaStorage
import ArenaCore
import ArenaMarkdown
import Foundation
import Logging
import NIOCore
import PostgresNIO
import ProblemPackage

/// What importing one package did.
public struct ImportOutcome: Sendable, Codable {
    /// The package folder.
    public let source: String
    /// The problem id (the package folder's name).
    public let problemId: String
    /// `new` (a new version is live), `unchanged` (same content as a stored version), or `failed`.
    public let status: String
    /// The version now live, when not failed.
    public let versionId: Int64?
    /// What is wrong, each naming the file, when failed.
    public let errors: [String]
    /// What was accepted but is worth telling the setter (unknown keys, an unknown licence, a
    /// skipped input validator), each naming the file.
    public var warnings: [String] = []
}

/// Imports problem packages as immutable versions keyed by content hash. Each package is one
/// transaction: a broken package records its errors and the last good version stays live.
public struct ProblemImporter: Sendable {
    let db: DatabaseClient
    let logger: Logger

    /// Creates an importer.
    public init(db: DatabaseClient, logger: Logger) {
        self.db = db
        self.logger = logger
    }

    /// Imports every package under `paths` (packages, or folders holding them).
    public func importPackages(at paths: [URL]) async throws -> [ImportOutcome] {
        let packages = PackageDiscovery.packages(in: paths)
        guard !packages.isEmpty else {
            throw UserError.invalid("No problem package (a folder with problem.yaml) under \(paths.map(\.path).joined(separator: ", ")).")
        }
        var outcomes: [ImportOutcome] = []
        for url in packages { outcomes.append(try await importPackage(at: url)) }
        return outcomes
    }

    /// Imports one package folder.
    public func importPackage(at url: URL) async throws -> ImportOutcome {
        let commit = PackageDiscovery.gitCommit(at: url)
        let id = url.lastPathComponent
        let package: ProblemPackage
        do {
            package = try ProblemPackage.load(at: url)
        } catch let problems as PackageProblems {
            return try await recordFailure(url, id, problems.problems.map(\.description), commit,
                                           warnings: problems.warnings.map(\.description))
        } catch {
            return try await recordFailure(url, id, ["\(url.lastPathComponent): \(error)"], commit)
        }
        guard let archive = PackageArchive.make(of: url) else {
            return try await recordFailure(url, id, ["\(id): could not archive the package (tar failed)"], commit)
        }
        let warnings = package.warnings.map(\.description)
        let stored = StoredVersion(package: package)
        let assets = StatementAssets.collect(package)
        let versionId = try await db.transaction(logger: logger) { conn -> (Int64, Bool) in
            let hash = package.contentHash
            try await conn.query("""
                INSERT INTO contests.package_blobs (content_hash, archive) VALUES (\(hash), \(ByteBuffer(bytes: archive)))
                ON CONFLICT DO NOTHING
                """, logger: logger)
            for asset in assets {
                try await conn.query("""
                    INSERT INTO contests.statement_assets (content_hash, path, content_type, bytes)
                    VALUES (\(hash), \(asset.path), \(asset.contentType), \(ByteBuffer(bytes: asset.bytes))) ON CONFLICT DO NOTHING
                    """, logger: logger)
            }
            try await conn.query("INSERT INTO contests.problems (id) VALUES (\(id)) ON CONFLICT DO NOTHING", logger: logger)
            var versionId: Int64?
            var isNew = false
            let inserted = try await conn.query("""
                INSERT INTO contests.problem_versions (problem_id, content_hash, git_commit, name, format_version, types, time_limit,
                    memory_mib, output_mib, code_kib, statements, samples_html, credits, source, license, test_count, memory_declared)
                VALUES (\(id), \(hash), \(commit), \(stored.name), \(package.formatVersion.rawValue), \(stored.types), \(stored.timeLimit),
                    \(package.metadata.memoryMiB), \(package.metadata.outputMiB), \(package.metadata.codeKiB), \(stored.statementsJSON)::jsonb,
                    \(stored.samplesHTML), \(package.metadata.credits), \(package.metadata.source), \(package.metadata.license),
                    \(package.allCases.count), \(package.metadata.memoryDeclared))
                ON CONFLICT (problem_id, content_hash) DO NOTHING RETURNING id
                """, logger: logger)
            for try await id in inserted.decode(Int64.self) { versionId = id; isNew = true }
            if versionId == nil {
                let existing = try await conn.query(
                    "SELECT id FROM contests.problem_versions WHERE problem_id = \(id) AND content_hash = \(hash)", logger: logger)
                for try await id in existing.decode(Int64.self) { versionId = id }
            }
            guard let versionId else { throw UserError(500, "version row vanished") }
            let current = try await conn.query("SELECT current_version FROM contests.problems WHERE id = \(id)", logger: logger)
            for try await value in current.decode(Int64?.self) where value != versionId { isNew = true }
            try await conn.query("UPDATE contests.problems SET current_version = \(versionId) WHERE id = \(id)", logger: logger)
            try await conn.query("""
                INSERT INTO contests.imports (source, problem_id, version_id, status, git_commit, warnings)
                VALUES (\(url.path), \(id), \(versionId), \(isNew ? "new" : "unchanged"), \(commit), \(warnings))
                """, logger: logger)
            return (versionId, isNew)
        }
        logger.info("imported \(id): version \(versionId.0) (\(versionId.1 ? "new" : "unchanged"))")
        return ImportOutcome(source: url.path, problemId: id, status: versionId.1 ? "new" : "unchanged", versionId: versionId.0, errors: [],
                             warnings: warnings)
    }

    private func recordFailure(_ url: URL, _ id: String, _ errors: [String], _ commit: String?,
                               warnings: [String] = []) async throws -> ImportOutcome {
        try await db.query("""
            INSERT INTO contests.imports (source, problem_id, status, errors, git_commit, warnings)
            VALUES (\(url.path), \(id), 'failed', \(errors), \(commit), \(warnings))
            """, logger: logger)
        logger.warning("import of \(id) failed: \(errors.joined(separator: "; "))")
        return ImportOutcome(source: url.path, problemId: id, status: "failed", versionId: nil, errors: errors, warnings: warnings)
    }
}
