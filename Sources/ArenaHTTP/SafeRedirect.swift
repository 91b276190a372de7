/// Where a "go back to" parameter (`next=`) may send a browser: only paths of this site.
///
/// Browsers drop tabs and newlines from URLs and read `\` as `/`, so `/\t/evil.example` and
/// `/\evil.example` both go to `//evil.example`, another host. A value is judged as a browser
/// would see it: percent-escapes decoded (repeatedly, for double encoding), and refused when it
/// then holds a control character, whitespace or a backslash, or does not start with exactly
/// one `/`.
public enum SafeRedirect {
    /// `next` when it is a same-site path, else `fallback`.
    public static func path(_ next: String?, fallback: String = "/") -> String {
        guard let next, isSameSitePath(next) else { return fallback }
        return next
    }

    /// Whether `value` names a path on this site (not another host, scheme or something a
    /// browser would rewrite into one).
    public static func isSameSitePath(_ value: String) -> Bool {
        // The value itself goes into a Location header: printable ASCII only.
        guard value.utf8.allSatisfy({ (0x21...0x7E).contains($0) }), value.utf8.count <= 2048 else { return false }
        var decoded = value
        for _ in 0..<4 {
            guard let once = decoded.removingPercentEncoding, once != decoded else { break }
            decoded = once
        }
        guard !decoded.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.isWhitespace || $0 == "\\" })
        else { return false }
        let scalars = Array(decoded.unicodeScalars.prefix(2))
        return scalars.first == "/" && (scalars.count == 1 || scalars[1] != "/")
    }
}
