import Foundation
import Sandbox
import Testing

/// Issue 8, defect 2: the seccomp filter and the non-dumpable init. Each family calls its
/// system calls in the real sandbox and expects EPERM; every family has at least one call that
/// succeeds, or fails otherwise, without the filter (PTRACE_TRACEME, process_vm_readv of itself,
/// keyctl, io_uring_setup, open_tree without a clone, unshare/setns, quotactl on a missing path),
/// so the test fails if the filter is gone.
@Suite struct SeccompTests {
    static let program = #"""
        #define _GNU_SOURCE
        #include <cerrno>
        #include <cstdio>
        #include <cstring>
        #include <fcntl.h>
        #include <linux/capability.h>
        #include <sched.h>
        #include <signal.h>
        #include <string>
        #include <sys/ptrace.h>
        #include <sys/syscall.h>
        #include <sys/uio.h>
        #include <sys/wait.h>
        #include <thread>
        #include <unistd.h>

        static void report(const char *name, long result) { printf("%s=%d\n", name, result < 0 ? errno : 0); }
        #define CALL(name, ...) do { errno = 0; report(name, syscall(__VA_ARGS__)); } while (0)

        int main(int argc, char **argv) {
            std::string family = argv[1];
            setvbuf(stdout, nullptr, _IONBF, 0);
            if (family == "ptrace") {
                CALL("ptrace_attach_parent", SYS_ptrace, PTRACE_ATTACH, (long)getppid(), 0L, 0L);
                CALL("ptrace_traceme", SYS_ptrace, PTRACE_TRACEME, 0L, 0L, 0L);
                char local[8] = {0}, remote[8] = "secret";
                struct iovec l = { local, sizeof local }, r = { remote, sizeof remote };
                CALL("process_vm_readv", SYS_process_vm_readv, (long)getpid(), &l, 1L, &r, 1L, 0L);
                CALL("process_vm_writev", SYS_process_vm_writev, (long)getpid(), &l, 1L, &r, 1L, 0L);
                CALL("kcmp", SYS_kcmp, (long)getpid(), (long)getpid(), 0L /* KCMP_FILE */, 0L, 0L);
            } else if (family == "keys") {
                CALL("keyctl", SYS_keyctl, 0L /* KEYCTL_GET_KEYRING_ID */, -3L /* session */, 0L);
                CALL("add_key", SYS_add_key, "user", "arena", "x", 1L, -2L /* process keyring */);
                CALL("request_key", SYS_request_key, "user", "arena", nullptr, 0L);
            } else if (family == "kernel") {
                CALL("bpf", SYS_bpf, 0L, nullptr, 0L);
                CALL("perf_event_open", SYS_perf_event_open, nullptr, 0L, -1L, -1L, 0L);
                CALL("userfaultfd", SYS_userfaultfd, 1L /* UFFD_USER_MODE_ONLY */);
                char params[120] = {0};
                CALL("io_uring_setup", SYS_io_uring_setup, 1L, params);
                CALL("io_uring_enter", SYS_io_uring_enter, -1L, 0L, 0L, 0L, nullptr, 0L);
                CALL("io_uring_register", SYS_io_uring_register, -1L, 0L, nullptr, 0L);
            } else if (family == "mount") {
                CALL("open_tree", SYS_open_tree, (long)AT_FDCWD, "/box", 0L);
                CALL("mount", SYS_mount, "none", "/tmp", "tmpfs", 0L, nullptr);
                CALL("umount2", SYS_umount2, "/box", 0L);
                CALL("pivot_root", SYS_pivot_root, "/tmp", "/tmp");
                CALL("move_mount", SYS_move_mount, -1L, "", -1L, "", 0L);
                CALL("fsopen", SYS_fsopen, "tmpfs", 0L);
                char handle[64] = {0};
                int mount_id = 0;
                CALL("name_to_handle_at", SYS_name_to_handle_at, (long)AT_FDCWD, "/box", handle, &mount_id, 0L);
                CALL("chroot", SYS_chroot, "/box");
            } else if (family == "namespaces") {
                CALL("unshare_user", SYS_unshare, (long)CLONE_NEWUSER);
                CALL("unshare_net", SYS_unshare, (long)CLONE_NEWNET);
                CALL("setns", SYS_setns, -1L, 0L);
                CALL("clone_newuser", SYS_clone, (long)(CLONE_NEWUSER | SIGCHLD), 0L, 0L, 0L, 0L);
                char args[88] = {0};
                CALL("clone3", SYS_clone3, args, 0L);
            } else if (family == "machine") {
                CALL("kexec_load", SYS_kexec_load, 0L, 0L, nullptr, 0L);
                CALL("kexec_file_load", SYS_kexec_file_load, -1L, -1L, 0L, "", 0L);
                CALL("init_module", SYS_init_module, nullptr, 0L, "");
                CALL("finit_module", SYS_finit_module, -1L, "", 0L);
                CALL("delete_module", SYS_delete_module, "arena", 0L);
                CALL("quotactl", SYS_quotactl, 0x800004L /* QCMD(Q_GETFMT, USRQUOTA) */, "/nonexistent", 0L, nullptr);
                CALL("acct", SYS_acct, nullptr);
                CALL("swapon", SYS_swapon, "/nonexistent", 0L);
                CALL("swapoff", SYS_swapoff, "/nonexistent");
                CALL("reboot", SYS_reboot, 0L, 0L, 0L, nullptr);
            } else if (family == "init") {
                int fd = open("/proc/1/environ", O_RDONLY);
                char buffer[64];
                report("read_init_environ", fd < 0 ? -1 : read(fd, buffer, sizeof buffer));
                fd = open("/proc/1/mem", O_RDONLY);
                report("open_init_mem", fd);
            } else if (family == "ordinary") {
                // What runtimes do every day must keep working: threads (clone3 falls back to
                // clone), fork and wait, exec.
                int value = 0;
                std::thread worker([&] { value = 42; });
                worker.join();
                pid_t child = fork();
                if (child == 0) { execl("/bin/true", "true", (char *)nullptr); _exit(99); }
                int status = 0;
                waitpid(child, &status, 0);
                printf("thread=%d fork_exec=%d\n", value, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
            } else if (family == "i386") {
        #if defined(__x86_64__)
                long pid;
                __asm__ volatile("int $0x80" : "=a"(pid) : "a"(20L) /* i386 getpid */ : "memory");
                printf("survived=%ld\n", pid);
        #endif
            } else if (family == "x32") {
        #if defined(__x86_64__)
                printf("survived=%ld\n", syscall(0x40000000L | SYS_getpid));
        #endif
            }
            return 0;
        }
        """#

    /// `name=errno` lines of one family's run.
    func results(_ family: String, f: Fixture, program: String) async throws -> (values: [String: Int32], run: SandboxResult) {
        let result = try await f.run([program, family])
        var values: [String: Int32] = [:]
        for line in result.out.split(separator: "\n") {
            let parts = line.split(separator: "=")
            if parts.count == 2, let value = Int32(parts[1]) { values[String(parts[0])] = value }
        }
        return (values, result)
    }

    @Test(arguments: ["ptrace", "keys", "kernel", "mount", "namespaces", "machine"])
    func deniedWithEPERM(family: String) async throws {
        let f = try Fixture()
        let program = try await f.compile(Self.program, flags: ["-std=gnu++20"])
        let (values, run) = try await results(family, f: f, program: program)
        #expect(run.exitCode == 0, "\(run)")
        #expect(!values.isEmpty, "\(run.out)")
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            let expected = name == "clone3" ? ENOSYS : EPERM
            #expect(value == expected, "\(family): \(name) gave errno \(value), expected \(expected)")
        }
    }

    @Test func initIsNotDumpable() async throws {
        let f = try Fixture()
        let program = try await f.compile(Self.program, flags: ["-std=gnu++20"])
        let (values, run) = try await results("init", f: f, program: program)
        #expect(values["read_init_environ"] == EACCES, "\(run.out)")
        #expect(values["open_init_mem"] == EACCES, "\(run.out)")
    }

    @Test func ordinaryProgramsStillWork() async throws {
        let f = try Fixture()
        let program = try await f.compile(Self.program, flags: ["-std=gnu++20"])
        let run = try await f.run([program, "ordinary"])
        #expect(run.out == "thread=42 fork_exec=0\n", "\(run)")
    }

    #if arch(x86_64)
    @Test(arguments: ["i386", "x32"])
    func foreignArchitecturesAreKilled(abi: String) async throws {
        let f = try Fixture()
        let program = try await f.compile(Self.program, flags: ["-std=gnu++20"])
        let run = try await f.run([program, abi])
        #expect(run.signal == SIGSYS, "\(run)")
        #expect(!run.out.contains("survived"), "\(run.out)")
    }
    #endif

    @Test func selfTestReportsTheFilter() async throws {
        let report = await Sandbox.selfTest()
        let seccomp = try #require(report.checks.first { $0.name == "seccomp filter" })
        #expect(seccomp.ok && seccomp.required, "\(seccomp)")
        let initCheck = try #require(report.checks.first { $0.name == "init non-dumpable" })
        #expect(initCheck.ok, "\(initCheck)")
        #expect(SeccompPolicy.denied.contains("ptrace") && SeccompPolicy.denied.contains("io_uring_setup"))
    }
}
