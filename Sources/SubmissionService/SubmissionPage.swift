import ArenaCore
import Hummingbird

/// The paging of `GET /api/v1/submissions`: `limit` (1–500, default 100) newest first, and the
/// cursor `before` (a submission id: only older ones). A page that is not the last carries
/// `Link: <…&before=ID>; rel="next"`, the same query with the cursor moved past its last row.
struct SubmissionPage {
    static let defaultLimit = 100, maxLimit = 500
    let limit: Int
    let before: Int64?

    init(_ query: Parameters) throws {
        if let text = query["limit"] {
            guard let value = Int(text), (1...Self.maxLimit).contains(value) else {
                throw UserError.badRequest("`limit` must be a whole number from 1 to \(Self.maxLimit).")
            }
            limit = value
        } else {
            limit = Self.defaultLimit
        }
        if let text = query["before"] {
            guard let value = Int64(text), value > 0 else { throw UserError.badRequest("`before` must be a submission id (a whole number ≥ 1).") }
            before = value
        } else {
            before = nil
        }
    }

    /// The URL of the next page: the request's own path and filters, `before` set to `id`.
    func next(path: String, query: String?, before id: Int64) -> String {
        var parts = (query ?? "").split(separator: "&").filter { !$0.hasPrefix("before=") && !$0.hasPrefix("limit=") }.map(String.init)
        parts.append("limit=\(limit)")
        parts.append("before=\(id)")
        return path + "?" + parts.joined(separator: "&")
    }
}
