import Foundation
import Sandbox
import Testing

/// The hostile suite of issue 4: each program must get a sensible outcome and leave the host,
/// the judge and the next run unaffected.
@Suite struct HostileTests {
    /// After anything hostile, an ordinary run still works.
    func expectHealthy(_ f: Fixture) async throws {
        let result = try await f.run(["/bin/sh", "-c", "echo fine"])
        #expect(result.out == "fine\n" && result.exitCode == 0 && result.limitHit == nil)
    }

    @Test func forkBomb() async throws {
        let f = try Fixture()
        let program = try await f.compile("#include <unistd.h>\nint main() { for (;;) fork(); }")
        let result = try await f.run([program])
        // Mostly the process limit, then CPU; about one run in ten here ends on memory instead:
        // the fork storm's kernel memory is charged to the run's memory cgroup (seen at 64 MiB
        // after 0.17 s). Any of these ends it; what matters is that it ends and the host is fine.
        #expect([.cpu, .wall, .processes, .memory].contains(result.limitHit), "\(result)")
        try await expectHealthy(f)
    }

    @Test func threadBomb() async throws {
        let f = try Fixture()
        let program = try await f.compile("""
            #include <pthread.h>
            #include <unistd.h>
            static void *idle(void *) { for (;;) pause(); }
            int main() { for (;;) { pthread_t t; pthread_create(&t, nullptr, idle, nullptr); } }
            """)
        let result = try await f.run([program])
        #expect([.cpu, .wall, .processes, .memory].contains(result.limitHit))
        try await expectHealthy(f)
    }

    @Test(arguments: ["malloc", "stack", "mmap"])
    func memoryBomb(kind: String) async throws {
        let f = try Fixture()
        let program = try await f.compile("""
            #include <cstdlib>
            #include <cstring>
            #include <sys/mman.h>
            volatile char sink;
            int deep(int n) { char frame[65536]; memset(frame, n, sizeof frame); sink = frame[n % 65536]; return deep(n + 1) + frame[7]; }
            int main(int argc, char **argv) {
                if (!strcmp(argv[1], "stack")) return deep(1);
                for (;;) {
                    char *p = !strcmp(argv[1], "malloc") ? (char *)malloc(1 << 20)
                        : (char *)mmap(nullptr, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                    if (p == nullptr || p == MAP_FAILED) continue;
                    memset(p, 1, 1 << 20);
                    sink = p[4096];
                }
            }
            """)
        let result = try await f.run([program, kind])
        // A stack overflow may also end as SIGSEGV at RLIMIT_STACK (= memory limit): a run-time error.
        #expect(result.limitHit == .memory || (kind == "stack" && result.signal == SIGSEGV), "\(result)")
        #expect(result.peakMemoryBytes <= (Fixture.limits.memoryBytes + (1 << 20)))
        try await expectHealthy(f)
    }

    @Test func infiniteLoop() async throws {
        let f = try Fixture()
        let program = try await f.compile("int main() { volatile int x = 0; for (;;) x++; }")
        var limits = Fixture.limits
        limits.wallSeconds = 20 // the CPU limit must win even on a busy machine
        let result = try await f.run([program], limits: limits)
        #expect(result.limitHit == .cpu)
        #expect(result.cpuSeconds < 1.3)
    }

    @Test func sleepForever() async throws {
        let f = try Fixture()
        let program = try await f.compile("#include <unistd.h>\nint main() { for (;;) pause(); }")
        let result = try await f.run([program])
        #expect(result.limitHit == .wall)
    }

    @Test func infiniteOutput() async throws {
        let f = try Fixture()
        let program = try await f.compile("#include <cstdio>\nint main() { for (;;) { fputs(\"spam spam spam\\n\", stdout); fputs(\"err\\n\", stderr); } }")
        let result = try await f.run([program])
        #expect(result.limitHit == .output)
        #expect(result.stdout.count <= Fixture.limits.outputBytes && result.stderr.count <= Fixture.limits.outputBytes)
    }

    @Test(arguments: ["/box/big.txt", "/tmp/big.txt"])
    func largeFile(path: String) async throws {
        let f = try Fixture()
        let program = try await f.compile("""
            #include <cstdio>
            int main(int, char **argv) {
                FILE *out = fopen(argv[1], "w");
                if (!out) return 4;
                static char block[1 << 16];
                for (;;) fwrite(block, 1, sizeof block, out);
            }
            """)
        let result = try await f.run([program, path])
        #expect(result.limitHit == .fileSize || result.limitHit == .memory, "\(result)")
        let size = (try? FileManager.default.attributesOfItem(atPath: f.box + "/big.txt")[.size] as? Int) ?? 0
        #expect(size <= Fixture.limits.fileSizeBytes)
    }

