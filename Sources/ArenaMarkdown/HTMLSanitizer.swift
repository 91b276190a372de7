/// Cleans HTML with an allowlist (see `SanitizerPolicy`): unknown tags are dropped (their text kept),
/// `script`, `style`, `iframe` and the like are dropped with their content, comments vanish, attributes
/// outside the list (every `on…` handler) go, links keep only http(s)/mailto/relative targets, images
/// only relative or inline raster sources, and `id`s get the prefix `stmt-`.
/// Used on everything a statement turns into, Markdown (after cmark's own safe mode) and LaTeX alike.
public func sanitizeHTML(_ html: String) -> String {
    var sanitizer = HTMLSanitizer(Array(html.utf8))
    return sanitizer.run()
}

/// A one-pass tokenizer that writes the allowed subset of its input.
struct HTMLSanitizer {
    private let input: [UInt8]
    private var i = 0
    private var out: [UInt8] = []

    init(_ input: [UInt8]) {
        self.input = input
        out.reserveCapacity(input.count)
    }

    mutating func run() -> String {
        while i < input.count {
            if input[i] == UInt8(ascii: "<") {
                markup()
            } else {
                out.append(input[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func starts(with text: String, at index: Int) -> Bool {
        guard index < input.count, lower(input[index]) == text.utf8.first else { return false }
        let bytes = Array(text.utf8)
        guard index + bytes.count <= input.count else { return false }
        for (k, b) in bytes.enumerated() where lower(input[index + k]) != b { return false }
        return true
    }

    private func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
    private func isLetter(_ b: UInt8) -> Bool { (b | 32) >= 97 && (b | 32) <= 122 }
    private func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 12 || b == 13 }

    /// Moves `i` past the next occurrence of `terminator`, or to the end.
    private mutating func skip(past terminator: String) {
        while i < input.count, !starts(with: terminator, at: i) { i += 1 }
        i = min(input.count, i + terminator.utf8.count)
    }

    /// Handles the `<` at `i`.
    private mutating func markup() {
        if starts(with: "<!--", at: i) { return skip(past: "-->") }
        if starts(with: "<!", at: i) || starts(with: "<?", at: i) { return skip(past: ">") }
        let isEnd = i + 1 < input.count && input[i + 1] == UInt8(ascii: "/")
        var j = i + (isEnd ? 2 : 1)
        guard j < input.count, isLetter(input[j]) else {
            out += Array("&lt;".utf8)
            i += 1
            return
        }
        var nameBytes: [UInt8] = []
        while j < input.count, !isSpace(input[j]), input[j] != UInt8(ascii: ">"), input[j] != UInt8(ascii: "/") {
            nameBytes.append(lower(input[j]))
            j += 1
        }
        let name = String(decoding: nameBytes, as: UTF8.self)
        i = j
        let attributes = parseAttributes()
        if isEnd {
            if SanitizerPolicy.allowedTags.contains(name), !SanitizerPolicy.voidTags.contains(name) {
                out += Array("</\(name)>".utf8)
            }
        } else if SanitizerPolicy.droppedWithContent.contains(name) {
            skipElement(named: name)
        } else if SanitizerPolicy.allowedTags.contains(name) {
            emitStartTag(name, attributes)
        }
    }

    /// Reads attributes up to and past the closing `>` (quotes respected).
    private mutating func parseAttributes() -> [(String, String?)] {
        var attributes: [(String, String?)] = []
        while i < input.count {
            while i < input.count, isSpace(input[i]) || input[i] == UInt8(ascii: "/") { i += 1 }
            guard i < input.count else { break }
            if input[i] == UInt8(ascii: ">") { i += 1; break }
            var name: [UInt8] = []
            if input[i] == UInt8(ascii: "=") {  // malformed: consume it so the loop advances
                name.append(input[i])
                i += 1
            }
            let stops: [UInt8] = [UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "=")]
            while i < input.count, !isSpace(input[i]), !stops.contains(input[i]) {
                name.append(lower(input[i]))
                i += 1
            }
            while i < input.count, isSpace(input[i]) { i += 1 }
            var value: String?
            if i < input.count, input[i] == UInt8(ascii: "=") {
                i += 1
                while i < input.count, isSpace(input[i]) { i += 1 }
                value = readValue()
            }
            attributes.append((String(decoding: name, as: UTF8.self), value))
        }
        return attributes
    }

    /// Reads a quoted or unquoted attribute value at `i`.
    private mutating func readValue() -> String {
        guard i < input.count else { return "" }
        var bytes: [UInt8] = []
        let quote = input[i]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            i += 1
            while i < input.count, input[i] != quote { bytes.append(input[i]); i += 1 }
            i = min(input.count, i + 1)
        } else {
            while i < input.count, !isSpace(input[i]), input[i] != UInt8(ascii: ">") { bytes.append(input[i]); i += 1 }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Skips everything up to and including `</name…>`.
    private mutating func skipElement(named name: String) {
        while i < input.count {
            if starts(with: "</\(name)", at: i) {
                let after = i + 2 + name.utf8.count
                if after >= input.count || isSpace(input[after]) || input[after] == UInt8(ascii: ">") {
                    i = after
                    return skip(past: ">")
                }
            }
            i += 1
        }
    }

    /// Writes an allowed start tag with its allowed attributes; drops an `img` without a safe source.
    private mutating func emitStartTag(_ tag: String, _ attributes: [(String, String?)]) {
        var kept = ""
        var hasSource = false
        var seen: Set<String> = []
        for (name, rawValue) in attributes where !seen.contains(name) {
            seen.insert(name)
            let decoded = rawValue.map(HTMLEntities.decode)
            switch name {
            case "href" where tag == "a":
                guard let url = decoded, let clean = url.value, !clean.isEmpty, SanitizerPolicy.isSafeLink(clean) else {
                    continue
                }
                let target = clean.hasPrefix("#") ? "#" + SanitizerPolicy.idPrefix + clean.dropFirst() : clean
                kept += " href=\"\(escapeHTML(target))\""
                if clean.lowercased().hasPrefix("http") { kept += " rel=\"nofollow noopener noreferrer\"" }
            case "src" where tag == "img":
                guard let url = decoded, let clean = url.value, SanitizerPolicy.isSafeImage(clean) else { continue }
                kept += " src=\"\(escapeHTML(clean))\""
                hasSource = true
            case "style":
                guard let style = decoded?.text, SanitizerPolicy.isSafeStyle(style) else { continue }
                kept += " style=\"\(escapeHTML(style))\""
            case "id":
                guard let id = decoded?.text, !id.isEmpty else { continue }
                kept += " id=\"\(escapeHTML(SanitizerPolicy.idPrefix + id))\""
            default:
                guard SanitizerPolicy.allowedAttributes.contains(name) else { continue }
                kept += decoded.map { " \(name)=\"\(escapeHTML($0.text))\"" } ?? " \(name)"
            }
        }
        if tag == "img", !hasSource { return }
        out += Array("<\(tag)\(kept)\(SanitizerPolicy.voidTags.contains(tag) ? " /" : "")>".utf8)
    }
}
