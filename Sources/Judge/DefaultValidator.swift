import Foundation

/// The flags of the ICPC default output validator (reference §1.10).
public struct DefaultValidatorFlags: Sendable, Equatable {
    /// `case_sensitive`: tokens must match byte for byte (otherwise ASCII A–Z ≡ a–z).
    public var caseSensitive = false
    /// `space_change_sensitive`: whitespace runs must match in type and amount, leading and trailing included.
    public var spaceChangeSensitive = false
    /// `float_absolute_tolerance ε` (or `float_tolerance ε`).
    public var absoluteTolerance: Double?
    /// `float_relative_tolerance ε` (or `float_tolerance ε`).
    public var relativeTolerance: Double?

    /// Creates flags; all off by default.
    public init(caseSensitive: Bool = false, spaceChangeSensitive: Bool = false,
                absoluteTolerance: Double? = nil, relativeTolerance: Double? = nil) {
        self.caseSensitive = caseSensitive
        self.spaceChangeSensitive = spaceChangeSensitive
        self.absoluteTolerance = absoluteTolerance
        self.relativeTolerance = relativeTolerance
    }

    /// Whether floats are compared numerically (any tolerance set).
    public var usesFloats: Bool { absoluteTolerance != nil || relativeTolerance != nil }

    /// Parses validator arguments as problemtools does: flags in any order, a later tolerance
    /// replaces an earlier one (legacy packages combine `validator_flags` with group flags).
    /// - Throws: `JudgeError.validatorFlags` for an unknown flag or a missing/invalid number —
    ///   a judging error, since the package is at fault.
    public static func parse(_ arguments: [String]) throws -> DefaultValidatorFlags {
        var flags = DefaultValidatorFlags()
        var index = 0
        func number(_ name: String) throws -> Double {
            index += 1
            guard index < arguments.count, let value = DefaultValidator.parseFloat(Array(arguments[index].utf8)), value >= 0 else {
                throw JudgeError.validatorFlags("`\(name)` needs a non-negative number")
            }
            return value
        }
        while index < arguments.count {
            let flag = arguments[index]
            switch flag {
            case "case_sensitive": flags.caseSensitive = true
            case "space_change_sensitive": flags.spaceChangeSensitive = true
            case "float_absolute_tolerance": flags.absoluteTolerance = try number(flag)
            case "float_relative_tolerance": flags.relativeTolerance = try number(flag)
            case "float_tolerance":
                let value = try number(flag)
                flags.absoluteTolerance = value
                flags.relativeTolerance = value
            default: throw JudgeError.validatorFlags("unknown default validator flag `\(flag)`")
            }
            index += 1
        }
        return flags
    }
}

/// The outcome of an output check.
public struct OutputCheck: Sendable, Equatable {
    /// Whether the output is accepted.
    public var accepted: Bool
    /// Why not (problemtools' wording, for `judgemessage.txt`); nil when accepted.
    public var message: String?
}

/// The ICPC default output validator in pure Swift: a token comparison on whitespace runs, with
/// the case, space and float flags and the messages of Kattis/problemtools' `default_validator.cc`.
public enum DefaultValidator {
    /// Compares team output with the judge answer under `flags`.
    public static func check(output: [UInt8], answer: [UInt8], flags: DefaultValidatorFlags = .init()) -> OutputCheck {
        output.withUnsafeBufferPointer { team in
            answer.withUnsafeBufferPointer { judge in
                var scan = Scanner(team: team, judge: judge, flags: flags)
                if let message = scan.run() {
                    return OutputCheck(accepted: false, message:
                        "Wrong answer on line \(scan.teamLine) of output (corresponding to line \(scan.judgeLine) in answer file)\n\(message)")
                }
                return OutputCheck(accepted: true, message: nil)
            }
        }
    }

    /// Compares two files; `output` is read up to `limit` bytes (more is rejected as too large).
    public static func check(outputFile: URL, answerFile: URL, flags: DefaultValidatorFlags, limit: Int) throws -> OutputCheck {
        let output = try readPrefix(outputFile, limit: limit + 1)
        if output.count > limit {
            return OutputCheck(accepted: false, message: "Output is larger than \(limit) bytes")
        }
        let answer = try readPrefix(answerFile, limit: Int.max)
        return check(output: output, answer: answer, flags: flags)
    }

