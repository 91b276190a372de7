import ArenaCore
import ArenaHTTP
import ArenaMarkdown
import Foundation
import ScoringService

/// The standings table's rows as HTML, written directly: a contest of 10,000 rows renders in
/// milliseconds, where the template engine took seconds. The page's script builds the same
/// markup from the socket's JSON (`arena.js`, `rowElement`). User names are escaped.
enum StandingsHTML {
    /// The line under the title about the freeze: when it began, or when it will.
    static func freezeNotice(_ info: ContestScoringInfo, frozen: Bool) -> String? {
        guard let at = StandingsJSON.freezeStart(info) else { return nil }
        return frozen
            ? "Frozen since \(Format.utc(at)): the public standings show later tries as pending (?N)."
            : "The public standings freeze at \(Format.utc(at))."
    }

    /// The rows, and where each contestant's row starts, so the viewer's own row is marked by
    /// `spliced(into:marking:)` per request and the rest is shared.
    struct Rows: Sendable {
        let html: String
        /// UTF-8 offset of `<tr` of each user's row.
        let starts: [Int64: Int]

        init(_ rows: [StandingsJSON.RowJSON]) {
            var html = ""
            var starts: [Int64: Int] = [:]
            starts.reserveCapacity(rows.count)
            html.reserveCapacity(rows.count * (120 + 48 * (rows.first?.cells.count ?? 0)))
            for row in rows {
                starts[row.userId] = html.utf8.count
                html += "<tr data-user=\"\(row.userId)\"><td>\(row.rank)</td><td>\(escapeHTML(row.user))</td><td>\(row.solved)</td><td>\(row.penalty)</td>"
                for cell in row.cells {
                    html += "<td class=\"cell \(cell.css)\">\(cell.text)<small>\(cell.minutes)</small></td>"
                }
                html += "</tr>\n"
            }
            self.html = html
            self.starts = starts
        }

        /// `document` (rendered with `placeholder` as the table body) with the rows in its place,
        /// the row of user `id` (if any) given `class="me"`. The rows go around the template
        /// engine, which takes tens of milliseconds to copy megabytes.
        func spliced(into document: String, marking id: Int64?) -> String {
            guard let slot = document.range(of: StandingsHTML.placeholder) else { return document }
            var page = ""
            page.reserveCapacity(document.utf8.count + html.utf8.count + 12)
            page += document[..<slot.lowerBound]
            if let id, let start = starts[id] {
                let utf8 = html.utf8
                let at = utf8.index(utf8.startIndex, offsetBy: start + "<tr data-user=\"\(id)\"".utf8.count)
                page += html[..<at]
                page += " class=\"me\""
                page += html[at...]
            } else {
                page += html
            }
            page += document[slot.upperBound...]
            return page
        }
    }

    /// What the page template gets as its table body, replaced by the rows afterwards.
    static let placeholder = "<!--standings rows-->"
}
