import ArenaCore
import ArgumentParser
import Foundation
import Judge
import ProblemPackage
import Sandbox

/// `arena bench judge`: issue 4's and issue 8's figures, each beside its ceiling in the same run.
struct BenchJudge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "judge", abstract: "Sandbox overhead, PCH compile, throughput, CPU-time stability.")
    @Option(help: "Runs for the overhead median.") var runs = 200

    func run() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("arena-bench-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        chmod(dir.path, 0o755)
        defer { try? FileManager.default.removeItem(at: dir) }
        try await overhead(dir)
        try compile(dir)
        try await throughput(dir)
        try await stability(dir)
    }

    func gxx(_ args: [String]) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/g++")
        p.arguments = args
        try p.run(); p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw ValidationError("g++ \(args.joined(separator: " ")) failed") }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    func write(_ text: String, _ url: URL) throws { try text.write(to: url, atomically: true, encoding: .utf8) }

    func overhead(_ dir: URL) async throws {
        try write("int main() { return 0; }\n", dir.appendingPathComponent("trivial.cpp"))
        _ = try gxx(["-O2", "-o", dir.appendingPathComponent("trivial").path, dir.appendingPathComponent("trivial.cpp").path])
        let sandbox = Sandbox()
        let host = dir.appendingPathComponent("trivial").path
        var direct: [Double] = [], boxed: [Double] = []
        for _ in 0..<runs {  // interleaved, so both see the same load
            var start = DispatchTime.now().uptimeNanoseconds
            var pid: pid_t = 0
            let argv: [UnsafeMutablePointer<CChar>?] = [strdup(host), nil]
            posix_spawn(&pid, host, nil, nil, argv, nil)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            argv.forEach { free($0) }
            direct.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            start = DispatchTime.now().uptimeNanoseconds
            let result = try await sandbox.run(SandboxRequest(argv: ["/box/trivial"], workDir: dir.path, workDirWritable: false))
            guard result.exitCode == 0 else { throw ValidationError("sandboxed trivial run failed: \(result)") }
            boxed.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        let (d, s) = (median(direct), median(boxed))
        print(String(format: "  sandbox overhead: trivial C++ binary, median of %d: direct %.2f ms, sandboxed %.2f ms, added %.2f ms (target <= 3 ms; isolate publishes 3.4 ms)",
                     runs, d, s, s - d))
    }

    func compile(_ dir: URL) throws {
        let base = "/usr/include/x86_64-linux-gnu/c++"
        guard let version = (try? FileManager.default.contentsOfDirectory(atPath: base))?.sorted(by: { $0.compare($1, options: .numeric) == .orderedAscending }).last
        else { throw ValidationError("no libstdc++ headers under \(base)") }
        let header = "\(base)/\(version)/bits/stdc++.h"
        let pch = dir.appendingPathComponent("pch/bits")
        try FileManager.default.createDirectory(at: pch, withIntermediateDirectories: true)
        let flags = ["-std=gnu++20", "-O2"]
        _ = try gxx(flags + ["-x", "c++-header", header, "-o", pch.appendingPathComponent("stdc++.h.gch").path])
        var plain: [Double] = [], withPCH: [Double] = []
        for i in 0..<7 {
            let src = dir.appendingPathComponent("ab\(i).cpp")
            try write("#include <bits/stdc++.h>\n// \(i)\nint main(){long long a,b;std::cin>>a>>b;std::cout<<a+b<<'\\n';}\n", src)
            plain.append(try gxx(flags + ["-o", dir.appendingPathComponent("p\(i)").path, src.path]))
            withPCH.append(try gxx(flags + ["-I", dir.appendingPathComponent("pch").path, "-Winvalid-pch", "-o", dir.appendingPathComponent("h\(i)").path, src.path]))
        }
        let (p, h) = (median(plain), median(withPCH))
        print(String(format: "  compile A+B with bits/stdc++.h, median of 7: plain g++ %.0f ms, with the precompiled header %.0f ms: %.1fx faster (target >= 2.5x)",
                     p * 1000, h * 1000, p / h))
    }

    func throughput(_ dir: URL) async throws {
        let root = dir.appendingPathComponent("aplusb")
        var files: [String: String] = [
            "problem.yaml": "problem_format_version: 2025-09\nname: A plus B\nuuid: 8a0e4f44-3d2a-4a52-9c58-5b9e1b2a0001\nlimits:\n  time_limit: 1.0\n  memory: 256\n",
            "statement/problem.en.md": "Add.\n", "data/sample/1.in": "1 2\n", "data/sample/1.ans": "3\n",
            "input_validators/v.py": "import sys\nsys.exit(42)\n", "submissions/accepted/a.cpp": "int main(){}\n",
        ]
        for i in 0..<100 { files[String(format: "data/secret/%03d.in", i)] = "\(i) \(i * 2)\n"; files[String(format: "data/secret/%03d.ans", i)] = "\(i * 3)\n" }
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try write(text, url)
        }
        let problem = try ProblemPackage.load(at: root, options: LoadOptions(pandoc: .disabled))
        let engine = try JudgeEngine(configuration: JudgeConfiguration(cacheDirectory: dir.appendingPathComponent("cache"), workDirectory: dir.appendingPathComponent("work")))
        let source = SubmissionSource(language: "cpp", code: "#include <cstdio>\nint main(){long a,b;scanf(\"%ld %ld\",&a,&b);printf(\"%ld\\n\",a+b);}\n")
        _ = await engine.judge(source, problem: problem)  // compile once (cached afterwards)
        func rate(_ options: JudgeOptions) async throws -> (tests: Int, seconds: Double) {  // median of 5 judgings
            var tests = 0, seconds: [Double] = []
            for _ in 0..<5 {
                let start = DispatchTime.now().uptimeNanoseconds
                let result = await engine.judge(source, problem: problem, options: options)
                seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                guard result.verdict == .accepted else { throw ValidationError("throughput run got \(result.verdict)") }
                tests = result.tests.count
            }
            return (tests, median(seconds))
        }
        let slots = max(Sandbox().slots.count, 1)
        let one = try await rate(JudgeOptions(parallelTests: 1))  // the ceiling's base: tests one at a time
        let all = try await rate(JudgeOptions())
        let (oneRate, allRate) = (Double(one.tests) / one.seconds, Double(all.tests) / all.seconds)
        print(String(format: "  throughput: one submission, %d tests judged (run + check), median of 5: one at a time %.0f test runs/s; across %d run slots %.2f s = %.0f test runs/s, %.2fx (ceiling %dx = %.0f/s; target >= 300/s)",
                     all.tests, oneRate, slots, all.seconds, allRate, allRate / oneRate, slots, oneRate * Double(slots)))
    }

    func stability(_ dir: URL) async throws {
        try write("#include <cstdio>\nint main(){unsigned long x=1;for(long i=0;i<300000000;i++)x=x*6364136223846793005UL+1442695040888963407UL;printf(\"%lu\\n\",x&1);}\n",
                  dir.appendingPathComponent("spin.cpp"))
        _ = try gxx(["-O2", "-o", dir.appendingPathComponent("spin").path, dir.appendingPathComponent("spin.cpp").path])
        let sandbox = Sandbox()
        var times: [Double] = []
        for _ in 0..<20 {
            let result = try await sandbox.run(SandboxRequest(argv: ["/box/spin"], workDir: dir.path, workDirWritable: false,
                                                              limits: SandboxLimits(cpuSeconds: 5, memoryBytes: 64 << 20)))
            times.append(result.cpuSeconds)
        }
        let mean = times.reduce(0, +) / Double(times.count)
        let sd = (times.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(times.count - 1)).squareRoot()
        print(String(format: "  timing stability: CPU-bound program, 20 runs: mean %.3f s, sd %.4f s, CV %.2f%% (target < 3%%)", mean, sd, sd / mean * 100))
    }

    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}
