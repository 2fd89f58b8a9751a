/* emit.h - text output for the generator: a growing buffer
 * and atomic file writes. */
#ifndef VSSAGEN_EMIT_H
#define VSSAGEN_EMIT_H

#include <stddef.h>

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

/* Files written whole or not at all: atomic_prepare() writes every buffer
 * to a temporary beside its path, atomic_commit() renames them all into
 * place, atomic_abort() removes them. Errors go to err (size 256). */
#define ATOMIC_MAX 4
typedef struct {
    int n;
    const char *path[ATOMIC_MAX];
    char tmp[ATOMIC_MAX][4096];
} atomic_set;

int atomic_prepare(atomic_set *set, const char *const *paths,
                   const strbuf *const *bufs, int n, char *err);
int atomic_commit(atomic_set *set, char *err);
void atomic_abort(atomic_set *set);

#endif
