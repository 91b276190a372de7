import ArenaCore
import Foundation

/// The checks every submission passes before it is stored (API and form share them).
public struct Intake: Sendable {
    /// Largest source accepted, bytes (a problem may set less with `limits.code`).
    public var maxSourceBytes = 64 * 1024
    /// Seconds a user waits between submissions.
    public var minimumGap: Double = 5
    let store: SubmissionStore
    let catalog: any ProblemCatalog

    /// Validates and stores; returns the new id. Every refusal is a `UserError` saying why.
    func submit(identity: Identity, problemId: String, contestId: String?, label: String?, language: String, source: [UInt8]) async throws -> Int64 {
        guard identity.has(.contestant) || identity.isJury else { throw UserError.forbidden("Only contestants and the jury submit.") }
        guard LanguageCatalog.find(language) != nil else {
            throw UserError.invalid("Unknown language \"\(language)\"; use one of \(LanguageCatalog.all.map(\.id).joined(separator: ", ")).")
        }
        guard !source.isEmpty, source.contains(where: { !($0 == 32 || $0 == 9 || $0 == 10 || $0 == 13) }) else {
            throw UserError.invalid("The source is empty.")
        }
        guard let text = String(validating: source, as: UTF8.self), !source.contains(0) else {
            throw UserError.invalid("The source is not UTF-8 text (binary files cannot be submitted).")
        }
        let target = try await catalog.submitTarget(problemId: problemId, contestId: contestId, label: label, identity: identity)
        let limit = min(maxSourceBytes, target.codeKiB * 1024)
        guard source.count <= limit else { throw UserError(413, "The source is \(source.count / 1024) KiB; the limit is \(limit / 1024) KiB.") }
        guard let id = try await store.intake(identity: identity, target: target, language: language, source: text, minimumGap: minimumGap) else {
            let wait = max(1, Int(minimumGap.rounded(.up)))
            throw UserError(429, "You submitted less than \(wait) seconds ago; wait a moment.", headers: ["Retry-After": String(wait)])
        }
        return id
    }
}
