/* SPDX-License-Identifier: MIT */
/* emit.h - text output for the generator: a growing buffer
 * and atomic file writes. */
#ifndef VSSAGEN_EMIT_H
#define VSSAGEN_EMIT_H

#include <stddef.h>
#include <stdio.h>

typedef struct {
    char *buf;
    size_t len, cap;
    int failed;      /* an allocation failed; the text is incomplete */
} strbuf;

void sb_free(strbuf *sb);
void sb_puts(strbuf *sb, const char *s);
void sb_put(strbuf *sb, const char *s, size_t n);
void sb_printf(strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Output files, whole or not at all, under one rule for every tool
 * (docs/generator.md, "Output files"):
 *  - a new path, or an existing regular file: written to a temporary
 *    beside it (NAME.tmp.XXXXXX) that the commit renames over it; an
 *    existing file keeps its permission bits;
 *  - a symbolic link to a regular file: the same beside the link's final
 *    target, which the rename replaces, so the link survives;
 *  - an existing file that is not regular (a device such as /dev/null, a
 *    FIFO): written to a private temporary in $TMPDIR (else /tmp) that the
 *    commit copies into it, opened for writing without creating or
 *    truncating; it is never replaced by a regular file;
 *  - a directory, a dangling link, a missing directory or two paths naming
 *    one file: refused by out_add.
 * The commit writes the non-regular targets first, then renames; any
 * failure removes every temporary not yet renamed. Errors go to err (size
 * 256) as "cannot write 'PATH': reason". */
#define ATOMIC_MAX 10   /* vssa-sim: seven files, the waveform's two save files */
typedef struct {
    const char *path;        /* as given, for messages */
    char target[4096];       /* the file written: the path, or a link's final target */
    char tmp[4096];          /* the temporary */
    int fd;                  /* the temporary, open for writing (-1: closed) */
    FILE *fp;                /* out_stream()'s stream on fd, or NULL */
    int direct;              /* not a regular file: copied into at the commit */
} out_file;

typedef struct {
    int n;
    out_file f[ATOMIC_MAX];
} atomic_set;

/* Starts an empty set. */
void atomic_init(atomic_set *set);
/* Adds path: its temporary is created and open. Returns its index, or -1
 * after aborting the whole set. */
int out_add(atomic_set *set, const char *path, char *err);
/* Appends len bytes to file i's temporary; -1 (set aborted) on failure. */
int out_write(atomic_set *set, int i, const void *data, size_t len, char *err);
/* A stdio stream on file i's temporary, owned by the set (closed and
 * checked by the commit); NULL (set aborted) on failure. */
FILE *out_stream(atomic_set *set, int i, char *err);
/* The temporary's name, for writers that open it by name themselves. */
const char *out_tmp_path(const atomic_set *set, int i);
/* The canonical name of path as out_add names a new file: its directory's
 * real path and its last component, a link it names itself not followed.
 * -1 with errno set (EISDIR: no last component, as in "d/" or ".."). */
int out_canonical(const char *path, char *target, size_t size);

/* atomic_init, then out_add and out_write for every buffer. */
int atomic_prepare(atomic_set *set, const char *const *paths,
                   const strbuf *const *bufs, int n, char *err);
/* Puts every file in place; on failure removes what is left. */
int atomic_commit(atomic_set *set, char *err);
/* Removes every temporary; the targets are as they were. */
void atomic_abort(atomic_set *set);

#endif
