/// Cuts TeX math out of Markdown before cmark sees it, and puts it back, HTML-escaped, afterwards.
///
/// Rules follow pandoc's `tex_math_dollars`: `$$…$$` is display math (may span lines); `$…$` is inline
/// math when the opening `$` is followed by a non-space, the closing `$` is preceded by a non-space and
/// not followed by a digit, and no blank line lies between them. `\$` is a literal dollar. Nothing inside
/// code spans or fenced code blocks is touched.
struct MathProtector {
    /// One cut-out formula.
    struct Math {
        /// The TeX between the delimiters.
        let tex: String
        /// Whether it was `$$…$$`.
        let display: Bool
    }

    /// The Markdown with placeholders.
    private(set) var text: String
    /// The formulas, indexed by placeholder number.
    private(set) var maths: [Math] = []

    private static let maxInlineLength = 2000
    private static let open: Unicode.Scalar = "\u{E000}"
    private static let close: Unicode.Scalar = "\u{E001}"

    /// Replaces every formula in `markdown` with a placeholder.
    static func protect(_ markdown: String) -> MathProtector {
        // Placeholder characters in the input itself would confuse `restore`.
        let clean = markdown.unicodeScalars.contains { $0 == open || $0 == close }
            ? String(String.UnicodeScalarView(markdown.unicodeScalars.map { $0 == open || $0 == close ? "\u{FFFD}" : $0 }))
            : markdown
        var protector = MathProtector(text: "")
        var prose: [Unicode.Scalar] = []
        var fence: (char: Unicode.Scalar, count: Int)?
        for line in clean.split(separator: "\n", omittingEmptySubsequences: false) {
            let scalars = Array(line.unicodeScalars)
            let marker = fenceMarker(scalars)
            if let open = fence {
                protector.text += String(line) + "\n"
                if let marker, marker.char == open.char, marker.count >= open.count, marker.bare { fence = nil }
            } else if let marker {
                protector.flush(&prose)
                fence = (marker.char, marker.count)
                protector.text += String(line) + "\n"
            } else {
                prose += scalars + ["\n"]
            }
        }
        protector.flush(&prose)
        if !markdown.hasSuffix("\n"), protector.text.hasSuffix("\n") { protector.text.removeLast() }
        return protector
    }

    /// A code fence at the start of `line`: 0–3 spaces, then 3 or more backticks or tildes.
    private static func fenceMarker(_ line: [Unicode.Scalar]) -> (char: Unicode.Scalar, count: Int, bare: Bool)? {
        var i = 0
        while i < line.count, i < 3, line[i] == " " { i += 1 }
        guard i < line.count, line[i] == "`" || line[i] == "~" else { return nil }
        let char = line[i]
        var count = 0
        while i < line.count, line[i] == char { count += 1; i += 1 }
        guard count >= 3 else { return nil }
        let bare = line[i...].allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
        return (char, count, bare)
    }

    /// Scans prose for code spans and math, appending the result to `text`.
    private mutating func flush(_ prose: inout [Unicode.Scalar]) {
        let s = prose
        prose.removeAll()
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "\\", i + 1 < s.count {
                out.append(contentsOf: s[i...i + 1])
                i += 2
            } else if c == "`" {
                var run = 0
                while i + run < s.count, s[i + run] == "`" { run += 1 }
                let end = Self.closingBackticks(s, from: i + run, run: run) ?? i + run
                out.append(contentsOf: s[i..<end])
                i = end
            } else if c == "$", let (math, end) = Self.formula(s, at: i) {
                out.append(Self.open)
                out.append(contentsOf: String(maths.count).unicodeScalars)
                out.append(Self.close)
                maths.append(math)
                i = end
            } else {
                out.append(c)
                i += 1
            }
        }
        text += String(out)
    }

    /// The index just past a run of exactly `run` backticks at or after `start`, or nil.
    private static func closingBackticks(_ s: [Unicode.Scalar], from start: Int, run: Int) -> Int? {
        var j = start
        while j < s.count {
            guard s[j] == "`" else { j += 1; continue }
            var count = 0
            while j + count < s.count, s[j + count] == "`" { count += 1 }
            if count == run { return j + count }
            j += count
        }
        return nil
    }

    /// The formula starting with the `$` at `i`, and the index after its closing delimiter.
    private static func formula(_ s: [Unicode.Scalar], at i: Int) -> (Math, Int)? {
        if i + 1 < s.count, s[i + 1] == "$" {
            var j = i + 2
            while j + 1 < s.count {
                if s[j] == "\\" { j += 2; continue }
                if s[j] == "$", s[j + 1] == "$" {
                    let tex = String(String.UnicodeScalarView(s[(i + 2)..<j]))
                    guard !tex.allSatisfy(\.isWhitespace) else { return nil }
                    return (Math(tex: tex, display: true), j + 2)
                }
                j += 1
            }
            return nil
        }
        guard i + 1 < s.count, !isSpace(s[i + 1]) else { return nil }
        var j = i + 1
        // Inline formulas are short; the cap keeps a paragraph full of lone dollars linear.
        while j < s.count, j - i < maxInlineLength {
            let c = s[j]
            if c == "\\" { j += 2; continue }
            if c == "\n", blankLineFollows(s, j) { return nil }
            if c == "$" {
                let nextIsDigit = j + 1 < s.count && ("0"..."9").contains(s[j + 1])
                if !isSpace(s[j - 1]), !nextIsDigit {
                    return (Math(tex: String(String.UnicodeScalarView(s[(i + 1)..<j])), display: false), j + 1)
                }
            }
            j += 1
        }
        return nil
    }

    private static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" }

    private static func blankLineFollows(_ s: [Unicode.Scalar], _ newline: Int) -> Bool {
        var k = newline + 1
        while k < s.count, s[k] == " " || s[k] == "\t" || s[k] == "\r" { k += 1 }
        return k >= s.count || s[k] == "\n"
    }

    /// Puts the formulas back into rendered `html`. A display formula alone in a paragraph becomes a
    /// `div`; inside a tag (an image's alt text) a formula is restored as its escaped source.
    func restore(in html: String) -> String {
        guard !maths.isEmpty else { return html }
        let s = Array(html.unicodeScalars)
        var out = ""
        var inTag = false
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "<" { inTag = true } else if c == ">" { inTag = false }
            guard c == Self.open, let (index, end) = placeholder(s, at: i) else {
                out.unicodeScalars.append(c)
                i += 1
                continue
            }
            let math = maths[index]
            let tex = escapeHTML(math.tex)
            i = end
            if inTag {
                out += math.display ? "$$\(tex)$$" : "$\(tex)$"
            } else if !math.display {
                out += "<span class=\"math inline\">\\(\(tex)\\)</span>"
            } else if out.hasSuffix("<p>"), Array(s[i..<min(i + 4, s.count)]) == Array("</p>".unicodeScalars) {
                out.removeLast(3)
                out += "<div class=\"math display\">\\[\(tex)\\]</div>"
                i += 4
            } else {
                out += "<span class=\"math display\">\\[\(tex)\\]</span>"
            }
        }
        return out
    }

    /// The formula index of the placeholder at `i` and the index after it.
    private func placeholder(_ s: [Unicode.Scalar], at i: Int) -> (Int, Int)? {
        var j = i + 1
        var digits = ""
        while j < s.count, ("0"..."9").contains(s[j]) { digits.unicodeScalars.append(s[j]); j += 1 }
        guard j < s.count, s[j] == Self.close, let index = Int(digits), index < maths.count else { return nil }
        return (index, j + 1)
    }
}
