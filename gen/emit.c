/* emit.c - growing text buffer and atomic writes. */
#define _POSIX_C_SOURCE 200809L
#include "emit.h"

#include <errno.h>
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

static int write_temp(const char *path, const strbuf *sb, char *tmp, size_t tmpsz,
                      char *err)
{
    snprintf(tmp, tmpsz, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, 256, "cannot create '%s': %s", path, strerror(errno));
        return -1;
    }
    /* mkstemp makes the file private; give it the mode a plain create would. */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0) {
        snprintf(err, 256, "cannot write '%s': %s", path, strerror(errno));
        close(fd);
        unlink(tmp);
        return -1;
    }
    size_t off = 0;
    while (off < sb->len) {
        ssize_t w = write(fd, sb->buf + off, sb->len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            snprintf(err, 256, "cannot write '%s': %s", path, strerror(errno));
            close(fd);
            unlink(tmp);
            return -1;
        }
        off += (size_t)w;
    }
    if (fsync(fd) != 0 || close(fd) != 0) {
        snprintf(err, 256, "cannot write '%s': %s", path, strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}

int atomic_prepare(atomic_set *set, const char *const *paths,
                   const strbuf *const *bufs, int n, char *err)
{
    set->n = 0;
    if (n > ATOMIC_MAX) {
        snprintf(err, 256, "internal: too many output files");
        return -1;
    }
    for (int i = 0; i < n; i++) {
        if (strlen(paths[i]) + 16 > sizeof set->tmp[i]) {
            snprintf(err, 256, "output path too long: '%.64s...'", paths[i]);
            atomic_abort(set);
            return -1;
        }
        if (write_temp(paths[i], bufs[i], set->tmp[i], sizeof set->tmp[i], err)) {
            atomic_abort(set);
            return -1;
        }
        set->path[i] = paths[i];
        set->n = i + 1;
    }
    return 0;
}

int atomic_commit(atomic_set *set, char *err)
{
    for (int i = 0; i < set->n; i++) {
        if (rename(set->tmp[i], set->path[i]) != 0) {
            snprintf(err, 256, "cannot write '%s': %s", set->path[i], strerror(errno));
            for (int j = i; j < set->n; j++)
                unlink(set->tmp[j]);
            set->n = 0;
            return -1;
        }
    }
    set->n = 0;
    return 0;
}

void atomic_abort(atomic_set *set)
{
    for (int i = 0; i < set->n; i++)
        unlink(set->tmp[i]);
    set->n = 0;
}
