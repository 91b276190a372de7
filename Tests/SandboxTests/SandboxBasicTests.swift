import Foundation
import Sandbox
import Testing

/// Ordinary runs: streams, exit codes, signals and each limit.
@Suite struct SandboxBasicTests {
    @Test func sumsStdinFileToCapturedStdout() async throws {
        let f = try Fixture()
        let program = try await f.compile("""
            #include <cstdio>
            int main() { long a, b; if (scanf("%ld %ld", &a, &b) != 2) return 2; printf("%ld\\n", a + b); }
            """)
        let input = try f.hostFile("input.txt", "40 2\n")
        let result = try await f.run([program], stdin: .file(input))
        #expect(result.exitCode == 0)
        #expect(result.signal == nil)
        #expect(result.limitHit == nil)
        #expect(result.out == "42\n")
        #expect(result.wallSeconds > 0)
        #expect(result.peakMemoryBytes > 0)
    }

    @Test func writesStdoutToAFile() async throws {
        let f = try Fixture()
        let out = f.root + "/out.txt"
        let result = try await f.run(["/bin/sh", "-c", "echo hello; echo oops >&2"], stdout: .file(out))
        #expect(result.exitCode == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "hello\n")
        #expect(result.err == "oops\n")
    }

    @Test func reportsExitCode() async throws {
        let f = try Fixture()
        let program = try await f.compile("int main() { return 3; }")
        let result = try await f.run([program])
        #expect(result.exitCode == 3)
        #expect(result.signal == nil)
        #expect(result.limitHit == nil)
    }

    @Test func reportsSignal() async throws {
        let f = try Fixture()
        let program = try await f.compile("""
            #include <csignal>
            int main() { volatile int *p = nullptr; *p = 1; return 0; }
            """)
        let result = try await f.run([program])
        #expect(result.exitCode == nil)
        #expect(result.signal == SIGSEGV)
        #expect(result.limitHit == nil)
    }

    @Test func cpuTimeLimit() async throws {
        let f = try Fixture()
        let program = try await f.compile("int main() { volatile unsigned long x = 0; for (;;) x++; }")
        // A wall limit far away: the CPU limit must win even on a busy machine (CI once starved
        // this program below 0.5 s of CPU in its default 2 s of wall time).
        let result = try await f.run([program], limits: SandboxLimits(cpuSeconds: 0.5, wallSeconds: 20, memoryBytes: 64 << 20))
        #expect(result.limitHit == .cpu)
        #expect(result.cpuSeconds >= 0.5 && result.cpuSeconds < 1.5)
    }

    @Test func wallTimeLimit() async throws {
        let f = try Fixture()
        let result = try await f.run(["/bin/sleep", "30"], limits: SandboxLimits(cpuSeconds: 1, wallSeconds: 0.5))
        #expect(result.limitHit == .wall)
        #expect(result.cpuSeconds < 0.2)
        #expect(result.wallSeconds >= 0.5 && result.wallSeconds < 10)  // killed, not the 30 s of sleep
    }

    @Test func memoryLimit() async throws {
        let f = try Fixture()
        let program = try await f.compile("""
            #include <cstdio>
            #include <cstdlib>
            int main() {
                size_t n = 256 << 20;
                volatile char *p = (volatile char *)malloc(n);
                for (size_t i = 0; i < n; i += 4096) p[i] = (char)i;
                printf("%d\\n", p[n - 4096]);
            }
            """)
        let result = try await f.run([program])
        #expect(result.limitHit == .memory)
        #expect(result.exitCode != 0)
        #expect(result.peakMemoryBytes >= 60 << 20)
    }

    @Test func outputLimit() async throws {
        let f = try Fixture()
        let result = try await f.run(["/usr/bin/yes"])
        #expect(result.limitHit == .output)
        #expect(result.stdout.count == Fixture.limits.outputBytes)
    }

    @Test func passesEnvironmentAndArguments() async throws {
        let f = try Fixture()
        let result = try await f.sandbox.run(SandboxRequest(
            argv: ["/bin/sh", "-c", "echo \"$1 $GREETING $PATH\"; pwd", "sh", "arg"], workDir: f.box,
            env: ["GREETING": "hi"], limits: Fixture.limits))
        #expect(result.out == "arg hi /usr/local/bin:/usr/bin:/bin\n/box\n")
    }

    @Test func readOnlyWorkDirAndBinds() async throws {
        let f = try Fixture()
        let data = f.root + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        _ = try f.hostFile("data/answer.txt", "42\n")
        let single = try f.hostFile("input.txt", "7\n")
        let feedback = f.root + "/feedback"
        try FileManager.default.createDirectory(atPath: feedback, withIntermediateDirectories: true)
        let result = try await f.sandbox.run(SandboxRequest(
            argv: ["/bin/sh", "-c", "cat /data/answer.txt /in/input.txt; touch /box/x || echo box-ro; touch /data/y || echo data-ro; echo hi > /feedback/judgemessage.txt"],
            workDir: f.box, workDirWritable: false,
            binds: [SandboxBind(host: data, inside: "/data"), SandboxBind(host: single, inside: "/in/input.txt"),
                    SandboxBind(host: feedback, inside: "/feedback", writable: true)],
            limits: Fixture.limits))
        #expect(result.out == "42\n7\nbox-ro\ndata-ro\n", "\(result.err)")
        #expect(try String(contentsOfFile: feedback + "/judgemessage.txt", encoding: .utf8) == "hi\n")
    }

    @Test func missingProgramIsAJudgeError() async throws {
        let f = try Fixture()
        await #expect(throws: SandboxError.self) { try await f.run(["/box/nothing-here"]) }
        await #expect(throws: SandboxError.self) { try await f.run(["/root/secret"]) }
    }

    @Test func compilesInsideTheSandbox() async throws {
        let f = try Fixture()
        _ = try f.hostFile("box/main.cpp", "#include <bits/stdc++.h>\nint main() { std::cout << 7 << std::endl; }\n")
        let compile = try await f.run(["/usr/bin/g++", "-O2", "-o", "main", "main.cpp"],
                                      limits: SandboxLimits(cpuSeconds: 20, memoryBytes: 1 << 30, outputBytes: 1 << 16))
        #expect(compile.exitCode == 0, "\(compile.err)")
        let run = try await f.run(["./main"])
        #expect(run.out == "7\n")
    }

    @Test func manyRunsInParallel() async throws {
        let f = try Fixture()
        let results = try await withThrowingTaskGroup(of: SandboxResult.self) { group in
            for i in 0..<24 { group.addTask { try await f.run(["/bin/sh", "-c", "echo \(i)"]) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 24)
        #expect(Set(results.map(\.out)) == Set((0..<24).map { "\($0)\n" }))
        #expect(results.allSatisfy { $0.exitCode == 0 && $0.limitHit == nil })
    }

    @Test func cancellingTheTaskKillsTheRun() async throws {
        let f = try Fixture()
        let start = Date()
        let task = Task { try await f.run(["/bin/sleep", "30"], limits: SandboxLimits(cpuSeconds: 30)) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        // Killed, not slept out: far less than the program's 30 s (loose bound: CI machines are busy).
        #expect(Date().timeIntervalSince(start) < 25)
    }

    @Test func selfTestIsSafeHere() async {
        let report = await Sandbox.selfTest()
        print(report.description)
        #expect(report.isSafe, "\(report.description)")
    }
}
