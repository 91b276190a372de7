import ArenaHTTP
import ArenaMarkdown
import Foundation
import ScoringService

/// The standings table's rows as HTML, written directly: a contest of 10,000 rows renders in
/// milliseconds, where the template engine took seconds. The page's script builds the same
/// markup from the socket's JSON (`arena.js`, `rowElement`). User names are escaped.
enum StandingsHTML {
    /// The line under the title about the freeze: when it began, or when it will.
    static func freezeNotice(_ json: StandingsJSON) -> String? {
        guard let at = json.freezesAt else { return nil }
        return json.frozen
            ? "Frozen since \(Format.utc(at)): the public standings show later tries as pending (?N)."
            : "The public standings freeze at \(Format.utc(at))."
    }

    /// The rows; the viewer's own row is marked by `markingViewer` afterwards, so the rest can be shared.
    static func rows(_ rows: [StandingsJSON.RowJSON]) -> String {
        var html = ""
        html.reserveCapacity(rows.count * (120 + 48 * (rows.first?.cells.count ?? 0)))
        for row in rows {
            html += "<tr data-user=\"\(row.userId)\"><td>\(row.rank)</td><td>\(escapeHTML(row.user))</td><td>\(row.solved)</td><td>\(row.penalty)</td>"
            for cell in row.cells {
                html += "<td class=\"cell \(cell.css)\">\(cell.text)<small>\(cell.minutes)</small></td>"
            }
            html += "</tr>\n"
        }
        return html
    }

    /// `rows` with the row of user `id` (if any) given `class="me"`.
    static func markingViewer(_ rows: String, id: Int64?) -> String {
        guard let id, let range = rows.range(of: "<tr data-user=\"\(id)\">") else { return rows }
        return rows.replacingCharacters(in: range, with: "<tr data-user=\"\(id)\" class=\"me\">")
    }
}
