import Foundation

/// What `sanitizeHTML` lets through: an allowlist of tags, attributes and URL schemes.
enum SanitizerPolicy {
    /// Tags kept (with filtered attributes).
    static let allowedTags: Set<String> = [
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
        "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
        "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small",
        "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
        "tr", "tt", "u", "ul", "var", "wbr",
    ]

    /// Tags removed together with everything inside them.
    static let droppedWithContent: Set<String> = [
        "script", "style", "iframe", "object", "embed", "applet", "template", "noscript", "noembed",
        "noframes", "frameset", "frame", "textarea", "select", "title", "xmp", "plaintext", "svg", "math",
        "head",
    ]

    /// Tags without an end tag.
    static let voidTags: Set<String> = ["br", "col", "hr", "img", "wbr"]

    /// Attributes kept on any allowed tag (`href`, `src` and `style` are checked separately).
    static let allowedAttributes: Set<String> = [
        "class", "id", "title", "lang", "dir", "align", "valign", "colspan", "rowspan", "span", "start",
        "reversed", "type", "alt", "width", "height", "scope", "abbr", "open", "role",
        "aria-label", "aria-hidden", "aria-describedby", "data-footnotes", "data-footnote-ref",
        "data-footnote-backref", "data-footnote-backref-idx",
    ]

    /// Prefix given to `id`s (and to `#fragment` links) so a statement cannot clobber the page's own ids.
    static let idPrefix = "stmt-"

    /// Schemes allowed in `href`.
    static let linkSchemes: Set<String> = ["http", "https", "mailto"]

    /// `data:` image types allowed in `src`.
    static let dataImagePrefixes = ["data:image/png;", "data:image/jpeg;", "data:image/gif;", "data:image/webp;"]

    /// Whether `url` (entities already decoded) may be a link target.
    static func isSafeLink(_ url: String) -> Bool {
        let compact = compacted(url)
        guard let scheme = scheme(of: compact) else { return true }
        return linkSchemes.contains(scheme)
    }

    /// Whether `url` may be an image source: relative to the statement, or an inline raster image.
    /// Images from other hosts are refused (statements must not load external resources).
    static func isSafeImage(_ url: String) -> Bool {
        let compact = compacted(url)
        if compact.hasPrefix("//") || compact.hasPrefix("\\") { return false }
        guard scheme(of: compact) != nil else { return !compact.isEmpty }
        return dataImagePrefixes.contains { compact.hasPrefix($0) }
    }

    /// Whether a `style` value only sets alignment or width (what pandoc and cmark emit for tables).
    static func isSafeStyle(_ style: String) -> Bool {
        let declarations = style.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        return declarations.allSatisfy { declaration in
            if declaration.isEmpty { return true }
            let parts = declaration.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, ["text-align", "width", "vertical-align"].contains(parts[0].lowercased()) else {
                return false
            }
            return parts[1].unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0)
                || $0 == "." || $0 == "%" || $0 == "-" || $0 == " " }
        }
    }

    /// The URL lowercased, with ASCII control characters and spaces removed (browsers ignore them).
    private static func compacted(_ url: String) -> String {
        String(String.UnicodeScalarView(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
            .lowercased()
    }

    /// The scheme of `url`: the text before a `:` that comes before any `/`, `?` or `#`.
    private static func scheme(of url: String) -> String? {
        for (offset, char) in url.enumerated() {
            if char == "/" || char == "?" || char == "#" { return nil }
            if char == ":" { return String(url.prefix(offset)) }
        }
        return nil
    }
}