    /// Whitespace as C's `isspace` in the C locale: space, \t \n \v \f \r.
    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0d) }

    /// A finite float in any C `strtod` spelling (decimal, exponent, hex); nil otherwise, as problemtools' `isfloat`.
    static func parseFloat<Bytes: Collection<UInt8>>(_ token: Bytes) -> Double? {
        guard !token.isEmpty, token.count < 400, let text = String(bytes: token, encoding: .utf8),
              let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// A token for a message: at most 32 bytes, cut on a UTF-8 boundary, control bytes shown as `.`.
    static func display<Bytes: Collection<UInt8>>(_ token: Bytes) -> String {
        var bytes = Array(token)
        var cut = false
        if bytes.count > 32 {
            var end = 32
            while end > 0, (bytes[end] & 0xC0) == 0x80 { end -= 1 }
            bytes = Array(bytes[..<end])
            cut = true
        }
        let text = String(decoding: bytes, as: UTF8.self).map { $0.isASCII && ($0.asciiValue ?? 0) < 0x20 ? "." : String($0) }.joined()
        return cut ? text + "..." : text
    }

    static func readPrefix(_ url: URL, limit: Int) throws -> [UInt8] {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let data = limit == Int.max ? try handle.readToEnd() : try handle.read(upToCount: limit)
        return [UInt8](data ?? Data())
    }
}

/// The comparison loop, byte for byte as problemtools (line counters advance while skipping space).
private struct Scanner {
    let team: UnsafeBufferPointer<UInt8>
    let judge: UnsafeBufferPointer<UInt8>
    let flags: DefaultValidatorFlags
    var t = 0, j = 0
    var teamLine = 1, judgeLine = 1

    init(team: UnsafeBufferPointer<UInt8>, judge: UnsafeBufferPointer<UInt8>, flags: DefaultValidatorFlags) {
        self.team = team
        self.judge = judge
        self.flags = flags
    }

    /// nil when accepted, else the reason.
    mutating func run() -> String? {
        var tokens = 0
        while true {
            while j < judge.count, DefaultValidator.isSpace(judge[j]) {
                let c = judge[j]
                if flags.spaceChangeSensitive {
                    let d = t < team.count ? Int(team[t]) : -1
                    if d != Int(c) { return "Space change error: got \(d) expected \(c)" }
                    if d == 0x0a { teamLine += 1 }
                    t += 1
                }
                if c == 0x0a { judgeLine += 1 }
                j += 1
            }
            while t < team.count, DefaultValidator.isSpace(team[t]) {
                if flags.spaceChangeSensitive { return "Space change error: judge out of space, got \(team[t]) from user" }
                if team[t] == 0x0a { teamLine += 1 }
                t += 1
            }
            guard j < judge.count else { break }
            let judgeToken = token(judge, &j)
            guard t < team.count else {
                let shown = DefaultValidator.display(judgeToken)
                if tokens == 0 {
                    let what = team.isEmpty ? "was empty" : "contained only whitespace"
                    return "User EOF while judge had more output; user output \(what).\n(Next judge token: \(shown))"
                }
                return "User EOF while judge had more output\n(Next judge token: \(shown))"
            }
            let teamToken = token(team, &t)
            if let message = compare(judgeToken, teamToken) { return message }
            tokens += 1
        }
        if t < team.count {
            return "Trailing output:\n\(DefaultValidator.display(token(team, &t)))"
        }
        return nil
    }

    private func token(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Slice<UnsafeBufferPointer<UInt8>> {
        let start = index
        while index < bytes.count, !DefaultValidator.isSpace(bytes[index]) { index += 1 }
        return bytes[start..<index]
    }

    private func compare(_ judgeToken: Slice<UnsafeBufferPointer<UInt8>>, _ teamToken: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        if flags.usesFloats, let expected = DefaultValidator.parseFloat(judgeToken) {
            guard let got = DefaultValidator.parseFloat(teamToken) else {
                return "Expected float, got: \(DefaultValidator.display(teamToken))"
            }
            let difference = abs(expected - got)
            let absolute = flags.absoluteTolerance ?? -1
            let relative = flags.relativeTolerance ?? -1
            if !(difference <= absolute) && !(difference <= relative * abs(expected)) {
                return "Too large difference.\n Judge: \(DefaultValidator.display(judgeToken))\n User: \(DefaultValidator.display(teamToken))\n"
                    + " Difference: \(String(format: "%e", expected - got))\n (abs tol \(String(format: "%e", absolute)) rel tol \(String(format: "%e", relative)))"
            }
            return nil
        }
        var equal = judgeToken.count == teamToken.count
        if equal {
            var a = judgeToken.startIndex, b = teamToken.startIndex
            while a < judgeToken.endIndex {
                let x = judge[a], y = team[b]
                if x != y, flags.caseSensitive || lower(x) != lower(y) {
                    equal = false
                    break
                }
                a += 1
                b += 1
            }
        }
        if equal { return nil }
        return "String tokens mismatch\nJudge: \"\(DefaultValidator.display(judgeToken))\"\nUser: \"\(DefaultValidator.display(teamToken))\""
    }

    @inline(__always) private func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5a ? byte + 32 : byte }
}
