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

/* The value of key in a Python dict literal: a pointer just past "'key':". */
static const char *dict_value(const char *h, const char *key)
{
    char pat[32];
    snprintf(pat, sizeof pat, "'%s'", key);
    const char *p = strstr(h, pat);
    if (!p)
        return NULL;
    p += strlen(pat);
    while (isspace((unsigned char)*p))
        p++;
    if (*p != ':')
        return NULL;
    p++;
    while (isspace((unsigned char)*p))
        p++;
    return p;
}

static int parse_descr(const char *v, npy_dtype *t)
{
    if (!v || *v != '\'')
        return -1;
    char order = v[1];
    if (order != '<' && order != '|' && order != '=')
        return -1;
    for (size_t i = 0; i < sizeof dtypes / sizeof dtypes[0]; i++) {
        size_t l = strlen(dtypes[i].name);
        if (strncmp(v + 2, dtypes[i].name, l) == 0 && v[2 + l] == '\'') {
            /* '|' is for byte-order-free dtypes only. */
            if (order == '|' && dtypes[i].size != 1)
                return -1;
            *t = (npy_dtype)i;
            return 0;
        }
    }
    return -1;
}

static int parse_shape(const char *v, npy_array *a)
{
    if (!v || *v != '(')
        return -1;
    v++;
    a->ndim = 0;
    for (;;) {
        while (isspace((unsigned char)*v))
            v++;
        if (*v == ')')
            break;
        if (!isdigit((unsigned char)*v) || a->ndim == 2)
            return -1;
        errno = 0;
        char *end;
        unsigned long long x = strtoull(v, &end, 10);
        if (errno || x > ((unsigned long long)1 << 31))
            return -1;
        a->shape[a->ndim++] = (size_t)x;
        v = end;
        while (isspace((unsigned char)*v))
            v++;
        if (*v == ',')
            v++;
        else if (*v != ')')
            return -1;
    }
    if (a->ndim == 0)
        return -1;
    if (a->ndim == 1)
        a->shape[1] = 1;
    a->count = a->shape[0] * a->shape[1];
    return a->count > ((size_t)1 << 34) ? -1 : 0;
}

static int parse_header(const char *h, npy_array *a)
{
    const char *fo = dict_value(h, "fortran_order");
    if (!fo || strncmp(fo, "False", 5) != 0)
        return -1;
    if (parse_descr(dict_value(h, "descr"), &a->dtype))
        return -1;
    return parse_shape(dict_value(h, "shape"), a);
}

/* Reads the preamble: magic, version, header length and header text. */
static int read_header(FILE *f, char *h, size_t *hlen, char *err, const char *path)
{
    unsigned char pre[12];
    if (fread(pre, 1, 8, f) != 8 || memcmp(pre, "\x93NUMPY", 6) != 0)
        return fail(err, path, "not a .npy file (bad magic)");
    int major = pre[6];
    if (major < 1 || major > 3)
        return fail(err, path, "unsupported .npy format version");
    size_t lw = major == 1 ? 2 : 4;
    if (fread(pre + 8, 1, lw, f) != lw)
        return fail(err, path, "truncated header");
    size_t len = pre[8] | (size_t)pre[9] << 8;
    if (lw == 4)
        len |= (size_t)pre[10] << 16 | (size_t)pre[11] << 24;
    if (len == 0 || len >= HEADER_MAX)
        return fail(err, path, "header length out of range");
    if (fread(h, 1, len, f) != len)
        return fail(err, path, "truncated header");
    h[len] = '\0';
    if (strlen(h) != len || h[len - 1] != '\n')
        return fail(err, path, "malformed header");
    *hlen = len;
    return 0;
}

int npy_read(const char *path, npy_array *a, char *err)
{
    memset(a, 0, sizeof *a);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, NPY_ERR_MAX, "%.200s: %s", path, strerror(errno));
        return -1;
    }
    char *h = malloc(HEADER_MAX + 1);
    size_t hlen;
    int rc = -1;
    if (!h)
        fail(err, path, "out of memory");
    else if (read_header(f, h, &hlen, err, path) == 0) {
        if (parse_header(h, a))
            fail(err, path, "not a C-order 1-D or 2-D array of a little-endian "
                            "i1 u1 i2 u2 i4 u4 i8 u8 f4 or f8");
        else {
            size_t bytes = a->count * dtypes[a->dtype].size;
            a->data = malloc(bytes + 1);
            if (!a->data)
                fail(err, path, "out of memory");
            else if (fread(a->data, 1, bytes, f) != bytes)
                fail(err, path, "truncated data");
            else if (fgetc(f) != EOF)
                fail(err, path, "trailing bytes after the data");
            else
                rc = 0;
        }
    }
    free(h);
    fclose(f);
    if (rc)
        npy_free(a);
    return rc;
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

int npy_write(const char *path, npy_dtype t, int ndim, const size_t *shape,
              const void *data, char *err)
{
    char h[128], tmp[4096];
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
    if (snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid()) >= (int)sizeof tmp)
        return fail(err, path, "path too long");
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        snprintf(err, NPY_ERR_MAX, "%.200s: %s", path, strerror(errno));
        return -1;
    }
    unsigned len = (unsigned)(hl + pad + 1);
    unsigned char pre[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                             (unsigned char)(len & 0xff), (unsigned char)(len >> 8)};
    int ok = fwrite(pre, 1, 10, f) == 10 && fwrite(h, 1, (size_t)hl, f) == (size_t)hl;
    for (int i = 0; ok && i < pad; i++)
        ok = fputc(' ', f) != EOF;
    ok = ok && fputc('\n', f) != EOF;
    ok = ok && fwrite(data, dtypes[t].size, count, f) == count;
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, path) != 0) {
        snprintf(err, NPY_ERR_MAX, "%.200s: write failed: %s", path, strerror(errno));
        remove(tmp);
        return -1;
    }
    return 0;
}
