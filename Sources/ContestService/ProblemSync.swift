import ArenaCore
import Foundation
import Logging

/// `arena problems sync` and the admin's "sync now": clone or pull `ARENA_PROBLEMS_REPO` (a git
/// URL or path) into the data folder, then import every package (unchanged content makes no
/// new version, so only what changed becomes live).
public struct ProblemSync: Sendable {
    let importer: ProblemImporter
    let repository: String?
    let checkout: URL

    /// Creates the syncer.
    public init(importer: ProblemImporter, repository: String?, dataDirectory: String) {
        self.importer = importer
        self.repository = repository
        checkout = URL(fileURLWithPath: dataDirectory).appendingPathComponent("problems-repo")
    }

    /// Pulls and imports.
    public func sync() async throws -> [ImportOutcome] {
        guard let repository, !repository.isEmpty else {
            throw UserError.invalid("No problems repository configured: set ARENA_PROBLEMS_REPO to a git URL or path.")
        }
        let git = "/usr/bin/git"
        if FileManager.default.fileExists(atPath: checkout.appendingPathComponent(".git").path) {
            let pull = await HostProcess.run([git, "-C", checkout.path, "pull", "--ff-only", "-q"])
            guard pull.status == 0 else { throw UserError.invalid("git pull in \(checkout.path) failed: \(pull.text)") }
        } else {
            try FileManager.default.createDirectory(at: checkout.deletingLastPathComponent(), withIntermediateDirectories: true)
            let clone = await HostProcess.run([git, "clone", "-q", repository, checkout.path])
            guard clone.status == 0 else { throw UserError.invalid("git clone \(repository) failed: \(clone.text)") }
        }
        return try await importer.importPackages(at: [checkout])
    }
}
