import Foundation

/// A parsed `multipart/form-data` body (the submit form with its file upload).
struct MultipartForm {
    private(set) var fields: [String: [UInt8]] = [:]

    /// Parses `body` with the boundary from `contentType`; nil when it is not multipart.
    init?(contentType: String, body: [UInt8]) {
        guard let range = contentType.range(of: "boundary=") else { return nil }
        var boundary = String(contentType[range.upperBound...]).split(separator: ";")[0].trimmingCharacters(in: .whitespaces)
        if boundary.hasPrefix("\"") { boundary = String(boundary.dropFirst().dropLast()) }
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [ArraySlice<UInt8>] = []
        var start: Int?
        var i = 0
        while i + delimiter.count <= body.count {
            if body[i] == delimiter[0], Array(body[i..<i + delimiter.count]) == delimiter {
                if let s = start { parts.append(body[s..<max(s, i - 2)]) }  // drop the CRLF before the delimiter
                i += delimiter.count
                if i + 2 <= body.count, body[i] == 45, body[i + 1] == 45 { break }  // closing "--"
                i += 2  // CRLF after the delimiter
                start = i
                continue
            }
            i += 1
        }
        for part in parts {
            let bytes = Array(part)
            guard let split = Self.find([13, 10, 13, 10], in: bytes) else { continue }
            let headers = String(decoding: bytes[..<split], as: UTF8.self)
            guard let nameRange = headers.range(of: "name=\"") else { continue }
            let name = headers[nameRange.upperBound...].prefix { $0 != "\"" }
            fields[String(name)] = Array(bytes[(split + 4)...])
        }
    }

    /// A field as text.
    func text(_ name: String) -> String? { fields[name].map { String(decoding: $0, as: UTF8.self) } }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] && Array(haystack[i..<i + needle.count]) == needle {
            return i
        }
        return nil
    }
}
