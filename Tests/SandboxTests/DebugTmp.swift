import Foundation
import Sandbox
import Testing
@Test func debugLanguages() async throws {
    let f = try Fixture()
    _ = try f.hostFile("box/Main.java", "public class Main { public static void main(String[] a) { System.out.println(\"java ok \" + Runtime.getRuntime().maxMemory()); } }\n")
    _ = try f.hostFile("box/a.py", "import sys, os\nprint('python ok', sys.version.split()[0], os.getuid())\n")
    let big = SandboxLimits(cpuSeconds: 10, memoryBytes: 1 << 30, processes: 64, outputBytes: 1 << 16)
    for argv in [["/usr/bin/javac", "Main.java"], ["/usr/bin/java", "-Xmx256m", "-Xss64m", "Main"], ["/usr/bin/python3", "a.py"], ["/bin/sh", "-c", "ls -la /etc /dev; id; cat /etc/passwd; ls /usr/lib/jvm"]] {
        let r = try await f.run(argv, limits: big)
        print(argv[0], r.exitCode as Any, r.signal as Any, r.limitHit as Any, String(format: "cpu %.3f wall %.3f mem %d MiB", r.cpuSeconds, r.wallSeconds, r.peakMemoryBytes >> 20))
        print(r.out, r.err.prefix(2000))
    }
}
