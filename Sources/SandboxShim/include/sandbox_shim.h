#ifndef ARENA_SANDBOX_SHIM_H
#define ARENA_SANDBOX_SHIM_H

#include <stddef.h>
#include <stdint.h>
#include <sys/resource.h>

/// Most rlimits / kept fds / cgroup fds a spawn may carry.
#define ARENA_MAX_RLIMITS 10
#define ARENA_MAX_KEEP_FDS 32
#define ARENA_MAX_CGROUPS 4
#define ARENA_MAX_CLOSE_FDS 16

/// One resource limit to set in the child before exec.
struct arena_rlimit {
    int resource;
    uint64_t soft;
    uint64_t hard;
};

/// What to start and how to watch it. All fds belong to the caller (only `close_fds` are closed here).
struct arena_spawn {
    const char *path;            /* executable (bwrap) */
    char *const *argv;           /* NULL-terminated */
    char *const *envp;           /* NULL-terminated */
    int stdio[3];                /* fds to place on 0, 1, 2 in the child */
    int keep_fds[ARENA_MAX_KEEP_FDS]; /* placed on 3, 4, … in the child, in order */
    int keep_count;
    int cgroup_fds[ARENA_MAX_CGROUPS]; /* open `cgroup.procs` files; the child writes its pid */
    int cgroup_count;
    struct arena_rlimit rlimits[ARENA_MAX_RLIMITS];
    int rlimit_count;
    int drop_uid;                /* >= 0: setgroups(0)+setresgid+setresuid before exec */
    int drop_gid;
    int net_fd;                  /* >= 0: setns into this network namespace before exec (needs root); -1: none */

    int capture[2];              /* read ends of stdout/stderr pipes, or -1 */
    int sink[2];                 /* -1: keep captured bytes in memory; else write them to this fd */
    uint64_t output_limit;       /* per stream */
    double wall_limit;           /* seconds */
    double cpu_limit;            /* seconds; checked when cpu_fd >= 0 */
    int cpu_fd;                  /* open cpu usage file (pread at 0) or -1 */
    int cpu_format;              /* 0: nanoseconds (cpuacct.usage), 1: cpu.stat usage_usec */
    const char *procs_path;      /* cgroup.procs listing every process of the run, or NULL */
    int cancel_fd;               /* becomes readable to cancel the run, or -1 */
    int close_fds[ARENA_MAX_CLOSE_FDS]; /* always closed here, once the child exists (pipe write ends) */
    int close_count;
};

/// Why the monitor killed the run.
enum arena_kill_reason {
    ARENA_KILL_NONE = 0,
    ARENA_KILL_WALL = 1,
    ARENA_KILL_CPU = 2,
    ARENA_KILL_OUTPUT = 3,
    ARENA_KILL_CANCEL = 4,
};

/// What happened. Free with `arena_outcome_free`.
struct arena_outcome {
    int error;                   /* errno of a spawn failure, 0 if started */
    const char *error_step;      /* static string naming the failing step */
    int status;                  /* raw wait status */
    struct rusage rusage;
    double wall_seconds;
    int kill_reason;
    unsigned char *data[2];      /* captured stdout/stderr (malloc'd, may be NULL) */
    size_t length[2];
    int truncated[2];
};

/// Starts `spec->path` in a child (clone(CLONE_VM|CLONE_VFORK), then setsid, cgroup join,
/// rlimits, privilege drop, execve), watches it, captures its output and reaps it.
/// Blocks the calling thread until the child is gone; call it on a dedicated thread, which
/// must outlive the child (bwrap --die-with-parent watches the thread that forked it).
/// Returns 0, or -1 with `out->error` set if the child could not be started.
int arena_spawn_run(const struct arena_spawn *spec, struct arena_outcome *out);

/// Frees captured buffers.
void arena_outcome_free(struct arena_outcome *out);

/// Sends SIGKILL to every pid listed in a `cgroup.procs` file; returns how many were listed.
int arena_kill_listed(const char *procs_path);

/// pipe2(O_CLOEXEC [| O_NONBLOCK]) (GNU API, not visible to Swift).
int arena_pipe(int fds[2], int nonblocking);

/// A new network namespace with only the loopback interface (up), as an fd; -1 with errno set
/// when it cannot be made (not root). Made on a thread of its own, which then ends.
int arena_make_netns(void);

/// open(path, O_PATH | O_CLOEXEC [| O_DIRECTORY]): a handle to bind, needing no read access.
int arena_open_path(const char *path, int directory);

/// mknod(path, S_IFCHR | 0666, makedev(major, minor)).
int arena_mknod_char(const char *path, unsigned major, unsigned minor);

/// 1 if the filesystem holding `path` is mounted nodev, 0 if not, -1 on error.
int arena_is_nodev(const char *path);

/// Removes the directory tree at `path` when the process exits normally (atexit); one path.
void arena_remove_tree_at_exit(const char *path);

/// The RLIMIT_NPROC resource number.
int arena_rlimit_nproc(void);

/// Installs the sandbox's seccomp filter on the calling thread (and everything it starts):
/// sets no_new_privs first. Returns 0, or -1 with errno set. (seccomp.c lists the policy.)
int arena_seccomp_install(void);

/// How many system calls the filter denies with EPERM (clone with namespace flags aside).
int arena_seccomp_denied_count(void);

/// The name of denied system call `index` (0 ..< count), or NULL.
const char *arena_seccomp_denied_name(int index);

#endif
