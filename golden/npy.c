/* SPDX-License-Identifier: MIT */
/* npy.c - .npy reader and writer (see npy.h). */
#include "npy.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct {
    const char *name;
    size_t size;
} dtypes[] = {
    {"i1", 1}, {"u1", 1}, {"i2", 2}, {"u2", 2}, {"i4", 4},
    {"u4", 4}, {"i8", 8}, {"u8", 8}, {"f4", 4}, {"f8", 8},
};

#define HEADER_MAX 65536

const char *npy_dtype_name(npy_dtype t)
{
    return dtypes[t].name;
}

int npy_is_int(npy_dtype t)
{
    return t != NPY_F4 && t != NPY_F8;
}

static int fail(char *err, const char *path, const char *what)
{
    snprintf(err, NPY_ERR_MAX, "%.120s: %.120s", path, what);
    return -1;
}

/* The header is a Python dict literal, which numpy reads with
 * ast.literal_eval. This is the subset numpy itself writes, parsed exactly:
 * keys and strings in single or double quotes without escapes, True/False,
 * tuples of unsigned decimal integers; anything else is refused rather than
 * read differently from numpy (a duplicate key, which numpy would resolve to
 * its last value, is refused outright). */
typedef struct {
    const char *p, *end;
    char *why;             /* NPY_ERR_MAX bytes: what is wrong, on failure */
} scan;

static int bad(scan *s, const char *what)
{
    snprintf(s->why, NPY_ERR_MAX, "malformed header: %s", what);
    return -1;
}

static void skip_space(scan *s)
{
    while (s->p < s->end && (*s->p == ' ' || *s->p == '\t'))
        s->p++;
}

static int peek(scan *s, char c)
{
    skip_space(s);
    return s->p < s->end && *s->p == c;
}

static int eat(scan *s, char c)
{
    if (!peek(s, c))
        return 0;
    s->p++;
    return 1;
}

/* Whether the next character continues a name or a number. */
static int word_char(const scan *s)
{
    return s->p < s->end && (isalnum((unsigned char)*s->p) || *s->p == '_' || *s->p == '.');
}

/* A quoted string of printable characters other than backslash. */
static int quoted(scan *s, const char **str, size_t *len)
{
    skip_space(s);
    if (s->p >= s->end || (*s->p != '\'' && *s->p != '"'))
        return 0;
    char q = *s->p++;
    *str = s->p;
    while (s->p < s->end && *s->p != q) {
        if (*s->p == '\\' || !isprint((unsigned char)*s->p))
            return 0;
        s->p++;
    }
    if (s->p >= s->end)
        return 0;
    *len = (size_t)(s->p++ - *str);
    return !peek(s, '\'') && !peek(s, '"');   /* no implicit concatenation */
}

static int keyword(scan *s, const char *w)
{
    size_t l = strlen(w);
    skip_space(s);
    if ((size_t)(s->end - s->p) < l || memcmp(s->p, w, l) != 0)
        return 0;
    s->p += l;
    return !word_char(s);
}

/* An unsigned decimal integer as Python writes one: no sign, no leading
 * zero, no underscore; at most 2^62. */
static int number(scan *s, uint64_t *x)
{
    skip_space(s);
    const char *b = s->p;
    *x = 0;
    while (s->p < s->end && isdigit((unsigned char)*s->p)) {
        if (*x > ((uint64_t)1 << 62) / 10)
            return 0;
        *x = *x * 10 + (uint64_t)(*s->p++ - '0');
        if (*x > (uint64_t)1 << 62)
            return 0;
    }
    return s->p > b && !(*b == '0' && s->p - b > 1) && !word_char(s);
}

/* (), (n,), (n, m) and longer, with an optional trailing comma after the
 * last of two or more; ndim counts every dimension, shape holds two. */
static int parse_shape(scan *s, npy_array *a, int *ndim)
{
    if (!eat(s, '('))
        return bad(s, "shape is not a tuple");
    *ndim = 0;
    while (!eat(s, ')')) {
        uint64_t x;
        if (!number(s, &x))
            return bad(s, "shape holds something other than unsigned integers");
        if (*ndim < 2)
            a->shape[*ndim] = (size_t)x;
        if (++*ndim > 32)
            return bad(s, "shape has more than 32 dimensions");
        if (!eat(s, ',')) {
            if (!eat(s, ')'))
                return bad(s, "shape is not a tuple");
            if (*ndim == 1)   /* (n) is an integer, not a tuple */
                return bad(s, "shape is not a tuple");
            break;
        }
    }
    return 0;
}

