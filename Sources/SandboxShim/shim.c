// The part of the sandbox that must be C: code between fork and exec, and the watch loop.
#define _GNU_SOURCE
#include "sandbox_shim.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_close_range
#define SYS_close_range 436
#endif

#define CHILD_STACK_SIZE (64 * 1024)

struct child_args {
    const struct arena_spawn *spec;
    volatile int error;          /* written by the child (shared memory, CLONE_VM) */
    const char *volatile step;
};

static void child_fail(struct child_args *a, const char *step) {
    a->error = errno ? errno : EINVAL;
    a->step = step;
    _exit(127);
}

/// Runs in the vfork-style child: only plain system calls, no allocation, no locks.
static int child_main(void *arg) {
    struct child_args *a = arg;
    const struct arena_spawn *s = a->spec;

    /* Default dispositions (an ignored SIGPIPE must not leak into the program), then unmask. */
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    for (int sig = 1; sig < _NSIG; sig++) {
        if (sig == SIGKILL || sig == SIGSTOP) continue;
        sigaction(sig, &dfl, NULL);
    }
    sigset_t none;
    sigemptyset(&none);
    if (sigprocmask(SIG_SETMASK, &none, NULL) != 0) child_fail(a, "sigprocmask");

    if (setsid() < 0) child_fail(a, "setsid");

    /* Join the cgroups while still privileged. */
    char pidtext[24];
    int n = 0;
    long pid = syscall(SYS_getpid);
    char rev[24];
    do { rev[n++] = (char)('0' + pid % 10); pid /= 10; } while (pid > 0 && n < 20);
    for (int i = 0; i < n; i++) pidtext[i] = rev[n - 1 - i];
    for (int i = 0; i < s->cgroup_count; i++) {
        if (write(s->cgroup_fds[i], pidtext, (size_t)n) != n) child_fail(a, "join cgroup");
    }

    /* The run's network namespace (a kept one, see arena_make_netns), while still privileged. */
    if (s->net_fd >= 0 && setns(s->net_fd, CLONE_NEWNET) != 0) child_fail(a, "setns net");

    /* Move every fd we hand over above all of them, then onto 0.. and 3.. in order. */
    int total = 3 + s->keep_count;
    int sources[3 + ARENA_MAX_KEEP_FDS];
    int floor = total;
    for (int i = 0; i < 3; i++) sources[i] = s->stdio[i];
    for (int i = 0; i < s->keep_count; i++) sources[3 + i] = s->keep_fds[i];
    for (int i = 0; i < total; i++) if (sources[i] >= floor) floor = sources[i] + 1;
    for (int i = 0; i < total; i++) {
        int moved = fcntl(sources[i], F_DUPFD_CLOEXEC, floor);
        if (moved < 0) child_fail(a, "dup fd");
        sources[i] = moved;
    }
    for (int i = 0; i < total; i++) {
        if (dup2(sources[i], i) < 0) child_fail(a, "dup2");
    }
    if (syscall(SYS_close_range, (unsigned)total, ~0U, 0) != 0) {
        for (int fd = total; fd < 4096; fd++) close(fd);
    }

    for (int i = 0; i < s->rlimit_count; i++) {
        struct rlimit rl = { (rlim_t)s->rlimits[i].soft, (rlim_t)s->rlimits[i].hard };
        if (setrlimit(s->rlimits[i].resource, &rl) != 0) child_fail(a, "setrlimit");
    }

    if (s->drop_uid >= 0) {
        /* Raw system calls: glibc's wrappers would try to change every thread of the parent. */
        if (syscall(SYS_setgroups, 0, NULL) != 0) child_fail(a, "setgroups");
        if (syscall(SYS_setresgid, s->drop_gid, s->drop_gid, s->drop_gid) != 0) child_fail(a, "setresgid");
        if (syscall(SYS_setresuid, s->drop_uid, s->drop_uid, s->drop_uid) != 0) child_fail(a, "setresuid");
    }
    /* bwrap --die-with-parent sets this too, but only once it runs; credential changes clear it. */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) child_fail(a, "prctl");

    execve(s->path, s->argv, s->envp);
    child_fail(a, "execve");
    return 127;
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/// Reads the run's CPU time in seconds, or -1.
static double read_cpu(const struct arena_spawn *s) {
    if (s->cpu_fd < 0) return -1;
    char buf[512];
    ssize_t len = pread(s->cpu_fd, buf, sizeof buf - 1, 0);
    if (len <= 0) return -1;
    buf[len] = 0;
    if (s->cpu_format == 0) return (double)strtoull(buf, NULL, 10) / 1e9;
    char *p = strstr(buf, "usage_usec ");
    return p ? (double)strtoull(p + 11, NULL, 10) / 1e6 : -1;
}

