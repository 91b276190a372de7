import CMarkGFM
import Foundation

/// Renders statement Markdown to HTML that is safe to embed in a page.
///
/// - cmark-gfm in safe mode (raw HTML is dropped, `javascript:`/`vbscript:`/`file:` links are emptied),
///   with the GFM extensions table, strikethrough, autolink and tagfilter, and footnotes.
/// - Math `$…$` and `$$…$$` is cut out before parsing and put back HTML-escaped as
///   `<span class="math inline">\(…\)</span>` and `<div class="math display">\[…\]</div>`
///   (the same markup `pandoc --mathjax` emits), ready for KaTeX's auto-render.
/// - Relative image and link URLs stay relative to the statement folder.
/// - The result then passes `sanitizeHTML`, which also drops images from other hosts.
public func renderMarkdown(_ text: String) -> String {
    let protected = MathProtector.protect(text)
    let html = CMark.render(protected.text)
    return sanitizeHTML(protected.restore(in: html))
}

/// The cmark-gfm C API, wrapped.
enum CMark {
    /// Registers the GFM core extensions once per process (thread-safe: Swift runs global initialisers once).
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// Parser and renderer options: safe mode and footnotes.
    static let options: Int32 = CMARK_OPT_SAFE | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8

    /// The extensions attached to every parser.
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter"]

    /// cmark-gfm keeps which characters start an inline extension (`~` of strikethrough) in a
    /// table of the whole process, set when a parser attaches an extension and cleared when one
    /// is freed: two parsers at once can lose each other's, and `~~x~~` then stays text (seen in
    /// parallel tests). So one parse at a time; statements are rendered once and cached.
    private static let lock = NSLock()

    /// Parses `markdown` and renders it to HTML; an empty string if cmark fails to allocate.
    static func render(_ markdown: String) -> String {
        lock.withLock { renderAlone(markdown) }
    }

    private static func renderAlone(_ markdown: String) -> String {
        _ = registered
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        var bytes = Array(markdown.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_parser_feed(parser, $0, buffer.count)
                }
            }
        }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        guard let html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
            return ""
        }
        defer { free(html) }
        return String(cString: html)
    }
}
