/* SPDX-License-Identifier: MIT */
/* fstcheck_gtkw.c - the GTKWave save file vssa-fstcheck --gtkw reads (see
 * fstcheck_gtkw.h): read whole within a size limit, each line checked
 * before anything of it is kept. */
#define _POSIX_C_SOURCE 200809L
#include "fstcheck_gtkw.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(char *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(char *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, FG_ERR_MAX, fmt, ap);
    va_end(ap);
    return -1;
}

/* The whole file, NUL-terminated, in *buf (n bytes): 0 or -1. */
static int slurp(const char *path, char **buf, size_t *n, char *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail(err, "cannot read save file '%s': %s", path, strerror(errno));
    char *b = malloc(FG_FILE_MAX + 1);
    size_t got = b ? fread(b, 1, FG_FILE_MAX + 1, f) : 0;
    int bad = !b || ferror(f);
    fclose(f);
    if (bad || got > FG_FILE_MAX || memchr(b, 0, got)) {
        free(b);
        return fail(err, "%s: %s", path, !b ? "out of memory" : got > FG_FILE_MAX
                    ? "larger than 16 MiB" : bad ? "read error" : "a NUL byte");
    }
    b[got] = 0;
    *buf = b;
    *n = got;
    return 0;
}

static int add_ref(fg_save *g, const char *name, size_t len, long bit, int line)
{
    fg_ref *v = realloc(g->v, sizeof *v * (g->n + 1));
    char *s = v ? malloc(len + 1) : NULL;
    if (v)
        g->v = v;
    if (!s)
        return -1;
    memcpy(s, name, len);
    s[len] = 0;
    g->v[g->n++] = (fg_ref){s, bit, line, 0};
    return 0;
}

/* One signal reference of len bytes at p: NAME or (N)NAME. 0, -1 if
 * malformed, -2 out of memory. */
static int ref(fg_save *g, const char *p, size_t len, int line)
{
    long bit = -1;
    if (len > 0 && *p == '(') {
        size_t i = 1;
        bit = 0;
        for (; i < len && p[i] >= '0' && p[i] <= '9' && bit <= 100000000; i++)
            bit = bit * 10 + (p[i] - '0');
        if (i == 1 || i >= len || p[i] != ')' || bit > 100000000)
            return -1;
        p += i + 1;
        len -= i + 1;
    }
    if (len == 0 || memchr(p, ' ', len) || memchr(p, '{', len) || memchr(p, '}', len))
        return -1;
    return add_ref(g, p, len, bit, line) ? -2 : 0;
}

/* The references of a trace line: 0, -1 if malformed, -2 out of memory. */
static int trace_line(fg_save *g, const char *s, int line)
{
    int many = *s == '#';
    if (*s == '+' || *s == '#') {   /* +{ALIAS} REF, #{ALIAS} REF REF ... */
        const char *close = s[1] == '{' ? strchr(s, '}') : NULL;
        if (!close || close[1] != ' ')
            return -1;
        s = close + 2;
    }
    int refs = 0;
    while (*s) {
        size_t len = strcspn(s, " ");
        int rc = ref(g, s, len, line);
        if (rc)
            return rc;
        refs++;
        s += len;
        if (*s == ' ' && *++s == 0)
            return -1;   /* a trailing space */
    }
    return refs == 1 || (many && refs > 0) ? 0 : -1;
}

/* "*ZOOM MARKER ...": the primary marker, -1 for none. */
static int view_line(fg_save *g, const char *s)
{
    char *end;
    errno = 0;
    strtod(s + 1, &end);
    if (end == s + 1 || errno)
        return -1;
    if (*end == 0)
        return 0;
    if (*end != ' ')
        return -1;
    const char *m = end + 1;
    long long x = strtoll(m, &end, 10);
    if (end == m || errno || (*end != 0 && *end != ' ') || x < -1)
        return -1;
    g->marker = x;
    return 0;
}

static int dump_line(fg_save *g, const char *s)
{
    static const char key[] = "[dumpfile] \"";
    if (strncmp(s, key, sizeof key - 1) != 0)
        return 0;   /* another setting */
    const char *p = s + sizeof key - 1, *q = strchr(p, '"');
    if (!q || q[1] != 0 || q == p || g->dumpfile)
        return -1;
    if (!(g->dumpfile = strndup(p, (size_t)(q - p))))
        return -2;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const fg_ref *)a)->name, ((const fg_ref *)b)->name);
}

int fg_read(const char *path, fg_save *g, char *err)
{
    char *buf = NULL;
    size_t n = 0;
    *g = (fg_save){NULL, 0, NULL, -1};
    if (slurp(path, &buf, &n, err))
        return -1;
    int rc = 0, line = 0;
    for (char *s = buf; rc == 0 && s < buf + n;) {
        char *nl = strchr(s, '\n');
        if (nl)
            *nl = 0;
        line++;
        if (*s == '[')
            rc = dump_line(g, s);
        else if (*s == '*')
            rc = view_line(g, s);
        else if (*s != 0 && *s != '@' && *s != '-')
            rc = trace_line(g, s, line);
        s = nl ? nl + 1 : buf + n;
    }
    free(buf);
    if (rc) {
        fg_free(g);
        return fail(err, rc == -2 ? "%s:%d: out of memory" : "%s:%d: not a save file line",
                    path, line);
    }
    qsort(g->v, g->n, sizeof *g->v, by_name);
    return 0;
}

void fg_free(fg_save *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->v[i].name);
    free(g->v);
    free(g->dumpfile);
    *g = (fg_save){NULL, 0, NULL, -1};
}

void fg_mark(fg_save *g, const char *name, uint32_t length)
{
    fg_ref key = {(char *)name, 0, 0, 0};
    fg_ref *hit = g->n ? bsearch(&key, g->v, g->n, sizeof *g->v, by_name) : NULL;
    if (!hit)
        return;
    while (hit > g->v && strcmp(hit[-1].name, name) == 0)
        hit--;
    for (; hit < g->v + g->n && strcmp(hit->name, name) == 0; hit++)
        hit->length = length;
}