static void kill_run(const struct arena_spawn *s, pid_t pid, struct arena_outcome *out, int reason) {
    if (out->kill_reason == ARENA_KILL_NONE) out->kill_reason = reason;
    if (pid > 0) kill(pid, SIGKILL); /* pid <= 0 once reaped: never signal a recycled pid */
    arena_kill_listed(s->procs_path);
}

/// Reads what is available from capture stream `i`; returns 0 at end of stream.
static int pump(const struct arena_spawn *s, int i, size_t *capacity, pid_t pid, struct arena_outcome *out) {
    unsigned char chunk[65536];
    for (;;) {
        ssize_t got = read(s->capture[i], chunk, sizeof chunk);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) return errno == EAGAIN ? 1 : 0;
        if (got == 0) return 0;
        size_t room = s->output_limit > out->length[i] ? (size_t)(s->output_limit - out->length[i]) : 0;
        size_t keep = (size_t)got < room ? (size_t)got : room;
        if (keep > 0 && s->sink[i] >= 0) {
            size_t done = 0;
            while (done < keep) {
                ssize_t w = write(s->sink[i], chunk + done, keep - done);
                if (w < 0 && errno == EINTR) continue;
                if (w <= 0) break;
                done += (size_t)w;
            }
        } else if (keep > 0) {
            if (out->length[i] + keep > capacity[i]) {
                size_t want = capacity[i] ? capacity[i] * 2 : 65536;
                while (want < out->length[i] + keep) want *= 2;
                unsigned char *grown = realloc(out->data[i], want);
                if (grown == NULL) { keep = 0; } else { out->data[i] = grown; capacity[i] = want; }
            }
            if (keep > 0) memcpy(out->data[i] + out->length[i], chunk, keep);
        }
        out->length[i] += keep;
        if (keep < (size_t)got) {
            out->truncated[i] = 1;
            kill_run(s, pid, out, ARENA_KILL_OUTPUT);
            return 0;
        }
    }
}

