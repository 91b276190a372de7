// arena-sandbox-init: pid 1 of every sandboxed run (bwrap --as-pid-1 execs it).
//
// Built by scripts/sandbox-init with the system C compiler beside `arena` (a SwiftPM executable
// would link the Swift runtime, which the sandbox cannot see, and start 4 ms slower); compiled
// into the library as nothing.
//
// It makes itself non-dumpable (no ptrace or /proc/1/mem access by the program it starts),
// installs the seccomp filter of SandboxShim (seccomp.c) on itself (inherited by everything it starts),
// starts the program as its only child, reaps every orphan, and exits with the program's
// status (128 + N for a program killed by signal N, as bwrap's own init does). Everything left
// in the PID namespace dies with it.
#ifdef ARENA_SANDBOX_INIT_PROGRAM
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sandbox_shim.h"

static void fail(const char *what, const char *detail) {
    dprintf(2, "arena-sandbox-init: %s%s%s: %s\n", what, detail ? " " : "", detail ? detail : "", strerror(errno));
    _exit(127);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        dprintf(2, "usage: arena-sandbox-init PROGRAM [ARG...]\n");
        return 127;
    }
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) fail("prctl", "PR_SET_DUMPABLE");
    if (arena_seccomp_install() != 0) fail("seccomp", NULL);

    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    pid_t child = fork();
    if (child < 0) fail("fork", NULL);
    if (child == 0) {
        sigprocmask(SIG_SETMASK, &old, NULL);
        execvp(argv[1], argv + 1);
        fail("cannot run", argv[1]);
    }
    // Signals stay blocked here: pid 1 ignores what it does not handle anyway, and nothing
    // inside should be able to interrupt the reaping loop.
    for (;;) {
        int status = 0;
        pid_t done = waitpid(-1, &status, __WALL);
        if (done < 0) {
            if (errno == EINTR) continue;
            _exit(127);
        }
        if (done != child) continue; // an orphan
        if (WIFEXITED(status)) _exit(WEXITSTATUS(status));
        if (WIFSIGNALED(status)) _exit(128 + WTERMSIG(status));
    }
}
#endif