static int parse_descr(const char *v, size_t len, npy_dtype *t)
{
    if (len < 2)
        return -1;
    char order = v[0];
    if (order != '<' && order != '|' && order != '=')
        return -1;
    for (size_t i = 0; i < sizeof dtypes / sizeof dtypes[0]; i++) {
        if (len - 1 == strlen(dtypes[i].name) && memcmp(v + 1, dtypes[i].name, len - 1) == 0) {
            /* '|' is for byte-order-free dtypes only. */
            if (order == '|' && dtypes[i].size != 1)
                return -1;
            *t = (npy_dtype)i;
            return 0;
        }
    }
    return -1;
}

/* The dict: exactly descr, fortran_order and shape, each once, in any
 * order, an optional comma after the last; then only spaces up to the
 * header's final newline. */
static int parse_header(scan *s, npy_array *a)
{
    static const char *const keys[3] = {"descr", "fortran_order", "shape"};
    const char *descr = NULL;
    size_t descr_len = 0;
    int seen[3] = {0}, fortran = 0, ndim = 0;
    if (!eat(s, '{'))
        return bad(s, "not a dict");
    while (!eat(s, '}')) {
        const char *k;
        size_t kl;
        int i;
        if (!quoted(s, &k, &kl))
            return bad(s, "a key is not a quoted string");
        for (i = 0; i < 3 && !(strlen(keys[i]) == kl && memcmp(keys[i], k, kl) == 0); i++)
            ;
        if (i == 3) {
            snprintf(s->why, NPY_ERR_MAX, "malformed header: unknown key '%.*s'",
                     (int)(kl < 40 ? kl : 40), k);
            return -1;
        }
        if (seen[i]++) {
            snprintf(s->why, NPY_ERR_MAX, "malformed header: key '%s' given twice", keys[i]);
            return -1;
        }
        if (!eat(s, ':'))
            return bad(s, "no ':' after a key");
        if (i == 0 && !quoted(s, &descr, &descr_len))
            return bad(s, "descr is not a quoted string");
        if (i == 1 && !(keyword(s, "True") && (fortran = 1)) && !keyword(s, "False"))
            return bad(s, "fortran_order is not True or False");
        if (i == 2 && parse_shape(s, a, &ndim))
            return -1;
        if (!eat(s, ',') && !peek(s, '}'))
            return bad(s, "no ',' or '}' after a value");
    }
    while (s->p < s->end && *s->p == ' ')
        s->p++;
    if (s->end - s->p != 1 || *s->p != '\n')
        return bad(s, "text after the dict other than spaces and the final newline");
    for (int i = 0; i < 3; i++) {
        if (!seen[i]) {
            snprintf(s->why, NPY_ERR_MAX, "malformed header: no key '%s'", keys[i]);
            return -1;
        }
    }
    if (parse_descr(descr, descr_len, &a->dtype)) {
        snprintf(s->why, NPY_ERR_MAX, "dtype '%.*s' is not a little-endian i1 u1 i2 u2 i4 u4 "
                 "i8 u8 f4 or f8", (int)(descr_len < 40 ? descr_len : 40), descr);
        return -1;
    }
    if (fortran) {
        snprintf(s->why, NPY_ERR_MAX, "a Fortran-order array: only C-order is read");
        return -1;
    }
    if (ndim < 1 || ndim > 2) {
        snprintf(s->why, NPY_ERR_MAX, "a %d-D array: only 1-D or 2-D are read", ndim);
        return -1;
    }
    a->ndim = ndim;
    if (ndim == 1)
        a->shape[1] = 1;
    return 0;
}

/* Checks the preamble and header of the file image buf[0..len), and, if
 * whole, that the data that follows has exactly the size the shape
 * declares; sets everything in a but data, and *off, the data's offset.
 * Nothing is allocated, whatever the header declares. */
