// The seccomp policy of every sandboxed run (issue 8): a deny list, not an allow list, so every
// language runtime keeps working. Denied calls fail with EPERM (a runtime that probes, say,
// io_uring or perf_event_open falls back instead of dying); clone3 fails with ENOSYS so libc
// falls back to clone, whose namespace flags can be checked; a call of a foreign architecture
// (32-bit int 0x80, x32) kills the process: no correct program needs one, and its numbers would
// slip past the list.
#define _GNU_SOURCE
#include "sandbox_shim.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
#define ARENA_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define ARENA_AUDIT_ARCH AUDIT_ARCH_AARCH64
#else
#error "no seccomp policy for this architecture"
#endif

#define DENY(name) { SYS_##name, #name }
static const struct { long nr; const char *name; } denied[] = {
    /* Debugging and reading other processes. */
    DENY(ptrace), DENY(process_vm_readv), DENY(process_vm_writev), DENY(kcmp),
#ifdef SYS_pidfd_getfd
    DENY(pidfd_getfd),
#endif
    /* Kernel keyrings, BPF, perf, userfaultfd, io_uring: large kernel attack surface. */
    DENY(keyctl), DENY(add_key), DENY(request_key), DENY(bpf), DENY(perf_event_open), DENY(userfaultfd),
    DENY(io_uring_setup), DENY(io_uring_enter), DENY(io_uring_register),
    /* Mounts and namespaces. */
    DENY(mount), DENY(umount2), DENY(pivot_root), DENY(chroot),
    DENY(move_mount), DENY(open_tree), DENY(fsopen), DENY(fsconfig), DENY(fsmount), DENY(fspick),
#ifdef SYS_mount_setattr
    DENY(mount_setattr),
#endif
    DENY(unshare), DENY(setns), DENY(open_by_handle_at), DENY(name_to_handle_at),
    /* The machine itself: kernels, modules, quotas, accounting, swap, reboot, clocks, logs. */
    DENY(kexec_load), DENY(kexec_file_load), DENY(init_module), DENY(finit_module), DENY(delete_module),
    DENY(quotactl),
#ifdef SYS_quotactl_fd
    DENY(quotactl_fd),
#endif
    DENY(acct), DENY(swapon), DENY(swapoff), DENY(reboot), DENY(syslog),
    DENY(settimeofday), DENY(clock_settime), DENY(clock_adjtime), DENY(adjtimex),
    DENY(fanotify_init), DENY(vhangup),
#ifdef SYS_iopl
    DENY(iopl), DENY(ioperm),
#endif
#ifdef SYS_lookup_dcookie
    DENY(lookup_dcookie),
#endif
};
#undef DENY

#define DENIED_COUNT (sizeof denied / sizeof denied[0])
#define NAMESPACE_FLAGS (CLONE_NEWNS | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWCGROUP)
#define MAX_PROGRAM (DENIED_COUNT + 16)

int arena_seccomp_denied_count(void) { return (int)DENIED_COUNT; }

const char *arena_seccomp_denied_name(int index) {
    return index >= 0 && (size_t)index < DENIED_COUNT ? denied[index].name : NULL;
}

/// Builds the filter into `program` (room for MAX_PROGRAM instructions); returns its length.
static unsigned short build(struct sock_filter *program) {
    unsigned short n = 0;
    /* Conditional jumps name one of four returns at the end (0xff: the next instruction);
       their offsets are filled in once the returns are placed. */
    enum { TO_ALLOW, TO_EPERM, TO_ENOSYS, TO_KILL };
    unsigned short at[MAX_PROGRAM];
    unsigned char target[MAX_PROGRAM], false_target[MAX_PROGRAM];
    int jumps = 0;

#define STMT(code, k) (program[n++] = (struct sock_filter)BPF_STMT(code, k))
#define JUMP(code, k, label_true, label_false) do { \
        at[jumps] = n; target[jumps] = label_true; false_target[jumps] = label_false; jumps++; \
        program[n++] = (struct sock_filter)BPF_JUMP(code, k, 0, 0); } while (0)

    STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
    JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARENA_AUDIT_ARCH, 0xff, TO_KILL);
    STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
#if defined(__x86_64__)
    JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000u /* __X32_SYSCALL_BIT */, TO_KILL, 0xff);
#endif
    for (size_t i = 0; i < DENIED_COUNT; i++) JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)denied[i].nr, TO_EPERM, 0xff);
    JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone3, TO_ENOSYS, 0xff);
    JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone, 0xff, TO_ALLOW);
    /* clone: its flags are the first argument on x86_64 and arm64 (low 32 bits). */
    STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0]));
    JUMP(BPF_JMP | BPF_JSET | BPF_K, NAMESPACE_FLAGS, TO_EPERM, TO_ALLOW);

    unsigned short label[4];
    label[TO_ALLOW] = n; STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    label[TO_EPERM] = n; STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA));
    label[TO_ENOSYS] = n; STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA));
    label[TO_KILL] = n; STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
    for (int j = 0; j < jumps; j++) {
        unsigned short from = at[j] + 1;
        if (target[j] != 0xff) program[at[j]].jt = (unsigned char)(label[target[j]] - from);
        if (false_target[j] != 0xff) program[at[j]].jf = (unsigned char)(label[false_target[j]] - from);
    }
#undef STMT
#undef JUMP
    return n;
}

int arena_seccomp_install(void) {
    struct sock_filter program[MAX_PROGRAM];
    struct sock_fprog fprog = { build(program), program };
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -1;
    return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog);
}
