import Testing
@testable import ArenaMarkdown

/// Markdown rendering: GFM extensions, safe mode and math.
@Suite struct MarkdownTests {
    @Test func rendersTablesStrikethroughAutolinksAndFootnotes() {
        let html = renderMarkdown("""
            | A | B |
            |---|:-:|
            | 1 | 2 |

            ~~old~~ see www.example.com and a note.[^n]

            [^n]: The note.
            """)
        #expect(html.contains("<table>"))
        #expect(html.contains("<th align=\"center\">B</th>"))
        #expect(html.contains("<del>old</del>"))
        #expect(html.contains("<a href=\"http://www.example.com\""))
        #expect(html.contains("<section class=\"footnotes\" data-footnotes>"))
        #expect(html.contains("The note."))
        #expect(html.contains("href=\"#stmt-fn-n\""))
        #expect(html.contains("id=\"stmt-fn-n\""))
    }

    @Test func keepsMathIntact() {
        let html = renderMarkdown("""
            Let $a_1 * b_2 < c$ and $|x|$ hold, costs $5 and $10.

            $$
            \\sum_{i=1}^{n} a_i \\le 10^{15}
            $$

            | $N$ | $a|b$ |
            |-----|-------|
            | $x_1$ | y |
            """)
        #expect(html.contains("<span class=\"math inline\">\\(a_1 * b_2 &lt; c\\)</span>"))
        #expect(html.contains("<span class=\"math inline\">\\(|x|\\)</span>"))
        #expect(html.contains("costs $5 and $10."))
        #expect(html.contains("<div class=\"math display\">\\[\n\\sum_{i=1}^{n} a_i \\le 10^{15}\n\\]</div>"))
        #expect(html.contains("<th><span class=\"math inline\">\\(N\\)</span></th>"))
        #expect(html.contains("\\(a|b\\)"))
    }

    @Test func leavesCodeAndEscapedDollarsAlone() {
        let html = renderMarkdown("""
            Price \\$3 and `$x$` here.

            ```
            echo $HOME $x$
            ```
            """)
        #expect(html.contains("Price $3"))
        #expect(html.contains("<code>$x$</code>"))
        #expect(html.contains("echo $HOME $x$"))
        #expect(!html.contains("math"))
    }

    @Test func neverPassesRawHTMLOrScripts() {
        let html = renderMarkdown("""
            Hi <script>alert(1)</script> there.

            <script>
            alert(2)
            </script>

            <img src=x onerror=alert(3)>

            <div onclick="alert(4)">x</div>
            """)
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("alert(2)"))  // a script block vanishes; inline tags leave harmless text
        #expect(!html.contains("onerror"))
        #expect(!html.contains("onclick"))
    }

    @Test(arguments: [
        "[x](javascript:alert(1))",
        "[x](JavaScript:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](java&#x09;script:alert(1))",
        "<javascript:alert(1)>",
        "[x]: javascript:alert(1)\n\n[x]",
        "![y](javascript:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
    ])
    func neverProducesJavascriptLinks(_ markdown: String) {
        let html = renderMarkdown(markdown).lowercased()
        // The URL may survive as visible text, never inside an attribute.
        let attributes = html.split(separator: "\"", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        #expect(!attributes.contains { $0.contains("javascript:") || $0.contains("vbscript:") }, "\(html)")
        #expect(!attributes.contains { $0.contains("data:text") }, "\(html)")
    }

    @Test func keepsRelativeImagesAndDropsExternalOnes() {
        let html = renderMarkdown("![cave](cave.jpg) ![far](https://evil.example/x.png) ![s](img/a.svg)")
        #expect(html.contains("<img src=\"cave.jpg\" alt=\"cave\" />"))
        #expect(html.contains("<img src=\"img/a.svg\""))
        #expect(!html.contains("evil.example"))
    }

    @Test func mathInsideTextListsAndFootnotes() {
        let html = renderMarkdown("""
            So $$x^2$$ inline, ~~$y$~~.

            - item $\\alpha_i$
            - `code $z$`

            Note.[^m]

            [^m]: Where $n \\ge 1$.
            """)
        #expect(html.contains("So <span class=\"math display\">\\[x^2\\]</span> inline"))
        #expect(html.contains("<del><span class=\"math inline\">\\(y\\)</span></del>"))
        #expect(html.contains("<li>item <span class=\"math inline\">\\(\\alpha_i\\)</span></li>"))
        #expect(html.contains("<code>code $z$</code>"))
        #expect(html.contains("Where <span class=\"math inline\">\\(n \\ge 1\\)</span>"))
    }

    @Test func loneDollarsStayFast() {
        let text = String(repeating: "$a ", count: 20_000)
        let start = ContinuousClock.now
        let html = renderMarkdown(text)
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(!html.contains("math"))
    }

    @Test func mathInAltTextStaysText() {
        let html = renderMarkdown("![a $x<1$ b](p.png)")
        #expect(html.contains("alt=\"a $x&lt;1$ b\""))
    }
}

/// The sanitiser on HTML that did not come from cmark (pandoc output).
@Suite struct SanitizerTests {
    @Test func removesDangerousMarkup() {
        let html = sanitizeHTML("""
            <p onclick="x()">A<script type="text/javascript">alert(1)</script>B</p>\
            <SCRIPT>alert(2)</SCRIPT ><style>p{}</style><iframe src="https://x"></iframe>\
            <a href=" javascript:alert(1)">l</a><a href="https://ok.example/a?b=1&amp;c=2">ok</a>\
            <!-- note --><form action="/x"><input name=q></form><span style="color:red;background:url(x)">s</span>\
            <td style="text-align: center;">c</td><img src="//evil/x.png"><img src="data:image/png;base64,AA==">
            """)
        #expect(html.contains("<p>AB</p>"))
        #expect(!html.contains("alert"))
        #expect(!html.contains("iframe"))
        #expect(!html.contains("p{}"))
        #expect(html.contains("<a>l</a>"))
        #expect(html.contains("<a href=\"https://ok.example/a?b=1&amp;c=2\" rel=\"nofollow noopener noreferrer\">ok</a>"))
        #expect(!html.contains("note"))
        #expect(!html.contains("<form"))
        #expect(!html.contains("<input"))
        #expect(html.contains("<span>s</span>"))
        #expect(html.contains("<td style=\"text-align: center;\">c</td>"))
        #expect(!html.contains("evil"))
        #expect(html.contains("<img src=\"data:image/png;base64,AA==\" />"))
    }

    @Test func escapesStrayBrackets() {
        #expect(sanitizeHTML("a < b <3") == "a &lt; b &lt;3")
    }

    /// Renders at the same time keep their strikethrough (cmark-gfm's table of extension
    /// characters is process-wide; `~~y~~` stayed text now and then in parallel test runs).
    @Test func strikethroughSurvivesParallelRendering() async {
        let all = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<2000 { group.addTask { renderMarkdown("a ~~b~~ c").contains("<del>b</del>") } }
            var all = true
            for await ok in group { all = all && ok }
            return all
        }
        #expect(all, "a parallel render lost the strikethrough")
    }
}
