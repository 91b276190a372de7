import ArenaMarkdown
import ScoringService

/// The standings table's rows as HTML, written directly: a contest of 10,000 rows renders in
/// milliseconds, where the template engine took seconds. The page's script builds the same
/// markup from the socket's JSON (`arena.js`, `rowElement`). User names are escaped.
enum StandingsHTML {
    static func rows(_ rows: [StandingsJSON.RowJSON], me: String?) -> String {
        var html = ""
        html.reserveCapacity(rows.count * (120 + 48 * (rows.first?.cells.count ?? 0)))
        for row in rows {
            html += "<tr data-user=\"\(row.userId)\""
            if row.user == me { html += " class=\"me\"" }
            html += "><td>\(row.rank)</td><td>\(escapeHTML(row.user))</td><td>\(row.solved)</td><td>\(row.penalty)</td>"
            for cell in row.cells {
                html += "<td class=\"cell \(cell.css)\">\(cell.text)<small>\(cell.minutes)</small></td>"
            }
            html += "</tr>\n"
        }
        return html
    }
}
