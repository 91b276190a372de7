import Foundation
import Sandbox
import Testing

/// Issue 4's sandbox figures. Opt-in (timing on a shared machine): ARENA_SANDBOX_BENCH=1.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["ARENA_SANDBOX_BENCH"] != nil))
struct SandboxBenchmarkTests {
    static let runs = Int(ProcessInfo.processInfo.environment["ARENA_SANDBOX_BENCH_RUNS"] ?? "") ?? 200

    @Test func overheadOfATrivialBinary() async throws {
        let f = try Fixture()
        let program = try f.compile("int main() { return 0; }", name: "trivial")
        let host = f.box + "/trivial"
        var direct: [Double] = [], sandboxed: [Double] = []
        var sandboxCPU = 0.0
        var reported: [(cpu: Double, memory: Double)] = []
        // Interleaved, so both see the same machine load.
        for _ in 0..<Self.runs {
            var start = DispatchTime.now().uptimeNanoseconds
            var pid: pid_t = 0
            let argv: [UnsafeMutablePointer<CChar>?] = [strdup(host), nil]
            defer { argv.forEach { free($0) } }
            guard posix_spawn(&pid, host, nil, nil, argv, nil) == 0 else { throw SandboxError("posix_spawn failed") }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            direct.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            start = DispatchTime.now().uptimeNanoseconds
            let before = cpuNow()
            let result = try await f.run([program])
            sandboxCPU += cpuNow() - before
            #expect(result.exitCode == 0)
            reported.append((result.cpuSeconds * 1000, Double(result.peakMemoryBytes) / 1048576))
            sandboxed.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        let (d, s) = (median(direct), median(sandboxed))
        print(String(format: "BENCH overhead: direct median %.2f ms, sandboxed median %.2f ms, added %.2f ms (target ≤ 5 ms), n=%d",
                     d, s, s - d, Self.runs))
        print(String(format: "BENCH overhead: minimum direct %.2f ms, sandboxed %.2f ms; CPU per sandboxed run %.2f ms (judge + bwrap + program)",
                     direct.min() ?? 0, sandboxed.min() ?? 0, sandboxCPU / Double(Self.runs) * 1000))
        print(String(format: "BENCH overhead: a trivial run reports median cpu %.2f ms, peak memory %.2f MiB (bwrap included)",
                     median(reported.map(\.cpu)), median(reported.map(\.memory))))
    }

    @Test func throughputOfSmallTests() async throws {
        let f = try Fixture()
        let program = try f.compile("""
            #include <cstdio>
            int main() { long a, b; if (scanf("%ld %ld", &a, &b) != 2) return 1; printf("%ld\\n", a + b); }
            """)
        let inputs = try (0..<100).map { i in try f.hostFile("in\(i).txt", "\(i) \(i * 2)\n") }
        let parallel = Int(ProcessInfo.processInfo.environment["ARENA_SANDBOX_BENCH_PARALLEL"] ?? "") ?? 2
        let start = DispatchTime.now().uptimeNanoseconds
        let ok = try await withThrowingTaskGroup(of: Bool.self) { group in
            var next = 0, ok = 0
            for _ in 0..<parallel { let i = next; next += 1; group.addTask { try await Self.aPlusB(f, program, inputs[i], i) } }
            while let passed = try await group.next() {
                if passed { ok += 1 }
                if next < inputs.count { let i = next; next += 1; group.addTask { try await Self.aPlusB(f, program, inputs[i], i) } }
            }
            return ok
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        #expect(ok == 100)
        print(String(format: "BENCH throughput: 100 runs in %.3f s = %.0f runs/s with %d in parallel (target ≥ 150/s)",
                     seconds, 100 / seconds, parallel))
    }

    static func aPlusB(_ f: Fixture, _ program: String, _ input: String, _ i: Int) async throws -> Bool {
        let result = try await f.run([program], stdin: .file(input))
        return result.out == "\(i * 3)\n"
    }

    @Test func cpuTimeStability() async throws {
        let f = try Fixture()
        let program = try f.compile("""
            #include <cstdio>
            int main() { unsigned long x = 1; for (long i = 0; i < 300000000; i++) x = x * 6364136223846793005UL + 1442695040888963407UL; printf("%lu\\n", x & 1); }
            """)
        var times: [Double] = []
        for _ in 0..<20 {
            let result = try await f.run([program], limits: SandboxLimits(cpuSeconds: 5, memoryBytes: 64 << 20))
            #expect(result.exitCode == 0)
            times.append(result.cpuSeconds)
        }
        let mean = times.reduce(0, +) / Double(times.count)
        let sd = (times.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(times.count - 1)).squareRoot()
        print(String(format: "BENCH cpu stability: mean %.4f s, sd %.4f s, CV %.2f%% over 20 runs (target < 3%%)",
                     mean, sd, sd / mean * 100))
    }

    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

    /// CPU seconds of this process and its reaped children.
    func cpuNow() -> Double {
        var total = 0.0
        for who in [RUSAGE_SELF, RUSAGE_CHILDREN] {
            var usage = rusage()
            getrusage(who.rawValue, &usage)
            total += Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        }
        return total
    }
}