static int parse_image(const unsigned char *buf, size_t len, const char *name, npy_array *a,
                       size_t *off, int whole, char *err)
{
    memset(a, 0, sizeof *a);
    if (len < 8 || memcmp(buf, "\x93NUMPY", 6) != 0)
        return fail(err, name, "not a .npy file (bad magic)");
    if (buf[6] < 1 || buf[6] > 3 || buf[7] != 0)
        return fail(err, name, "unsupported .npy format version (1.0, 2.0 and 3.0 are read)");
    size_t lw = buf[6] == 1 ? 2 : 4;   /* 1.0: a 16-bit header length; 2.0, 3.0: 32 */
    if (len < 8 + lw)
        return fail(err, name, "truncated header");
    size_t hlen = buf[8] | (size_t)buf[9] << 8;
    if (lw == 4)
        hlen |= (size_t)buf[10] << 16 | (size_t)buf[11] << 24;
    if (hlen == 0 || hlen >= HEADER_MAX)
        return fail(err, name, "header length out of range");
    if (len - 8 - lw < hlen)
        return fail(err, name, "truncated header");
    char why[NPY_ERR_MAX];
    scan s = {(const char *)buf + 8 + lw, (const char *)buf + 8 + lw + hlen, why};
    if (parse_header(&s, a))
        return fail(err, name, why);
    *off = 8 + lw + hlen;
    /* the data's size, checked for overflow, against what the file holds */
    size_t have = len - *off, size = dtypes[a->dtype].size, bytes;
    if (__builtin_mul_overflow(a->shape[0], a->shape[1], &a->count) ||
        __builtin_mul_overflow(a->count, size, &bytes)) {
        snprintf(err, NPY_ERR_MAX, "%.120s: shape (%zu, %zu) is too large", name, a->shape[0],
                 a->shape[1]);
        return -1;
    }
    if (whole && have != bytes) {
        snprintf(err, NPY_ERR_MAX, "%.120s: %s: the file holds %zu bytes of data, the shape "
                 "needs %zu", name, have < bytes ? "truncated data" : "trailing bytes after the data",
                 have, bytes);
        return -1;
    }
    return 0;
}

int npy_parse(const void *buf, size_t len, const char *name, npy_array *a, char *err)
{
    size_t off;
    if (parse_image(buf, len, name, a, &off, 1, err))
        return -1;
    size_t bytes = a->count * dtypes[a->dtype].size;
    if (!(a->data = malloc(bytes + 1))) {
        memset(a, 0, sizeof *a);
        return fail(err, name, "out of memory");
    }
    memcpy(a->data, (const unsigned char *)buf + off, bytes);
    return 0;
}

/* Reads f's bytes after the first *len into buf (of *cap bytes) until the
 * end of the file or want bytes in all; the buffer doubles as the bytes
 * arrive, so it is never more than twice what the file holds. */
static unsigned char *read_upto(FILE *f, unsigned char *buf, size_t *cap, size_t *len,
                                size_t want)
{
    while (buf && *len == *cap && *cap < want) {
        size_t more = *cap < want / 2 ? 2 * *cap : want;
        unsigned char *b = realloc(buf, more);
        if (!b)
            free(buf);
        buf = b;
        *cap = more;
        if (buf)
            *len += fread(buf + *len, 1, *cap - *len, f);
    }
    return buf;
}

