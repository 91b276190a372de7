import Foundation
import Testing
@testable import Judge

/// The default output validator, including problemtools' `tests/default_validator_tests` cases.
@Suite struct DefaultValidatorTests {
    func check(_ output: String, _ answer: String, _ flags: [String] = []) throws -> OutputCheck {
        DefaultValidator.check(output: Array(output.utf8), answer: Array(answer.utf8), flags: try DefaultValidatorFlags.parse(flags))
    }

    func accepts(_ output: String, _ answer: String, _ flags: [String] = []) throws -> Bool {
        try check(output, answer, flags).accepted
    }

    @Test func tokensIgnoreWhitespaceRuns() throws {
        #expect(try accepts("1 2\n3\n", "1 2 3"))
        #expect(try accepts("  1\t\t2\r\n3  \n\n", "1 2\n3\n"))
        #expect(try accepts("", ""))
        #expect(try accepts("\n \n", ""))
        #expect(try accepts("a\u{0B}b\u{0C}c", "a b c"))
        #expect(try !accepts("1 2", "1 2 3"))
        #expect(try !accepts("1 2 3 4", "1 2 3"))
        #expect(try !accepts("12", "1 2"))
    }

    @Test func caseSensitivity() throws {
        #expect(try accepts("Hello WORLD", "hello world"))
        #expect(try !accepts("Hello", "hello", ["case_sensitive"]))
        #expect(try accepts("hello", "hello", ["case_sensitive"]))
        // Only ASCII letters fold: å and Å differ.
        #expect(try !accepts("Å", "å"))
        let message = try check("Hello", "hello", ["case_sensitive"]).message
        #expect(message == "Wrong answer on line 1 of output (corresponding to line 1 in answer file)\nString tokens mismatch\nJudge: \"hello\"\nUser: \"Hello\"")
    }