    @Test func cannotReadShadowOrHostFiles() async throws {
        let f = try Fixture()
        let answer = try f.hostFile("secret.ans", "the answer\n")
        let program = try await f.compile("""
            #include <cstdio>
            int main(int argc, char **argv) {
                for (int i = 1; i < argc; i++) {
                    FILE *in = fopen(argv[i], "r");
                    printf("%s %s\\n", argv[i], in ? "READ" : "blocked");
                }
            }
            """)
        let paths = ["/etc/shadow", "/etc/gshadow", answer, f.root + "/prog.cpp", "/work/shared/DESIGN.md", "/root/.bashrc"]
        let result = try await f.run([program] + paths)
        #expect(result.exitCode == 0)
        #expect(result.out == paths.map { "\($0) blocked\n" }.joined())
    }

    @Test func noNetwork() async throws {
        let f = try Fixture()
        let listener = try HostListener()
        let program = try await f.compile("""
            #include <arpa/inet.h>
            #include <cstdio>
            #include <cstdlib>
            #include <netinet/in.h>
            #include <sys/socket.h>
            #include <unistd.h>
            int main(int, char **argv) {
                int port = atoi(argv[1]);
                const char *hosts[] = { "127.0.0.1", "192.0.2.1" };
                for (const char *host : hosts) {
                    sockaddr_in to{}; to.sin_family = AF_INET; to.sin_port = htons(port);
                    inet_pton(AF_INET, host, &to.sin_addr);
                    int tcp = socket(AF_INET, SOCK_STREAM, 0);
                    bool connected = tcp >= 0 && connect(tcp, (sockaddr *)&to, sizeof to) == 0;
                    if (connected) write(tcp, "leak", 4);
                    int udp = socket(AF_INET, SOCK_DGRAM, 0);
                    bool sent = udp >= 0 && sendto(udp, "leak", 4, 0, (sockaddr *)&to, sizeof to) == 4;
                    printf("%s tcp=%s udp=%s\\n", host, connected ? "CONNECTED" : "failed", sent ? "sent" : "failed");
                }
            }
            """)
        let result = try await f.run([program, String(listener.port)])
        #expect(result.exitCode == 0)
        #expect(result.out.contains("127.0.0.1 tcp=failed"))
        #expect(result.out.contains("192.0.2.1 tcp=failed udp=failed"))
        #expect(!listener.receivedAnything())
    }

    /// Runs at the same time (each in a network namespace of its own, kept ones reused between
    /// runs) cannot reach each other over loopback TCP or abstract Unix sockets.
    @Test func concurrentRunsCannotReachEachOther() async throws {
        let f = try Fixture()
        let program = try await f.compile("""
            #include <arpa/inet.h>
            #include <cstdio>
            #include <cstddef>
            #include <cstring>
            #include <sys/socket.h>
            #include <sys/un.h>
            #include <unistd.h>
            int main(int argc, char **argv) {
                sockaddr_un un{}; un.sun_family = AF_UNIX; strcpy(un.sun_path + 1, "arena-probe");
                socklen_t unlen = offsetof(sockaddr_un, sun_path) + 1 + strlen("arena-probe");
                sockaddr_in in{}; in.sin_family = AF_INET; in.sin_port = htons(47123); in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
                int u = socket(AF_UNIX, SOCK_STREAM, 0), t = socket(AF_INET, SOCK_STREAM, 0);
                if (argv[1][0] == 'l') {
                    int one = 1; setsockopt(t, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
                    bool ok = bind(u, (sockaddr *)&un, unlen) == 0 && listen(u, 8) == 0
                        && bind(t, (sockaddr *)&in, sizeof in) == 0 && listen(t, 8) == 0;
                    printf("listening=%d\\n", ok); fflush(stdout);
                    usleep(1500000);
                } else {
                    printf("unix=%s tcp=%s\\n", connect(u, (sockaddr *)&un, unlen) == 0 ? "reached" : "failed",
                           connect(t, (sockaddr *)&in, sizeof in) == 0 ? "reached" : "failed");
                }
            }
            """)
        let listening = Task { try await f.run([program, "listen"]) }
        try await Task.sleep(for: .milliseconds(500))
        let probe = try await f.run([program, "connect"])
        let listener = try await listening.value
        #expect(listener.out == "listening=1\n", "\(listener)")
        #expect(probe.out == "unix=failed tcp=failed\n", "\(probe)")
        // And a later run (likely in the namespace the listener had) finds nothing left of it.
        let later = try await f.run([program, "connect"])
        #expect(later.out == "unix=failed tcp=failed\n", "\(later)")
    }

