/* SPDX-License-Identifier: MIT */
/* io.c - real tensors in and out (see io.h). */
#include "io.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vssa.h"

/* One of Q, K, V: rows x d, float32 or int8. */
static int load_matrix(const char *path, const char *what, double scale,
                       npy_array *a, int8_t **q, double **f, double *s, char *err)
{
    if (npy_read(path, a, err))
        return -1;
    if (a->dtype != NPY_F4 && a->dtype != NPY_I1) {
        snprintf(err, NPY_ERR_MAX, "%.160s: %s must be float32 or int8, not %s", path,
                 what, npy_dtype_name(a->dtype));
        return -1;
    }
    if (a->ndim != 2 || a->shape[0] == 0 || a->shape[1] == 0 ||
        a->shape[0] > VSSA_SEQ_LIMIT || a->shape[1] > VSSA_HEAD_DIM_LIMIT) {
        snprintf(err, NPY_ERR_MAX, "%.160s: %s must be 2-D, (1..%d, 1..%d)", path, what,
                 VSSA_SEQ_LIMIT, VSSA_HEAD_DIM_LIMIT);
        return -1;
    }
    *q = malloc(a->count);
    *f = malloc(a->count * sizeof **f);
    if (!*q || !*f) {
        snprintf(err, NPY_ERR_MAX, "%.160s: out of memory", path);
        return -1;
    }
    for (size_t i = 0; i < a->count; i++) {
        double v = npy_value(a, i);
        if (!isfinite(v)) {
            snprintf(err, NPY_ERR_MAX, "%.160s: %s holds a non-finite value at %zu", path,
                     what, i);
            return -1;
        }
        (*f)[i] = a->dtype == NPY_I1 ? v * scale : v;
        if (a->dtype == NPY_I1)
            (*q)[i] = (int8_t)v;
    }
    *s = a->dtype == NPY_I1 ? scale : vssa_quantize(*f, a->count, *q);
    return 0;
}

static int load_tags(const char *path, int n, int nclass, int **tags, char *err)
{
    npy_array a;
    if (npy_read(path, &a, err))
        return -1;
    int rc = -1;
    if (!npy_is_int(a.dtype))
        snprintf(err, NPY_ERR_MAX, "%.160s: tags must be integers, not %s", path,
                 npy_dtype_name(a.dtype));
    else if (a.ndim != 1 || a.shape[0] != (size_t)n)
        snprintf(err, NPY_ERR_MAX, "%.160s: tags must be 1-D with %d entries (one per key)",
                 path, n);
    else if (!(*tags = malloc(((size_t)n + 1) * sizeof **tags)))
        snprintf(err, NPY_ERR_MAX, "%.160s: out of memory", path);
    else {
        rc = 0;
        for (int j = 0; j < n && rc == 0; j++) {
            double v = npy_value(&a, (size_t)j);
            if (v < 0 || v >= nclass) {
                snprintf(err, NPY_ERR_MAX, "%.160s: tag %.0f of key %d is outside 0..%d",
                         path, v, j, nclass - 1);
                rc = -1;
            }
            (*tags)[j] = (int)v;
        }
    }
    npy_free(&a);
    return rc;
}

int vssa_tensors_load(const char *qpath, const char *kpath, const char *vpath,
                      const char *tpath, int nclass, const double *scales,
                      vssa_tensors *t, char *err)
{
    memset(t, 0, sizeof *t);
    npy_array a[3] = {{0}};
    int rc = load_matrix(qpath, "Q", scales[0], &a[0], &t->q, &t->qf, &t->s_q, err);
    rc = rc ? rc : load_matrix(kpath, "K", scales[1], &a[1], &t->k, &t->kf, &t->s_k, err);
    rc = rc ? rc : load_matrix(vpath, "V", scales[2], &a[2], &t->v, &t->vf, &t->s_v, err);
    if (rc == 0) {
        t->m = (int)a[0].shape[0];
        t->n = (int)a[1].shape[0];
        t->d = (int)a[0].shape[1];
        t->is_float = a[0].dtype == NPY_F4 && a[1].dtype == NPY_F4 && a[2].dtype == NPY_F4;
        if (a[1].dtype != a[0].dtype || a[2].dtype != a[0].dtype) {
            snprintf(err, NPY_ERR_MAX, "Q, K and V must all be float32 or all int8 "
                     "(Q %s, K %s, V %s)", npy_dtype_name(a[0].dtype),
                     npy_dtype_name(a[1].dtype), npy_dtype_name(a[2].dtype));
            rc = -1;
        } else if (a[1].shape[1] != (size_t)t->d || a[2].shape[1] != (size_t)t->d ||
            a[2].shape[0] != (size_t)t->n) {
            snprintf(err, NPY_ERR_MAX, "shapes disagree: Q (%zu, %zu), K (%zu, %zu), V (%zu, %zu);"
                     " want (m, d), (n, d), (n, d)", a[0].shape[0], a[0].shape[1],
                     a[1].shape[0], a[1].shape[1], a[2].shape[0], a[2].shape[1]);
            rc = -1;
        }
    }
    if (rc == 0 && tpath)
        rc = load_tags(tpath, t->n, nclass, &t->tags, err);
    for (int i = 0; i < 3; i++)
        npy_free(&a[i]);
    if (rc)
        vssa_tensors_free(t);
    return rc;
}

