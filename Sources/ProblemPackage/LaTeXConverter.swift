import ArenaMarkdown
import Foundation

/// Where to find pandoc for LaTeX statements.
public enum PandocSetting: Sendable {
    /// Look for `pandoc` on `PATH`.
    case automatic
    /// Use this executable.
    case path(String)
    /// Never convert LaTeX (statements get the "LaTeX only" notice).
    case disabled
}

/// Converts a LaTeX statement body to HTML with `pandoc -f latex -t html --mathjax --sandbox`.
struct LaTeXConverter {
    /// The pandoc executable.
    let pandoc: String

    /// The converter for `setting`, or nil when pandoc is disabled or not installed.
    init?(_ setting: PandocSetting) {
        switch setting {
        case .disabled: return nil
        case .path(let path): self.pandoc = path
        case .automatic:
            guard let path = Self.onPath("pandoc") else { return nil }
            self.pandoc = path
        }
    }

    /// The problemtools class's commands, as macros pandoc expands itself.
    static let preamble = #"""
        \newcommand{\illustration}[3]{\begin{figure}\includegraphics{#2}\caption{#3}\end{figure}}
        \newenvironment{Input}{\section*{Input}}{}
        \newenvironment{Output}{\section*{Output}}{}
        \newenvironment{Interaction}{\section*{Interaction}}{}
        \newcommand{\plainproblemname}[1]{}

        """#

    /// `\problemname{…}` (braces balanced) and the source without it.
    static func extractProblemName(_ source: String) -> (name: String?, body: String) {
        guard let start = source.range(of: "\\problemname{") else { return (nil, source) }
        var depth = 1
        var index = start.upperBound
        while index < source.endIndex {
            let char = source[index]
            if char == "{" { depth += 1 } else if char == "}" { depth -= 1 }
            if depth == 0 { break }
            index = source.index(after: index)
        }
        guard index < source.endIndex else { return (nil, source) }
        let name = String(source[start.upperBound..<index]).trimmingCharacters(in: .whitespacesAndNewlines)
        return (name, source.replacingCharacters(in: start.lowerBound...index, with: ""))
    }

    /// Sanitised HTML of `body`, or the reason it failed.
    func convert(_ body: String, constants: [String: String]) -> Result<String, ConversionError> {
        var source = body
            .replacingOccurrences(of: "\\nextsample", with: "\n\nARENANEXTSAMPLE\n\n")
            .replacingOccurrences(of: "\\remainingsamples", with: "\n\nARENAREMAININGSAMPLES\n\n")
        for (name, value) in constants { source = source.replacingOccurrences(of: "\\constant{\(name)}", with: value) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("arena-statement-\(UUID().uuidString).tex")
        do { try Data((Self.preamble + source).utf8).write(to: file) } catch {
            return .failure(ConversionError(message: "cannot write a temporary file: \(error)"))
        }
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        var arguments = [pandoc, "-f", "latex", "-t", "html", "--mathjax", "--sandbox", "--shift-heading-level-by=1", file.path]
        if let timeout = Self.onPath("timeout") {
            process.executableURL = URL(fileURLWithPath: timeout)
            arguments = ["30"] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: pandoc)
            arguments.removeFirst()
        }
        process.arguments = arguments
        // stderr goes to a file so that many warnings cannot fill a pipe while stdout is being read.
        let errorFile = file.appendingPathExtension("log")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        guard let errors = try? FileHandle(forWritingTo: errorFile) else {
            return .failure(ConversionError(message: "cannot write a temporary file"))
        }
        defer { try? errors.close() }
        let output = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch { return .failure(ConversionError(message: "cannot run pandoc: \(error)")) }
        let html = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = (PackagePaths.text(errorFile) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            return .failure(ConversionError(message: "pandoc failed (exit \(process.terminationStatus)): \(text.prefix(500))"))
        }
        let clean = sanitizeHTML(String(decoding: html, as: UTF8.self))
            .replacingOccurrences(of: "ARENANEXTSAMPLE", with: "{{nextsample}}")
            .replacingOccurrences(of: "ARENAREMAININGSAMPLES", with: "{{remainingsamples}}")
        return .success(clean)
    }

    /// Why a conversion failed.
    struct ConversionError: Error {
        let message: String
    }

    /// The full path of `tool` on `PATH`, if it is there and executable.
    static func onPath(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