    @Test func spaceChangeSensitive() throws {
        let flags = ["space_change_sensitive"]
        #expect(try accepts("1 2\n", "1 2\n", flags))
        #expect(try !accepts("1  2\n", "1 2\n", flags))
        #expect(try !accepts("1 2", "1 2\n", flags))
        #expect(try !accepts("1 2\n\n", "1 2\n", flags))
        #expect(try !accepts("1\t2\n", "1 2\n", flags))
        #expect(try !accepts(" 1 2\n", "1 2\n", flags))
        // problemtools test_space_sensitive_wa2: extra space at the start of line 2.
        #expect(try check("a\n b\n", "a\nb\n", flags).message
            == "Wrong answer on line 2 of output (corresponding to line 2 in answer file)\nSpace change error: judge out of space, got 32 from user")
        #expect(try check("a b\n", "a\nb\n", flags).message?.hasSuffix("Space change error: got 32 expected 10") == true)
    }

    @Test func floatTolerances() throws {
        #expect(try accepts("1.05", "1.0", ["float_absolute_tolerance", "0.1"]))
        #expect(try !accepts("1.2", "1.0", ["float_absolute_tolerance", "0.1"]))
        #expect(try accepts("110", "100", ["float_relative_tolerance", "0.1"]))
        #expect(try !accepts("111", "100", ["float_relative_tolerance", "0.1"]))
        // float_tolerance: within either.
        #expect(try accepts("0.0000015", "0.000001", ["float_tolerance", "1e-6"]))
        #expect(try accepts("1000.5", "1000", ["float_tolerance", "1e-3"]))
        #expect(try !accepts("1002", "1000", ["float_tolerance", "1e-3"]))
        // Any float spelling is accepted, integers in the answer are floats too.
        #expect(try accepts("3.14000000e-2", "0.0314", ["float_tolerance", "1e-9"]))
        #expect(try accepts("2.0e2", "200", ["float_tolerance", "1e-9"]))
        #expect(try accepts("0x1p3", "8", ["float_tolerance", "0"]))
        // Without a tolerance floats are strings.
        #expect(try !accepts("2.0e2", "200"))
        #expect(try !accepts("1.0", "1"))
        // Non-float answer tokens are compared as strings (case-insensitively) even with a tolerance.
        #expect(try accepts("YES 1.0", "yes 1", ["float_tolerance", "1e-6"]))
    }

    @Test func floatEdgeCasesFromProblemtools() throws {
        let flags = ["float_tolerance", "1e-6"]
        // test_float_inf_judge_wa: "inf" is not a float, so it is compared as a string.
        #expect(try check("0", "inf", flags).message
            == "Wrong answer on line 1 of output (corresponding to line 1 in answer file)\nString tokens mismatch\nJudge: \"inf\"\nUser: \"0\"")
        #expect(try accepts("INF", "inf", flags))
        #expect(try !accepts("nan", "1.0", flags))
        #expect(try !accepts("inf", "1.0", flags))
        #expect(try !accepts("1e400", "1.0", flags))
        // test_float_rocket_wa: a non-float team token, shown cut at 32 bytes on a UTF-8 boundary.
        let rockets = "1.4" + String(repeating: "🚀", count: 20)
        #expect(try check(rockets, "1.4", flags).message
            == "Wrong answer on line 1 of output (corresponding to line 1 in answer file)\nExpected float, got: 1.4🚀🚀🚀🚀🚀🚀🚀...")
        // test_combined_flags_wa.
        #expect(try check("2.0", "1.0", ["float_absolute_tolerance", "0.5", "float_relative_tolerance", "0.5"]).message
            == "Wrong answer on line 1 of output (corresponding to line 1 in answer file)\nToo large difference.\n Judge: 1.0\n User: 2.0\n Difference: -1.000000e+00\n (abs tol 5.000000e-01 rel tol 5.000000e-01)")
        #expect(try accepts("-0", "0", flags))
        #expect(try accepts("+.5", "0.5", flags))
        #expect(try !accepts("1.0.0", "1.0", flags))
    }

    @Test func eofAndTrailingMessages() throws {
        // test_empty_wa.
        #expect(try check("", "Hello").message
            == "Wrong answer on line 1 of output (corresponding to line 1 in answer file)\nUser EOF while judge had more output; user output was empty.\n(Next judge token: Hello)")
        // test_space_wa: only whitespace (three newlines) in the output.
        #expect(try check("\n\n\n", "Hello").message
            == "Wrong answer on line 4 of output (corresponding to line 1 in answer file)\nUser EOF while judge had more output; user output contained only whitespace.\n(Next judge token: Hello)")
        #expect(try check("a\n", "a\nb\n").message
            == "Wrong answer on line 2 of output (corresponding to line 2 in answer file)\nUser EOF while judge had more output\n(Next judge token: b)")
        // test_long_trailing_wa.
        let trailing = "checkthatwedon'tcututf8" + String(repeating: "🚀", count: 10)
        #expect(try check("a " + trailing, "a\n").message
            == "Wrong answer on line 1 of output (corresponding to line 2 in answer file)\nTrailing output:\ncheckthatwedon'tcututf8🚀🚀...")
    }

    @Test func binaryOutputDoesNotCrash() throws {
        var bytes: [UInt8] = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }
        bytes += [0xff, 0xfe, 0x00]
        let result = DefaultValidator.check(output: bytes, answer: Array("1 2 3".utf8))
        #expect(!result.accepted)
        #expect(result.message != nil)
    }

    @Test func flagParsing() throws {
        #expect(try DefaultValidatorFlags.parse([]) == DefaultValidatorFlags())
        let flags = try DefaultValidatorFlags.parse(["case_sensitive", "float_tolerance", "1e-4", "float_absolute_tolerance", "0.5"])
        #expect(flags.caseSensitive && !flags.spaceChangeSensitive)
        #expect(flags.relativeTolerance == 1e-4 && flags.absoluteTolerance == 0.5)
        #expect(throws: JudgeError.self) { try DefaultValidatorFlags.parse(["unknown_flag"]) }
        #expect(throws: JudgeError.self) { try DefaultValidatorFlags.parse(["float_tolerance"]) }
        #expect(throws: JudgeError.self) { try DefaultValidatorFlags.parse(["float_tolerance", "abc"]) }
    }

    @Test func largeOutputIsChecked() throws {
        let line = (0..<1000).map(String.init).joined(separator: " ") + "\n"
        let text = Array(String(repeating: line, count: 2000).utf8)  // ~7.8 MB
        let start = Date()
        let result = DefaultValidator.check(output: text, answer: text, flags: DefaultValidatorFlags())
        print("default validator: \(text.count) bytes in \(Date().timeIntervalSince(start)) s")
        #expect(result.accepted)  // speed is measured by `scripts/bench`, not asserted here
    }
}