    @Test func killAllProcesses() async throws {
        let f = try Fixture()
        let sentinel = try Sentinel()
        let program = try await f.compile("""
            #include <csignal>
            #include <cstdio>
            #include <cstdlib>
            int main(int, char **argv) {
                kill(atoi(argv[1]), SIGKILL);
                int r = kill(-1, SIGKILL);
                printf("kill(-1)=%d\\n", r);
            }
            """)
        let result = try await f.run([program, String(sentinel.pid)])
        #expect(result.limitHit == nil)
        #expect(sentinel.isAlive)
        try await expectHealthy(f)
    }

    @Test func cannotEscapeWorkDir() async throws {
        let f = try Fixture()
        let marker = "arena-escape-\(UUID().uuidString)"
        let program = try await f.compile("""
            #include <cstdio>
            #include <unistd.h>
            int main(int, char **argv) {
                const char *dirs[] = { "..", "/", "/tmp", "/usr", "/etc", "/dev", "/proc/self/cwd/.." };
                for (const char *dir : dirs) {
                    if (chdir("/box") != 0 || chdir(dir) != 0) continue;
                    FILE *out = fopen(argv[1], "w");
                    printf("%s %s\\n", dir, out ? "wrote" : "blocked");
                    if (out) fclose(out);
                }
            }
            """)
        let result = try await f.run([program, marker])
        #expect(result.exitCode == 0)
        for dir in ["..", "/", "/usr", "/etc", "/dev", "/proc/self/cwd/.."] { #expect(result.out.contains("\(dir) blocked\n")) }
        #expect(result.out.contains("/tmp wrote\n")) // the private tmpfs
        for dir in [f.root, "/", "/tmp", "/usr", "/etc", FileManager.default.currentDirectoryPath] {
            #expect(!FileManager.default.fileExists(atPath: dir + "/" + marker), "escaped to \(dir)")
        }
    }

    @Test func setuidFilesAreHarmless() async throws {
        let f = try Fixture()
        let program = try await f.compile("""
            #include <cstdio>
            #include <sys/stat.h>
            #include <unistd.h>
            int main() {
                FILE *out = fopen("suid", "w"); if (out) { fputs("#!/bin/sh\\nid -u\\n", out); fclose(out); }
                printf("chmod=%d chown=%d\\n", chmod("suid", 06755), chown("suid", 0, 0));
            }
            """)
        let result = try await f.run([program])
        #expect(result.exitCode == 0)
        var info = stat()
        if stat(f.box + "/suid", &info) == 0, info.st_mode & (S_ISUID | S_ISGID) != 0 {
            #expect(info.st_uid != 0, "a set-uid file owned by root appeared on the host")
            #expect(info.st_gid != 0)
        }
    }

    @Test func ptraceIsContained() async throws {
        let f = try Fixture()
        let sentinel = try Sentinel()
        let program = try await f.compile("""
            #include <cstdio>
            #include <cstdlib>
            #include <sys/ptrace.h>
            int main(int, char **argv) {
                long host = ptrace(PTRACE_ATTACH, atoi(argv[1]), nullptr, nullptr);
                long init = ptrace(PTRACE_ATTACH, 1, nullptr, nullptr);
                printf("host=%ld\\n", host);
                return init == 0 ? 0 : 0;
            }
            """)
        let result = try await f.run([program, String(sentinel.pid)])
        #expect(result.out == "host=-1\n")
        #expect(sentinel.isAlive)
        try await expectHealthy(f)
    }

    @Test func backgroundProcessesDieWithTheProgram() async throws {
        let f = try Fixture()
        let result = try await f.run(["/bin/sh", "-c", "(sleep 4321 >&- 2>&- &) ; setsid sleep 4321 >&- 2>&- & echo started"])
        #expect(result.exitCode == 0)
        #expect(result.out == "started\n")
        #expect(result.limitHit == nil)  // the run ended with the shell, not at its wall limit
        let (_, listing) = await runHost(["/bin/ps", "-eo", "user,args"])
        #expect(!listing.split(separator: "\n").contains { $0.hasPrefix("nobody") && $0.hasSuffix("sleep 4321") })
    }

    @Test func closingStdoutEarly() async throws {
        let f = try Fixture()
        let program = try await f.compile("""
            #include <cstdio>
            #include <unistd.h>
            int main() { fclose(stdout); close(1); close(0); close(2); volatile long x = 0; for (long i = 0; i < 100000000; i++) x += i; return 0; }
            """)
        let result = try await f.run([program])
        #expect(result.exitCode == 0)
        #expect(result.limitHit == nil)
        #expect(result.stdout.isEmpty)
    }
}
