/* SPDX-License-Identifier: MIT */
/* workload.c - seeded workloads (see workload.h). */
#include "workload.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vssa.h"

static const wl_mix mixes[] = {
    {"all8", 1000, 0, 0, 0},
    {"mostly4", 100, 800, 100, 0},
    {"with0", 200, 600, 200, 0},
    {"skew0", 100, 300, 600, 0},
    {"half", 500, 0, 500, 0},
    {"pruned", 0, 0, 1000, 0},
    {"even", 0, 0, 0, 1},
};

void wl_mix_ratios(const wl_mix *mix, int nclass, int *ratio_pm)
{
    for (int c = 0; c < nclass; c++)
        ratio_pm[c] = mix->even ? 1000 / nclass + (c < 1000 % nclass) : 0;
    if (mix->even)
        return;
    if (nclass == 1) {
        ratio_pm[0] = 1000;
        return;
    }
    ratio_pm[0] = mix->top;
    ratio_pm[nclass - 1] = mix->last;
    if (nclass == 2) {
        ratio_pm[1] += mix->middle;
        return;
    }
    int mid = nclass - 2;
    for (int c = 1; c <= mid; c++)
        ratio_pm[c] = mix->middle / mid + (c - 1 < mix->middle % mid);
}

static const char *const order_names[WL_ORDERS] = {"random", "alternate", "sorted",
                                                   "permuted", "sparse", "repeat"};

const char *wl_order_name(wl_order o) { return order_names[o]; }

int wl_find_order(const char *name)
{
    for (int i = 0; i < WL_ORDERS; i++)
        if (strcmp(order_names[i], name) == 0)
            return i;
    return -1;
}

int wl_index_order(workload *w, unsigned label_space)
{
    w->order = malloc(sizeof(int) * ((size_t)w->n + 1));
    w->label = malloc(sizeof(unsigned) * ((size_t)w->n + 1));
    if (!w->order || !w->label)
        return -1;
    for (int j = 0; j < w->n; j++) {
        w->order[j] = j;
        w->label[j] = (unsigned)j % label_space;
    }
    return 0;
}

/* A random permutation of the arrival order, and the labels the order asks
 * for: a key's number, distinct values drawn from the whole label space
 * (as many as it holds), or values from a third of the keys' count, so
 * that most labels repeat. Its own generator, so that the other orders'
 * workloads stay as they were. */
static int shuffle_and_label(workload *w, uint64_t seed, wl_order order, unsigned space)
{
    vssa_rng r;
    int n = w->n;
    vssa_rng_seed(&r, seed ^ 0x5bd1e995u);
    for (int p = n - 1; p > 0; p--) {
        int q = (int)vssa_rng_below(&r, (uint64_t)p + 1);
        int t = w->order[p];
        w->order[p] = w->order[q];
        w->order[q] = t;
    }
    if (order == ORDER_REPEAT) {
        unsigned span = n / 3 > 1 ? (unsigned)(n / 3) : 1;
        for (int j = 0; j < n; j++)
            w->label[j] = (unsigned)vssa_rng_below(&r, span < space ? span : space);
    } else if (order == ORDER_SPARSE) {
        unsigned *pool = malloc(sizeof(unsigned) * ((size_t)space + 1));
        if (!pool)
            return -1;
        for (unsigned v = 0; v < space; v++)
            pool[v] = v;
        for (int j = 0; j < n; j++) {   /* a partial shuffle of the label space */
            unsigned left = space - (unsigned)j % space;
            unsigned k = (unsigned)j % space + (unsigned)vssa_rng_below(&r, left);
            unsigned t = pool[j % space];
            pool[j % space] = pool[k];
            pool[k] = t;
            w->label[j] = pool[j % space];
        }
        free(pool);
    }
    return 0;
}

const wl_mix *wl_find_mix(const char *name)
{
    for (size_t i = 0; i < sizeof mixes / sizeof mixes[0]; i++)
        if (strcmp(mixes[i].name, name) == 0)
            return &mixes[i];
    return NULL;
}

const char *wl_mix_names(void)
{
    return "all8 (100/0/0), mostly4 (10/80/10), with0 (20/60/20), skew0 (10/30/60), "
           "half (50/0/50), pruned (0/0/100), even (the same share per class)";
}

static double gauss(vssa_rng *r)
{
    double u = vssa_rng_unit(r), v = vssa_rng_unit(r);
    return sqrt(-2.0 * log(1.0 - u)) * cos(6.283185307179586 * v);
}

