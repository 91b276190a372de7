// Small system-call helpers for the Swift side: GNU-only APIs and macros Swift cannot see.
#define _GNU_SOURCE
#include "sandbox_shim.h"

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

int arena_kill_listed(const char *procs_path) {
    if (procs_path == NULL) return 0;
    int fd = open(procs_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    char buf[8192];
    ssize_t len = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (len <= 0) return 0;
    buf[len] = 0;
    int count = 0;
    long value = 0;
    int in_number = 0;
    for (ssize_t i = 0; i <= len; i++) {
        char c = buf[i];
        if (c >= '0' && c <= '9') { value = value * 10 + (c - '0'); in_number = 1; continue; }
        if (in_number && value > 1) { kill((pid_t)value, SIGKILL); count++; }
        value = 0;
        in_number = 0;
    }
    return count;
}

int arena_pipe(int fds[2], int nonblocking) {
    return pipe2(fds, O_CLOEXEC | (nonblocking ? O_NONBLOCK : 0));
}

int arena_open_path(const char *path, int directory) {
    return open(path, O_PATH | O_CLOEXEC | (directory ? O_DIRECTORY : 0));
}

int arena_rlimit_nproc(void) { return RLIMIT_NPROC; }

int arena_mknod_char(const char *path, unsigned major, unsigned minor) {
    return mknod(path, S_IFCHR | 0666, makedev(major, minor));
}

int arena_is_nodev(const char *path) {
    struct statvfs fs;
    if (statvfs(path, &fs) != 0) return -1;
    return (fs.f_flag & ST_NODEV) ? 1 : 0;
}

static char *tree_to_remove;

static int remove_entry(const char *path, const struct stat *info, int type, struct FTW *ftw) {
    (void)info; (void)ftw;
    if (type == FTW_DP) rmdir(path); else unlink(path);
    return 0;
}

static void remove_tree(void) {
    if (tree_to_remove != NULL) nftw(tree_to_remove, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

void arena_remove_tree_at_exit(const char *path) {
    if (tree_to_remove == NULL) atexit(remove_tree);
    free(tree_to_remove);
    tree_to_remove = strdup(path);
}
