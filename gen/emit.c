/* SPDX-License-Identifier: MIT */
/* emit.c - growing text buffer and atomic writes. */
#define _POSIX_C_SOURCE 200809L
#define _XOPEN_SOURCE 700   /* realpath */
#include "emit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int sb_reserve(strbuf *sb, size_t extra)
{
    if (sb->failed)
        return -1;
    if (sb->len + extra + 1 <= sb->cap)
        return 0;
    size_t cap = sb->cap ? sb->cap : 4096;
    while (cap < sb->len + extra + 1)
        cap *= 2;
    char *p = realloc(sb->buf, cap);
    if (!p) {
        sb->failed = 1;
        return -1;
    }
    sb->buf = p;
    sb->cap = cap;
    return 0;
}

void sb_put(strbuf *sb, const char *s, size_t n)
{
    if (sb_reserve(sb, n))
        return;
    memcpy(sb->buf + sb->len, s, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

void sb_free(strbuf *sb)
{
    free(sb->buf);
    sb->buf = NULL;
    sb->len = sb->cap = 0;
}

void sb_puts(strbuf *sb, const char *s) { sb_put(sb, s, strlen(s)); }

void sb_printf(strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || sb_reserve(sb, (size_t)n)) {
        sb->failed = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

static int failf(char *err, const char *path, const char *why)
{
    snprintf(err, 256, "cannot write '%.180s': %s", path, why);
    return -1;
}

void atomic_init(atomic_set *set) { set->n = 0; }

int out_canonical(const char *path, char *target, size_t size)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char dir[4096], real[4096];
    size_t dl = slash ? (size_t)(slash - path) : 1;
    if (*base == '\0' || !strcmp(base, ".") || !strcmp(base, "..")) {
        errno = EISDIR;
        return -1;
    }
    if (dl >= sizeof dir) {
        errno = ENAMETOOLONG;
        return -1;
    }
    if (slash)
        memcpy(dir, path, dl);
    else
        dir[0] = '.';
    dir[dl] = '\0';
    if (dl == 0)
        strcpy(dir, "/");
    if (!realpath(dir, real))
        return -1;
    if ((size_t)snprintf(target, size, "%s/%s", strcmp(real, "/") ? real : "", base) >= size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

int out_add(atomic_set *set, const char *path, char *err)
{
    if (set->n >= ATOMIC_MAX) {
        snprintf(err, 256, "internal: too many output files");
        atomic_abort(set);
        return -1;
    }
    out_file *f = &set->f[set->n];
    struct stat st;
    mode_t mask = umask(0);
    umask(mask);
    mode_t mode = 0666 & ~mask;
    f->path = path;
    f->direct = 0;
    f->fp = NULL;
    f->fd = -1;
    if (lstat(path, &st) == 0) {
        /* An existing file (a link: its final target) is written in place. */
        if (!realpath(path, f->target)) {
            /* /dev/stdout on a pipe links to "pipe:[N]", which has no path
             * but opens: a non-regular file written through by its name. */
            int e = errno;
            if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode) &&
                strlen(path) < sizeof f->target) {
                strcpy(f->target, path);
            } else {
                atomic_abort(set);
                return failf(err, path, e == ENOENT ? "a symbolic link to nothing" : strerror(e));
            }
        }
        if (stat(f->target, &st) != 0 || access(f->target, W_OK) != 0) {
            int e = errno;
            atomic_abort(set);
            return failf(err, path, strerror(e));
        }
        if (S_ISDIR(st.st_mode)) {
            atomic_abort(set);
            return failf(err, path, strerror(EISDIR));
        }
        f->direct = !S_ISREG(st.st_mode);
        mode = st.st_mode & 07777;
    } else if (errno != ENOENT || out_canonical(path, f->target, sizeof f->target) != 0) {
        int e = errno;
        atomic_abort(set);
        return failf(err, path, strerror(e));
    }
    for (int i = 0; i < set->n; i++) {
        if (!f->direct && !set->f[i].direct && !strcmp(set->f[i].target, f->target)) {
            snprintf(err, 256, "'%.100s' and '%.100s' name the same file", set->f[i].path, path);
            atomic_abort(set);
            return -1;
        }
    }
    const char *tmpdir = getenv("TMPDIR");
    const char *dir = f->direct ? (tmpdir && *tmpdir ? tmpdir : "/tmp") : f->target;
    const char *suffix = f->direct ? "/vssa-out.XXXXXX" : ".tmp.XXXXXX";
    size_t dl = strlen(dir);
    if (dl + strlen(suffix) < sizeof f->tmp) {
        memmove(f->tmp, dir, dl);
        strcpy(f->tmp + dl, suffix);
    } else {
        atomic_abort(set);
        return failf(err, path, strerror(ENAMETOOLONG));
    }
    f->fd = mkstemp(f->tmp);
    if (f->fd < 0) {
        int e = errno;
        atomic_abort(set);
        return failf(err, path, strerror(e));
    }
    set->n++;
    /* mkstemp makes the file private; give it the mode the file would have. */
    if (!f->direct && fchmod(f->fd, mode) != 0) {
        int e = errno;
        atomic_abort(set);
        return failf(err, path, strerror(e));
    }
    return set->n - 1;
}

int out_write(atomic_set *set, int i, const void *data, size_t len, char *err)
{
    out_file *f = &set->f[i];
    const char *p = data;
    while (len > 0) {
        ssize_t w = write(f->fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0) {
            int e = errno;
            atomic_abort(set);
            return failf(err, f->path, strerror(e));
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

FILE *out_stream(atomic_set *set, int i, char *err)
{
    out_file *f = &set->f[i];
    if (!f->fp && !(f->fp = fdopen(f->fd, "w"))) {
        int e = errno;
        atomic_abort(set);
        failf(err, f->path, strerror(e));
        return NULL;
    }
    return f->fp;
}

const char *out_tmp_path(const atomic_set *set, int i) { return set->f[i].tmp; }

int atomic_prepare(atomic_set *set, const char *const *paths,
                   const strbuf *const *bufs, int n, char *err)
{
    atomic_init(set);
    for (int i = 0; i < n; i++) {
        int k = out_add(set, paths[i], err);
        if (k < 0 || out_write(set, k, bufs[i]->buf, bufs[i]->len, err))
            return -1;
    }
    return 0;
}

/* Closes file f's temporary, flushed to disk when it is to be renamed. */
static int close_tmp(out_file *f, char *err)
{
    int bad = 0, e = 0;
    if (f->fp) {
        bad = fflush(f->fp) != 0 || ferror(f->fp);
        e = errno;
        if (!bad && !f->direct && fsync(fileno(f->fp)) != 0)
            bad = 1, e = errno;
        if (fclose(f->fp) != 0 && !bad)
            bad = 1, e = errno;
    } else if (f->fd >= 0) {
        if (!f->direct && fsync(f->fd) != 0)
            bad = 1, e = errno;
        if (close(f->fd) != 0 && !bad)
            bad = 1, e = errno;
    }
    f->fp = NULL;
    f->fd = -1;
    return bad ? failf(err, f->path, strerror(e ? e : EIO)) : 0;
}

/* Copies the temporary into a non-regular target, which is neither
 * created nor truncated (a device or a FIFO has nothing to truncate). */
static int copy_into(const out_file *f, char *err)
{
    int in = open(f->tmp, O_RDONLY);
    if (in < 0)
        return failf(err, f->path, strerror(errno));
    int out = open(f->target, O_WRONLY | O_NOCTTY);
    if (out < 0) {
        int e = errno;
        close(in);
        return failf(err, f->path, strerror(e));
    }
    char buf[65536];
    int rc = 0;
    for (;;) {
        ssize_t r = read(in, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            if (r < 0)
                rc = failf(err, f->path, strerror(errno));
            break;
        }
        for (ssize_t off = 0; off < r && rc == 0;) {
            ssize_t w = write(out, buf + off, (size_t)(r - off));
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0)
                rc = failf(err, f->path, strerror(errno));
            else
                off += w;
        }
        if (rc)
            break;
    }
    close(in);
    if (close(out) != 0 && rc == 0)
        rc = failf(err, f->path, strerror(errno));
    return rc;
}

int atomic_commit(atomic_set *set, char *err)
{
    int rc = 0;
    for (int i = 0; i < set->n && rc == 0; i++)
        rc = close_tmp(&set->f[i], err);
    /* Devices and FIFOs first: they are the writes that can still fail. */
    for (int i = 0; i < set->n && rc == 0; i++)
        if (set->f[i].direct)
            rc = copy_into(&set->f[i], err);
    for (int i = 0; i < set->n && rc == 0; i++) {
        out_file *f = &set->f[i];
        if (!f->direct && rename(f->tmp, f->target) != 0)
            rc = failf(err, f->path, strerror(errno));
        else if (!f->direct)
            f->tmp[0] = '\0';   /* in place: nothing to remove */
    }
    atomic_abort(set);
    return rc;
}

void atomic_abort(atomic_set *set)
{
    for (int i = 0; i < set->n; i++) {
        out_file *f = &set->f[i];
        if (f->fp)
            fclose(f->fp);
        else if (f->fd >= 0)
            close(f->fd);
        f->fp = NULL;
        f->fd = -1;
        if (f->tmp[0])
            unlink(f->tmp);
        f->tmp[0] = '\0';
    }
    set->n = 0;
}
