import ArenaTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 9, item 13: HTML, JSON and static files are sent gzip-compressed to clients that accept
/// it, unchanged to the others.
@Suite struct CompressionTests {
    static func get(_ app: TestApp, _ uri: String, acceptEncoding: String?) async throws -> TestResponse {
        var headers = HTTPFields()
        if let acceptEncoding { headers[.acceptEncoding] = acceptEncoding }
        return try await app.client.execute(uri: uri, method: .get, headers: headers, body: nil)
    }

    @Test func textResponsesAreCompressedForClientsThatAcceptGzip() async throws {
        try await TestApp.run { app in
            for uri in ["/api/openapi.json", "/contests", "/static/css/arena.css", "/static/js/arena.js", "/nothing-here"] {
                let plain = try await Self.get(app, uri, acceptEncoding: nil)
                #expect(plain.headers[.contentEncoding] == nil, "\(uri) compressed for a client that did not ask")
                let gzipped = try await Self.get(app, uri, acceptEncoding: "br;q=1.0, gzip;q=0.8, *;q=0.1")
                #expect(gzipped.headers[.contentEncoding] == "gzip", "\(uri) was not compressed")
                #expect(gzipped.headers[values: .vary].joined().lowercased().contains("accept-encoding"))
                #expect(gzipped.status == plain.status)
                #expect(gzipped.body.readableBytes < plain.body.readableBytes)
                #expect(try gunzip(gzipped.body) == plain.text, "\(uri): the gzip body is not the page")
            }
            let refused = try await Self.get(app, "/api/openapi.json", acceptEncoding: "gzip;q=0, identity")
            #expect(refused.headers[.contentEncoding] == nil)
            let small = try await Self.get(app, "/healthz", acceptEncoding: "gzip")
            #expect(small.headers[.contentEncoding] == nil && small.text == "ok\n")
        }
    }
}