int npy_read(const char *path, npy_array *a, char *err)
{
    memset(a, 0, sizeof *a);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, NPY_ERR_MAX, "%.200s: %s", path, strerror(errno));
        return -1;
    }
    /* the preamble and header first, then the data the header declares
     * and one byte more (to see trailing bytes), as far as the file goes:
     * a pipe or a device never makes it read or allocate more */
    size_t cap = 12 + HEADER_MAX, off, bytes = 0;
    unsigned char *buf = malloc(cap);
    size_t len = buf ? fread(buf, 1, cap, f) : 0;
    int rc = -1;
    if (!buf)
        fail(err, path, "out of memory");
    else if (ferror(f))
        snprintf(err, NPY_ERR_MAX, "%.200s: cannot read: %s", path, strerror(errno));
    else if (parse_image(buf, len, path, a, &off, 0, err) == 0) {
        bytes = a->count * dtypes[a->dtype].size;
        if (bytes < SIZE_MAX - off - 1 &&
            !(buf = read_upto(f, buf, &cap, &len, off + bytes + 1)))
            fail(err, path, "out of memory");
        else if (ferror(f))
            snprintf(err, NPY_ERR_MAX, "%.200s: cannot read: %s", path, strerror(errno));
        else
            rc = parse_image(buf, len, path, a, &off, 1, err);
    }
    fclose(f);
    if (rc) {
        free(buf);
        memset(a, 0, sizeof *a);
        return -1;
    }
    /* the data moves to the front of the file's buffer */
    memmove(buf, buf + off, bytes);
    unsigned char *data = realloc(buf, bytes + 1);
    a->data = data ? data : buf;
    return 0;
}

void npy_free(npy_array *a)
{
    free(a->data);
    a->data = NULL;
}

double npy_value(const npy_array *a, size_t i)
{
    const void *p = (const char *)a->data + i * dtypes[a->dtype].size;
    switch (a->dtype) {
    case NPY_I1: return *(const int8_t *)p;
    case NPY_U1: return *(const uint8_t *)p;
    case NPY_I2: { int16_t v; memcpy(&v, p, 2); return v; }
    case NPY_U2: { uint16_t v; memcpy(&v, p, 2); return v; }
    case NPY_I4: { int32_t v; memcpy(&v, p, 4); return v; }
    case NPY_U4: { uint32_t v; memcpy(&v, p, 4); return v; }
    case NPY_I8: { int64_t v; memcpy(&v, p, 8); return (double)v; }
    case NPY_U8: { uint64_t v; memcpy(&v, p, 8); return (double)v; }
    case NPY_F4: { float v; memcpy(&v, p, 4); return v; }
    case NPY_F8: { double v; memcpy(&v, p, 8); return v; }
    }
    return 0.0;
}

int npy_fwrite(FILE *f, const char *name, npy_dtype t, int ndim, const size_t *shape,
               const void *data, char *err)
{
    char h[128];
    int hl;
    char order = dtypes[t].size == 1 ? '|' : '<';
    if (ndim == 1)
        hl = snprintf(h, sizeof h, "{'descr': '%c%s', 'fortran_order': False, 'shape': (%zu,), }",
                      order, dtypes[t].name, shape[0]);
    else
        hl = snprintf(h, sizeof h, "{'descr': '%c%s', 'fortran_order': False, 'shape': (%zu, %zu), }",
                      order, dtypes[t].name, shape[0], shape[1]);
    /* Pad with spaces so that the data starts on a 64-byte boundary. */
    int total = 10 + hl + 1;
    int pad = (64 - total % 64) % 64;
    size_t count = ndim == 1 ? shape[0] : shape[0] * shape[1];
    unsigned len = (unsigned)(hl + pad + 1);
    unsigned char pre[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                             (unsigned char)(len & 0xff), (unsigned char)(len >> 8)};
    int ok = fwrite(pre, 1, 10, f) == 10 && fwrite(h, 1, (size_t)hl, f) == (size_t)hl;
    for (int i = 0; ok && i < pad; i++)
        ok = fputc(' ', f) != EOF;
    ok = ok && fputc('\n', f) != EOF;
    ok = ok && fwrite(data, dtypes[t].size, count, f) == count;
    if (!ok) {
        snprintf(err, NPY_ERR_MAX, "%.200s: write failed: %s", name, strerror(errno));
        return -1;
    }
    return 0;
}

int npy_write(const char *path, npy_dtype t, int ndim, const size_t *shape,
              const void *data, char *err)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid()) >= (int)sizeof tmp)
        return fail(err, path, "path too long");
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        snprintf(err, NPY_ERR_MAX, "%.200s: %s", path, strerror(errno));
        return -1;
    }
    int ok = npy_fwrite(f, path, t, ndim, shape, data, err) == 0;
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, path) != 0) {
        snprintf(err, NPY_ERR_MAX, "%.200s: write failed: %s", path, strerror(errno));
        remove(tmp);
        return -1;
    }
    return 0;
}
