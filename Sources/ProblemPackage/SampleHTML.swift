import ArenaMarkdown
import Foundation

/// HTML blocks for sample cases, placed in statements at `{{nextsample}}` / `{{remainingsamples}}`.
///
/// Statements are rendered at import with their samples in place, so a page view does no work;
/// samples not placed by a marker are listed in `Statement.inlineSamples`'s complement and shown by
/// the web layer after the statement, with this same `render` function.
public enum SampleHTML {
    /// Largest part of a sample file shown (longer files are cut, with a note).
    public static let maxShownBytes = 64 * 1024

    /// The block for `sample`, numbered `number` (1-based): input and output, or the dialogue of an
    /// interactive sample (`.interaction`: `>` lines are the program's output, `<` lines its input).
    public static func render(_ sample: TestCase, number: Int) -> String {
        let id = escapeHTML(sample.name)
        if let interaction = sample.interaction {
            var blocks = ""
            for (fromProgram, lines) in dialogue(read(interaction)) {
                let kind = fromProgram ? "from-program" : "to-program"
                let label = fromProgram ? "Your program writes" : "Your program reads"
                blocks += "<div class=\"\(kind)\"><span class=\"who\">\(label)</span><pre>\(escapeHTML(lines))</pre></div>\n"
            }
            return "<div class=\"sample sample-interactive\" data-sample=\"\(id)\">\n"
                + "<div class=\"sample-title\">Sample Interaction \(number)</div>\n\(blocks)</div>\n"
        }
        let input = read(override(sample.input) ?? sample.input)
        let answer = read(override(sample.answer) ?? sample.answer)
        return "<div class=\"sample\" data-sample=\"\(id)\">\n"
            + "<div class=\"sample-part\"><div class=\"sample-title\">Sample Input \(number)</div>"
            + "<pre class=\"sample-input\">\(escapeHTML(input))</pre></div>\n"
            + "<div class=\"sample-part\"><div class=\"sample-title\">Sample Output \(number)</div>"
            + "<pre class=\"sample-output\">\(escapeHTML(answer))</pre></div>\n</div>\n"
    }

    /// `html` with its sample markers replaced, and the names of the samples placed.
    static func place(_ samples: [TestCase], in html: String) -> (html: String, placed: [String]) {
        var output = ""
        var rest = Substring(html)
        var next = 0
        var placed: [String] = []
        let markers = ["{{nextsample}}", "{{remainingsamples}}"]
        while let (marker, range) = markers.compactMap({ m in rest.range(of: m).map { (m, $0) } })
            .min(by: { $0.1.lowerBound < $1.1.lowerBound }) {
            var before = rest[..<range.lowerBound]
            var after = rest[range.upperBound...]
            if before.hasSuffix("<p>"), after.hasPrefix("</p>") {
                before = before.dropLast(3)
                after = after.dropFirst(4)
                if after.hasPrefix("\n") { after = after.dropFirst() }
            }
            output += before
            let end = marker == "{{nextsample}}" ? min(next + 1, samples.count) : samples.count
            while next < end {
                output += render(samples[next], number: next + 1)
                placed.append(samples[next].name)
                next += 1
            }
            rest = after
        }
        return (output + rest, placed)
    }

    /// The display override `<file>.statement` (2025-09), if present.
    private static func override(_ url: URL) -> URL? {
        let candidate = url.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent + ".statement")
        return PackagePaths.isFile(candidate) ? candidate : nil
    }

    private static func read(_ url: URL) -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return "" }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maxShownBytes + 1)) ?? Data()
        let text = String(decoding: data.prefix(maxShownBytes), as: UTF8.self)
        return data.count > maxShownBytes ? text + "\n… (cut)" : text
    }

    /// Runs of consecutive lines with the same direction.
    private static func dialogue(_ text: String) -> [(fromProgram: Bool, text: String)] {
        var runs: [(fromProgram: Bool, text: String)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let first = line.first, first == ">" || first == "<" else { continue }
            let fromProgram = first == ">"
            let content = String(line.dropFirst())
            if let last = runs.last, last.fromProgram == fromProgram {
                runs[runs.count - 1].text += "\n" + content
            } else {
                runs.append((fromProgram, content))
            }
        }
        return runs
    }
}

extension ProblemPackage {
    /// The samples `statement` did not place with a marker, numbered as in `samples` (1-based);
    /// the web layer shows them after the statement.
    public func samplesAfter(_ statement: Statement) -> [(number: Int, sample: TestCase)] {
        let placed = Set(statement.inlineSamples)
        return samples.enumerated().filter { !placed.contains($0.element.name) }.map { ($0.offset + 1, $0.element) }
    }

    /// HTML for `samplesAfter(statement)`, ready to append to `statement.html`.
    public func appendedSamplesHTML(for statement: Statement) -> String {
        samplesAfter(statement).map { SampleHTML.render($0.sample, number: $0.number) }.joined()
    }
}