/* Activations with a few outlier channels, as in trained transformers. */
static void fill_activations(vssa_rng *r, double *x, int rows, int d,
                             const double *channel_gain)
{
    for (int i = 0; i < rows; i++)
        for (int t = 0; t < d; t++)
            x[(size_t)i * d + t] = gauss(r) * channel_gain[t];
}

int wl_make(workload *w, uint64_t seed, int m, int n, int d, int nclass,
            const wl_mix *mix, wl_order order, unsigned label_space)
{
    vssa_rng r;
    memset(w, 0, sizeof *w);
    w->m = m;
    w->n = n;
    w->d = d;
    size_t nq = (size_t)m * d, nk = (size_t)n * d;
    w->Qf = malloc(sizeof(double) * (nq + 1));
    w->Kf = malloc(sizeof(double) * (nk + 1));
    w->Vf = malloc(sizeof(double) * (nk + 1));
    w->Q = malloc(nq + 1);
    w->K = malloc(nk + 1);
    w->V = malloc(nk + 1);
    w->importance = malloc(sizeof(uint64_t) * ((size_t)n + 1));
    w->tag = malloc(sizeof(int) * ((size_t)n + 1));
    w->order = malloc(sizeof(int) * ((size_t)n + 1));
    w->label = malloc(sizeof(unsigned) * ((size_t)n + 1));
    double *gain = malloc(sizeof(double) * (size_t)d);
    if (!w->Qf || !w->Kf || !w->Vf || !w->Q || !w->K || !w->V || !w->importance ||
        !w->tag || !w->order || !w->label || !gain) {
        free(gain);
        wl_free(w);
        return -1;
    }
    vssa_rng_seed(&r, seed);
    for (int t = 0; t < d; t++)
        gain[t] = vssa_rng_below(&r, 16) == 0 ? 6.0 : 1.0;
    fill_activations(&r, w->Qf, m, d, gain);
    fill_activations(&r, w->Kf, n, d, gain);
    free(gain);
    w->s_q = vssa_quantize(w->Qf, nq, w->Q);
    w->s_k = vssa_quantize(w->Kf, nk, w->K);

    /* Pareto(alpha = 1.2) importance: a few tokens draw most attention. */
    for (int j = 0; j < n; j++)
        w->importance[j] = (uint64_t)(1e4 / pow(1.0 - vssa_rng_unit(&r), 1.0 / 1.2));
    int ratios[VSSA_MAX_CLASSES] = {0};
    wl_mix_ratios(mix, nclass, ratios);
    if (vssa_assign_classes(w->importance, n, ratios, nclass, w->tag) != 0) {
        wl_free(w);
        return -1;
    }

    for (int j = 0; j < n; j++) {
        w->order[j] = j;
        w->label[j] = (unsigned)j % label_space;
    }
    if (order >= ORDER_PERMUTED && shuffle_and_label(w, seed, order, label_space)) {
        wl_free(w);
        return -1;
    }
    if (order == ORDER_SORTED || order == ORDER_ALTERNATE) {
        /* Stable by class: every class's tokens in index order. */
        int pos = 0;
        for (int c = 0; c < VSSA_MAX_CLASSES; c++)
            for (int j = 0; j < n; j++)
                if (w->tag[j] == c)
                    w->order[pos++] = j;
    }
    if (order == ORDER_ALTERNATE) {
        /* Deal the classes round-robin so neighbours differ in precision. */
        int *sorted = malloc(sizeof(int) * (size_t)n + 1);
        int start[VSSA_MAX_CLASSES + 1] = {0}, next[VSSA_MAX_CLASSES] = {0};
        if (!sorted) {
            wl_free(w);
            return -1;
        }
        memcpy(sorted, w->order, sizeof(int) * (size_t)n);
        for (int j = 0; j < n; j++)
            start[w->tag[j] + 1]++;
        for (int c = 0; c < VSSA_MAX_CLASSES; c++) {
            start[c + 1] += start[c];
            next[c] = start[c];
        }
        for (int pos = 0; pos < n;) {
            for (int c = 0; c < VSSA_MAX_CLASSES && pos < n; c++)
                if (next[c] < start[c + 1])
                    w->order[pos++] = sorted[next[c]++];
        }
        free(sorted);
    }
    /* Drawn last, so that Q, K and the classes do not depend on it. */
    for (size_t i = 0; i < nk; i++)
        w->Vf[i] = gauss(&r);
    w->s_v = vssa_quantize(w->Vf, nk, w->V);
    return 0;
}

void wl_free(workload *w)
{
    free(w->Qf);
    free(w->Kf);
    free(w->Vf);
    free(w->Q);
    free(w->K);
    free(w->V);
    free(w->importance);
    free(w->tag);
    free(w->order);
    free(w->label);
    memset(w, 0, sizeof *w);
}