void vssa_tensors_free(vssa_tensors *t)
{
    free(t->q);
    free(t->k);
    free(t->v);
    free(t->qf);
    free(t->kf);
    free(t->vf);
    free(t->tags);
    memset(t, 0, sizeof *t);
}

int vssa_write_outputs(FILE *of, const char *opath, FILE *pf, const char *ppath,
                       const vssa_tensors *t, const int8_t *o, const uint16_t *p, char *err)
{
    size_t so[2] = {(size_t)t->m, (size_t)t->d}, sp[2] = {(size_t)t->m, (size_t)t->n};
    if (of && npy_fwrite(of, opath, NPY_I1, 2, so, o, err))
        return -1;
    return pf ? npy_fwrite(pf, ppath, NPY_U2, 2, sp, p, err) : 0;
}

int vssa_imp_load(const char *path, int n, int imp_w, uint64_t *imp, char *err)
{
    npy_array a;
    if (npy_read(path, &a, err))
        return -1;
    int rc = -1;
    uint64_t top = ((uint64_t)1 << imp_w) - 1;
    if (!npy_is_int(a.dtype))
        snprintf(err, NPY_ERR_MAX, "%.160s: importance must be integers, not %s", path,
                 npy_dtype_name(a.dtype));
    else if (a.ndim != 1 || a.shape[0] != (size_t)n)
        snprintf(err, NPY_ERR_MAX, "%.160s: importance must be 1-D with %d entries (one per key)",
                 path, n);
    else {
        rc = 0;
        for (int j = 0; j < n && rc == 0; j++) {
            /* u8 values above 2^53 lose bits as doubles: read them whole */
            uint64_t v = a.dtype == NPY_U8 ? ((const uint64_t *)a.data)[j] : 0;
            double f = a.dtype == NPY_U8 ? 0.0 : npy_value(&a, (size_t)j);
            if (a.dtype != NPY_U8 && f >= 0)
                v = (uint64_t)f;
            if (f < 0 || v > top) {
                snprintf(err, NPY_ERR_MAX, "%.160s: importance of key %d is outside 0..2^%d-1",
                         path, j, imp_w);
                rc = -1;
            }
            imp[j] = v;
        }
    }
    npy_free(&a);
    return rc;
}

int vssa_write_tiers(FILE *imf, const char *ipath, FILE *tf, const char *tpath, int n,
                     const uint64_t *imp, const int *tags, char *err)
{
    size_t shape[1] = {(size_t)n};
    int32_t *t32 = malloc(((size_t)n + 1) * sizeof *t32);
    if (!t32) {
        snprintf(err, NPY_ERR_MAX, "out of memory");
        return -1;
    }
    for (int j = 0; tags && j < n; j++)
        t32[j] = tags[j];
    int rc = 0;
    if (imf && npy_fwrite(imf, ipath, NPY_U8, 1, shape, imp, err))
        rc = -1;
    else if (tf && npy_fwrite(tf, tpath, NPY_I4, 1, shape, t32, err))
        rc = -1;
    free(t32);
    return rc;
}

double vssa_output_scale(const double *of, size_t count)
{
    double omax = 0.0;
    for (size_t x = 0; x < count; x++)
        omax = fmax(omax, fabs(of[x]));
    return omax > 0.0 ? omax / 127.0 : 1.0;
}

int vssa_rank_tags(const double *pf, int m, int n, const int *ratio_pm, int nclass, int *tags)
{
    uint64_t *imp = calloc((size_t)n + 1, sizeof *imp);
    if (!imp)
        return -1;
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++)
            imp[j] += (uint64_t)llround(pf[(size_t)i * n + j] * 65536.0);
    int rc = vssa_assign_classes(imp, n, ratio_pm, nclass, tags);
    free(imp);
    return rc;
}
