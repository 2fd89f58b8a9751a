/* SPDX-License-Identifier: MIT */
/* fstcheck_files.c - vssa-fstcheck's beats and cycle-model files (see
 * fstcheck_files.h). Every read is bounded: a line is read byte by byte
 * into a fixed buffer, and each field is checked before it is stored. */
#include "fstcheck_files.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static const char *const commands[4] = {NULL, "clear", "rank", "top"};

const char *fc_command_name(int command)
{
    return command >= 1 && command <= 3 ? commands[command] : "?";
}

/* The next line into buf, its newline dropped: 1, 0 at the end of the file,
 * or -1 with the reason in why. */
static int read_line(FILE *f, char *buf, const char **why)
{
    size_t n = 0;
    int c;
    while ((c = getc(f)) != EOF && c != '\n') {
        if (c == 0) {
            *why = "a NUL byte";
            return -1;
        }
        if (n == FC_LINE_MAX - 1) {
            *why = "line longer than 4096 bytes";
            return -1;
        }
        buf[n++] = (char)c;
    }
    buf[n] = 0;
    if (ferror(f)) {
        *why = "read error";
        return -1;
    }
    if (c == EOF && n == 0)
        return 0;
    if (c == EOF) {
        *why = "no newline at the end of the last line";
        return -1;
    }
    return 1;
}

/* A decimal field, then one space (more is 1) or the line's end (more 0). */
static int field(const char **p, uint64_t max, uint64_t *x, int more)
{
    const char *s = *p;
    *x = 0;
    if (*s < '0' || *s > '9')
        return -1;
    for (; *s >= '0' && *s <= '9'; s++) {
        uint64_t d = (uint64_t)(*s - '0');
        if (d > max || *x > (max - d) / 10)
            return -1;
        *x = *x * 10 + d;
    }
    if (more ? *s != ' ' : *s != 0)
        return -1;
    *p = s + more;
    return 0;
}

int fc_digest(FILE *f, uint64_t *size, uint32_t *crc)
{
    unsigned char buf[65536];
    uLong c = crc32(0L, Z_NULL, 0);
    size_t n;
    *size = 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        c = crc32(c, buf, (uInt)n);
        *size += n;
    }
    *crc = (uint32_t)c;
    return ferror(f) ? -1 : 0;
}

/* "wave BYTES CRC32" */
static int parse_wave(const char *line, fc_beats *b)
{
    const char *p = line + 5;
    if (strncmp(line, "wave ", 5) != 0 || field(&p, UINT64_MAX, &b->wave_size, 1) ||
        strlen(p) != 8 || strspn(p, "0123456789abcdef") != 8)
        return -1;
    b->wave_crc = (uint32_t)strtoul(p, NULL, 16);
    b->have_wave = 1;
    return 0;
}

static int parse_beat(const char *line, fc_beat *b)
{
    uint64_t kind, last, qbase, idx;
    const char *p = line;
    if (field(&p, UINT64_MAX, &b->cycle, 1) || field(&p, 3, &kind, 1) ||
        field(&p, 1, &last, 1) || field(&p, UINT32_MAX, &qbase, 1) ||
        field(&p, UINT32_MAX, &idx, 1))
        return -1;
    size_t n = strspn(p, "0123456789abcdef");
    if (n == 0 || p[n] != 0 || !(b->data = malloc(n + 1)))
        return -1;
    memcpy(b->data, p, n + 1);
    b->kind = (int)kind;
    b->last = (int)last;
    b->qbase = (unsigned)qbase;
    b->idx = (unsigned)idx;
    return 0;
}

static int parse_period(const char *line, fc_period *m)
{
    memset(m, 0, sizeof *m);
    if (strncmp(line, "command ", 8) == 0) {
        for (int c = 1; c <= 3; c++)
            if (strcmp(line + 8, commands[c]) == 0)
                m->command = c;
        return m->command ? 0 : -1;
    }
    const char *p = line;
    for (int i = 0; i < FC_MODEL_FIGS; i++)
        if (field(&p, UINT64_MAX, &m->fig[i], i < FC_MODEL_FIGS - 1))
            return -1;
    return 0;
}

/* Reads every line of f through parse into a growing array of size-byte
 * records; parse returns 0 for a record, 1 for a line of no record, -1 for
 * a malformed one. */
static int read_all(FILE *f, const char *name, size_t size,
                    int (*parse)(const char *, void *, void *), void *ctx, const char *format,
                    void **v, size_t *n, char *err)
{
    char line[FC_LINE_MAX];
    size_t cap = 0, lines = 0;
    const char *why = NULL;
    int rc;
    *v = NULL;
    *n = 0;
    while ((rc = read_line(f, line, &why)) == 1) {
        if (*n == cap) {
            void *more = realloc(*v, (cap = cap ? 2 * cap : 256) * size);
            if (!more) {
                snprintf(err, FC_ERR_MAX, "%.300s: out of memory", name);
                return -1;
            }
            *v = more;
        }
        int got = parse(line, (char *)*v + *n * size, ctx);   /* 1: a line of no record */
        if (got < 0) {
            snprintf(err, FC_ERR_MAX, "%.300s:%zu: not %s", name, lines + 1, format);
            return -1;
        }
        lines++;
        *n += got == 0;
    }
    if (rc < 0) {
        snprintf(err, FC_ERR_MAX, "%.300s:%zu: %s", name, lines + 1, why);
        return -1;
    }
    return 0;
}

/* A beat, or the wave line of the beats file ctx, which must be the last. */
static int parse_beat_v(const char *line, void *b, void *ctx)
{
    fc_beats *beats = ctx;
    if (beats->have_wave)
        return -1;
    return strncmp(line, "wave ", 5) == 0 ? (parse_wave(line, beats) ? -1 : 1)
                                         : parse_beat(line, b);
}

static int parse_period_v(const char *line, void *m, void *ctx)
{
    (void)ctx;
    return parse_period(line, m);
}

int fc_read_beats(FILE *f, const char *name, fc_beats *b, char *err)
{
    void *v;
    memset(b, 0, sizeof *b);
    if (read_all(f, name, sizeof *b->v, parse_beat_v, b,
                 "a beat (CYCLE KIND LAST QBASE IDX HEX: decimal, kind 0..3, last 0 or 1, "
                 "lowercase hex) or, last, 'wave BYTES CRC32'", &v, &b->n, err)) {
        b->v = v;
        fc_beats_free(b);
        return -1;
    }
    b->v = v;
    return 0;
}

int fc_read_model(FILE *f, const char *name, fc_model *m, char *err)
{
    void *v;
    int rc = read_all(f, name, sizeof *m->v, parse_period_v, NULL,
                      "a head's eight decimal figures or 'command clear|rank|top'", &v, &m->n,
                      err);
    m->v = v;
    if (rc)
        fc_model_free(m);
    return rc;
}

void fc_beats_free(fc_beats *b)
{
    for (size_t i = 0; i < b->n; i++)
        free(b->v[i].data);
    free(b->v);
    b->v = NULL;
    b->n = 0;
}

void fc_model_free(fc_model *m)
{
    free(m->v);
    m->v = NULL;
    m->n = 0;
}
