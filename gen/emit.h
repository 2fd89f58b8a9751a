/* emit.h - text output for the generator: a growing buffer, template
 * expansion with ${NAME} placeholders, and atomic file writes. */
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
void sb_printf(strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A placeholder and its replacement text. */
typedef struct {
    const char *name;
    const char *value;
} tpl_var;

/* Append tpl with every ${NAME} replaced. An unknown name is a generator bug:
 * returns -1 with the name in err (size 256). */
int sb_template(strbuf *sb, const char *tpl, const tpl_var *vars, size_t nvars,
                char *err);

/* Write the buffers to their paths so that each file either appears whole or
 * is left untouched: all temporaries are written first, then renamed.
 * Returns 0, or -1 with a message in err (size 256). */
int write_files_atomic(const char *const *paths, const strbuf *const *bufs,
                       int n, char *err);

#endif
