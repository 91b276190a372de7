import ArenaCore
import ArenaTestSupport
import Foundation
import HTTPTypes
import Testing

/// Issue 9: the submissions API pages with `limit` and a `before` cursor and a `Link` to the
/// next page (item 10); the jury's rejudge button names a problem or is not there (item 9).
@Suite struct ListingTests {
    @Test func submissionsPageWithACursorAndANextLink() async throws {
        try await TestApp.run(configure: { $0.submissionGap = 0 }) { app in
            let arena = try await Arena.make(app)
            _ = try await arena.contestant.send(.post, "/api/v1/contests/c/register")
            var ids: [Int] = []
            for _ in 0..<7 { ids.append(Int(try #require(try await arena.submit().json["id"] as? String))!) }
            ids.reverse()  // newest first, as the list is

            var seen: [Int] = []
            var next: String? = "/api/v1/submissions?contest_id=c&limit=3"
            var pages = 0
            while let url = next, pages < 10 {
                let page = try await arena.contestant.send(.get, url)
                #expect(page.status == .ok)
                seen += page.jsonArray.compactMap { $0["id"] as? Int }
                next = page.headers[HTTPField.Name("Link")!].flatMap(Self.nextURL)
                pages += 1
            }
            #expect(seen == ids)
            #expect(pages == 3)  // 3 + 3 + 1, and the last page has no Link
            let small = try await arena.contestant.send(.get, "/api/v1/submissions?limit=2&before=\(ids[1])").jsonArray
            #expect(small.compactMap { $0["id"] as? Int } == Array(ids[2...3]))
            for bad in ["limit=0", "limit=501", "limit=x", "before=0", "before=abc"] {
                let refused = try await arena.contestant.send(.get, "/api/v1/submissions?\(bad)")
                #expect(refused.status == .badRequest, "\(bad): \(refused.status)")
            }
        }
    }

    static func nextURL(_ link: String) -> String? {
        guard link.hasSuffix(#">; rel="next""#), link.hasPrefix("<") else { return nil }
        return String(link.dropFirst().dropLast(#">; rel="next""#.count))
    }

    @Test func theRejudgeButtonNamesItsProblem() async throws {
        try await TestApp.run { app in
            _ = try await Arena.make(app)
            let jury = try await jurySession(app)
            let unfiltered = try await jury.send(.get, "/contests/c/submissions").text
            #expect(!unfiltered.contains("Rejudge every submission of"), "a rejudge button without a problem")
            let filtered = try await jury.send(.get, "/contests/c/submissions?problem=plus").text
            #expect(filtered.contains("Rejudge every submission of plus (with its current package)"))
        }
    }
}
