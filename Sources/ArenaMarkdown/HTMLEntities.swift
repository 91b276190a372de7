/// Decodes character references in attribute values, so URL checks see what a browser would.
enum HTMLEntities {
    /// A decoded value.
    struct Decoded {
        /// The value with known references decoded (unknown ones left as written).
        let text: String
        /// `text`, or nil when it held a named reference this decoder does not know
        /// (a URL with one is refused rather than guessed at).
        let value: String?
    }

    /// Named references understood; the ones browsers accept that could hide a URL scheme are included.
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "colon": ":",
        "tab": "\t", "newline": "\n", "sol": "/", "num": "#", "quest": "?", "period": ".", "comma": ",",
        "lpar": "(", "rpar": ")", "percnt": "%", "equals": "=", "plus": "+", "lowbar": "_", "hyphen": "-",
    ]

    /// Decodes `&name;`, `&#NN;` and `&#xHH;` in `raw`.
    static func decode(_ raw: String) -> Decoded {
        guard raw.contains("&") else { return Decoded(text: raw, value: raw) }
        var text = ""
        var known = true
        var rest = Substring(raw)
        while let amp = rest.firstIndex(of: "&") {
            text += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semi = after.prefix(32).firstIndex(of: ";") else {
                text += "&"
                rest = after
                if after.first?.isLetter == true || after.first == "#" { known = false }
                continue
            }
            let body = String(after[..<semi])
            if let scalar = numeric(body) {
                text.unicodeScalars.append(scalar)
            } else if let char = named[body.lowercased()] {
                text += char
            } else {
                text += "&" + body + ";"
                known = false
            }
            rest = after[after.index(after: semi)...]
        }
        text += rest
        return Decoded(text: text, value: known ? text : nil)
    }

    /// `#NN` or `#xHH` as a scalar.
    private static func numeric(_ body: String) -> Unicode.Scalar? {
        guard body.hasPrefix("#") else { return nil }
        let digits = body.dropFirst()
        let number = digits.first == "x" || digits.first == "X"
            ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        return number.flatMap(Unicode.Scalar.init) ?? (number == nil ? nil : "\u{FFFD}")
    }
}