int arena_spawn_run(const struct arena_spawn *s, struct arena_outcome *out) {
    memset(out, 0, sizeof *out);
    struct child_args args = { s, 0, NULL };
    void *stack = mmap(NULL, CHILD_STACK_SIZE, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED) {
        out->error = errno;
        out->error_step = "mmap";
        for (int i = 0; i < s->close_count && i < ARENA_MAX_CLOSE_FDS; i++) close(s->close_fds[i]);
        return -1;
    }

    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    double start = now_seconds();
    pid_t pid = clone(child_main, (char *)stack + CHILD_STACK_SIZE, CLONE_VM | CLONE_VFORK | SIGCHLD, &args);
    int clone_errno = errno;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    munmap(stack, CHILD_STACK_SIZE);
    for (int i = 0; i < s->close_count && i < ARENA_MAX_CLOSE_FDS; i++) close(s->close_fds[i]);
    if (pid < 0) { out->error = clone_errno; out->error_step = "clone"; return -1; }
    if (args.error != 0) {
        waitpid(pid, NULL, 0);
        out->error = args.error;
        out->error_step = args.step;
        return -1;
    }

    int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
    for (int i = 0; i < 2; i++) {
        if (s->capture[i] >= 0) fcntl(s->capture[i], F_SETFL, fcntl(s->capture[i], F_GETFL) | O_NONBLOCK);
    }
    size_t capacity[2] = { 0, 0 };
    int open_streams[2] = { s->capture[0] >= 0, s->capture[1] >= 0 };
    double deadline = start + s->wall_limit;
    int exited = 0;
    while (!exited) {
        double now = now_seconds();
        if (now >= deadline) kill_run(s, pid, out, ARENA_KILL_WALL);
        double wait = deadline - now;
        if (s->cpu_fd >= 0 && s->cpu_limit > 0) {
            double used = read_cpu(s);
            if (used > s->cpu_limit) kill_run(s, pid, out, ARENA_KILL_CPU);
            double slice = (s->cpu_limit - used) / 2;
            if (slice < 0.005) slice = 0.005;
            if (slice > 0.1) slice = 0.1;
            if (slice < wait) wait = slice;
        }
        if (out->kill_reason != ARENA_KILL_NONE || wait < 0.001) wait = 0.001;
        if (pidfd < 0 && wait > 0.01) wait = 0.01; /* no pidfd: poll waitpid */

        struct pollfd fds[4];
        int nfds = 0, at_pid = -1, at_cancel = -1, at_stream[2] = { -1, -1 };
        if (pidfd >= 0) { at_pid = nfds; fds[nfds++] = (struct pollfd){ pidfd, POLLIN, 0 }; }
        if (s->cancel_fd >= 0) { at_cancel = nfds; fds[nfds++] = (struct pollfd){ s->cancel_fd, POLLIN, 0 }; }
        for (int i = 0; i < 2; i++) {
            if (open_streams[i]) { at_stream[i] = nfds; fds[nfds++] = (struct pollfd){ s->capture[i], POLLIN, 0 }; }
        }
        int ready = poll(fds, (nfds_t)nfds, (int)(wait * 1000) + 1);
        if (ready < 0 && errno != EINTR) break;
        if (at_cancel >= 0 && fds[at_cancel].revents) kill_run(s, pid, out, ARENA_KILL_CANCEL);
        for (int i = 0; i < 2; i++) {
            if (at_stream[i] >= 0 && fds[at_stream[i]].revents) {
                if (!pump(s, i, capacity, pid, out)) open_streams[i] = 0;
            }
        }
        if (at_pid >= 0 && fds[at_pid].revents) exited = 1;
        if (pidfd < 0 && waitpid(pid, NULL, WNOHANG | WNOWAIT | __WALL) == pid) exited = 1;
    }

    int status = 0;
    pid_t waited;
    do { waited = wait4(pid, &status, 0, &out->rusage); } while (waited < 0 && errno == EINTR);
    int wait_errno = waited < 0 ? errno : 0; /* e.g. ECHILD if someone set SIGCHLD to SIG_IGN */
    out->status = status;
    out->wall_seconds = now_seconds() - start;
    if (pidfd >= 0) close(pidfd);

    /* Collect what is left in the pipes; every writer is gone once the pid namespace is. */
    double drain_deadline = now_seconds() + 0.5;
    while ((open_streams[0] || open_streams[1]) && now_seconds() < drain_deadline) {
        struct pollfd fds[2];
        int nfds = 0, which[2];
        for (int i = 0; i < 2; i++) {
            if (open_streams[i]) { which[nfds] = i; fds[nfds++] = (struct pollfd){ s->capture[i], POLLIN, 0 }; }
        }
        int ready = poll(fds, (nfds_t)nfds, 50);
        if (ready == 0) arena_kill_listed(s->procs_path);
        for (int k = 0; k < nfds; k++) {
            if (fds[k].revents && !pump(s, which[k], capacity, 0, out)) open_streams[which[k]] = 0;
        }
    }
    if (wait_errno != 0) {
        out->error = wait_errno;
        out->error_step = "wait4";
        return -1;
    }
    return 0;
}

void arena_outcome_free(struct arena_outcome *out) {
    for (int i = 0; i < 2; i++) {
        free(out->data[i]);
        out->data[i] = NULL;
    }
}

struct netns_result { int fd; int error; };

static void *make_netns_thread(void *arg) {
    struct netns_result *r = arg;
    r->fd = -1;
    if (unshare(CLONE_NEWNET) != 0) { r->error = errno; return NULL; }
    int sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (sock >= 0) {  /* loopback up, as bwrap --unshare-net leaves it */
        struct ifreq ifr;
        memset(&ifr, 0, sizeof ifr);
        strcpy(ifr.ifr_name, "lo");
        if (ioctl(sock, SIOCGIFFLAGS, &ifr) == 0) {
            ifr.ifr_flags |= IFF_UP;
            if (ioctl(sock, SIOCSIFFLAGS, &ifr) != 0) r->error = errno;
        }
        close(sock);
    }
    r->fd = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    if (r->fd < 0) r->error = errno;
    return NULL;
}

int arena_make_netns(void) {
    struct netns_result r = { -1, 0 };
    pthread_t thread;
    int rc = pthread_create(&thread, NULL, make_netns_thread, &r);
    if (rc != 0) { errno = rc; return -1; }
    pthread_join(thread, NULL);
    if (r.fd < 0) { errno = r.error ? r.error : EINVAL; return -1; }
    return r.fd;
}
