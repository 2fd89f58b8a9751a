/* SPDX-License-Identifier: MIT */
/* tiers.c - importance, and the precision classes it ranks into (vssa.h
 * sections 5, 13 and 14): the sort that defines the classes, and the
 * threshold search the hardware runs instead. */
#include "vssa.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    uint64_t imp;
    int idx;
} rank_entry;

/* Strict total order: larger importance first, ties to the lower index. */
static int rank_cmp(const void *a, const void *b)
{
    const rank_entry *x = a, *y = b;
    if (x->imp != y->imp)
        return x->imp > y->imp ? -1 : 1;
    return (x->idx > y->idx) - (x->idx < y->idx);
}

/* Section 5's cumulative cut points. Returns -1 for bad arguments. */
static int cut_points(int n, const int *ratio_pm, int nclass, int64_t *cut)
{
    if (n < 0 || nclass < 1 || nclass > VSSA_MAX_CLASSES)
        return -1;
    int64_t sum = 0;
    for (int c = 0; c < nclass - 1; c++) {
        if (ratio_pm[c] < 0)
            return -1;
        sum += ratio_pm[c];
        if (sum > 1000)
            return -1;
        int64_t v = ((int64_t)n * sum + 500) / 1000;
        cut[c] = v < n ? v : n;
    }
    return 0;
}

int vssa_assign_classes(const uint64_t *importance, int n, const int *ratio_pm,
                        int nclass, int *cls)
{
    int64_t cut[VSSA_MAX_CLASSES];
    if (cut_points(n, ratio_pm, nclass, cut))
        return -1;
    if (n == 0)
        return 0;

    rank_entry *r = malloc((size_t)n * sizeof *r);
    if (!r)
        return -1;
    for (int j = 0; j < n; j++) {
        r[j].imp = importance[j];
        r[j].idx = j;
    }
    qsort(r, (size_t)n, sizeof *r, rank_cmp);

    int c = 0;
    for (int k = 0; k < n; k++) {
        while (c < nclass - 1 && k >= cut[c])
            c++;
        cls[r[k].idx] = c;
    }
    free(r);
    return 0;
}

int vssa_imp_width(uint64_t rows)
{
    int b = 0;
    while (b < 63 && ((uint64_t)1 << b) < rows)
        b++;
    return 16 + b;
}

void vssa_imp_add(uint64_t *imp, int n, const uint16_t *p, int m, int imp_w)
{
    uint64_t top = ((uint64_t)1 << imp_w) - 1;
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            uint64_t v = imp[j] + p[(size_t)i * n + j];
            imp[j] = v < top ? v : top;
        }
}

int vssa_rank_passes(int imp_w)
{
    return (imp_w + VSSA_RANK_DIGIT - 1) / VSSA_RANK_DIGIT + 1;
}

/* The k-th largest of imp[0..n-1] (1 <= k <= n), one digit a pass; *take
 * gets k minus the count of larger values. */
static uint64_t kth_largest(const uint64_t *imp, int n, int imp_w, int64_t k, int *take)
{
    enum { BINS = 1 << VSSA_RANK_DIGIT };
    int digits = (imp_w + VSSA_RANK_DIGIT - 1) / VSSA_RANK_DIGIT;
    uint64_t prefix = 0;
    for (int pass = digits - 1; pass >= 0; pass--) {
        int shift = pass * VSSA_RANK_DIGIT;
        int64_t hist[BINS] = {0};
        for (int j = 0; j < n; j++) {
            /* the digits above this pass must match the prefix found so far */
            int above = shift + VSSA_RANK_DIGIT;
            if (above >= 64 || (imp[j] >> above) == prefix)
                hist[(imp[j] >> shift) & (BINS - 1)]++;
        }
        int b = BINS - 1;
        while (b > 0 && hist[b] < k)
            k -= hist[b--];
        prefix = (prefix << VSSA_RANK_DIGIT) | (uint64_t)b;
    }
    *take = (int)k;
    return prefix;
}

int vssa_rank_radix(const uint64_t *imp, int n, int imp_w, const int *ratio_pm, int nclass,
                    int *cls, uint64_t *thresh, int *take)
{
    int64_t cut[VSSA_MAX_CLASSES];
    uint64_t t[VSSA_MAX_CLASSES] = {0};
    int tk[VSSA_MAX_CLASSES] = {0}, taken[VSSA_MAX_CLASSES] = {0};
    if (cut_points(n, ratio_pm, nclass, cut))
        return -1;
    for (int c = 0; c < nclass - 1; c++)
        if (cut[c] >= 1)
            t[c] = kth_largest(imp, n, imp_w, cut[c], &tk[c]);
    for (int j = 0; j < n; j++) {
        int c = 0;
        for (; c < nclass - 1; c++) {
            int eq = cut[c] >= 1 && imp[j] == t[c];
            int in = cut[c] >= 1 && (imp[j] > t[c] || (eq && taken[c] < tk[c]));
            taken[c] += eq;
            if (in)
                break;
        }
        /* later cuts still count this token's tie */
        for (int c2 = c + 1; c2 < nclass - 1; c2++)
            taken[c2] += cut[c2] >= 1 && imp[j] == t[c2];
        cls[j] = c;
    }
    for (int c = 0; c < nclass - 1; c++) {
        if (thresh)
            thresh[c] = t[c];
        if (take)
            take[c] = tk[c];
    }
    return 0;
}
