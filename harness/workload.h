/* SPDX-License-Identifier: MIT */
/* workload.h - seeded attention workloads for the co-simulation: float Q and
 * K with outlier channels, Gaussian V, heavy-tailed token importance, per-token
 * precision classes from the golden ranking, and the token arrival order. */
#ifndef VSSA_WORKLOAD_H
#define VSSA_WORKLOAD_H

#include <stdint.h>

/* Key arrival orders. The first three send keys in an order of their
 * classes, each key labelled with its own number (in_idx_i); the others
 * send them in a random permutation, labelled with their number
 * (permuted), with distinct labels spread over the whole index range
 * (sparse), or with labels that repeat (repeat). */
typedef enum {
    ORDER_RANDOM, ORDER_ALTERNATE, ORDER_SORTED, ORDER_PERMUTED, ORDER_SPARSE, ORDER_REPEAT
} wl_order;
#define WL_ORDERS 6

/* The order's name, and the order of a name (-1 if none). */
const char *wl_order_name(wl_order o);
int wl_find_order(const char *name);

/* A mix in per mille: the top class, the middle classes (shared evenly,
 * the remainder to the more precise ones) and the last class. With two
 * classes the last takes the middle share too; with one, it takes all. An
 * even mix gives every class the same share. */
typedef struct {
    const char *name;
    int top, middle, last;
    int even;
} wl_mix;

/* Per-mille share of each of nclass classes (they add up to 1000). */
void wl_mix_ratios(const wl_mix *mix, int nclass, int *ratio_pm);

/* Named mixes. */
const wl_mix *wl_find_mix(const char *name);
const char *wl_mix_names(void);

typedef struct {
    int m, n, d;
    double *Qf, *Kf, *Vf;   /* m x d, n x d, n x d */
    int8_t *Q, *K, *V;
    double s_q, s_k, s_v;
    uint64_t *importance;   /* n */
    int *tag;               /* n: precision class of each key */
    int *order;             /* n: arrival position -> key index */
    unsigned *label;        /* n: the index each key is sent with (in_idx_i) */
} workload;

/* Labels are below label_space (2^IDX_W). Returns 0, or -1 on allocation
 * failure or bad ratios. */
int wl_make(workload *w, uint64_t seed, int m, int n, int d, int nclass,
            const wl_mix *mix, wl_order order, unsigned label_space);
/* Labels j mod label_space and arrival in index order, for a workload
 * built from files; -1 on allocation failure. */
int wl_index_order(workload *w, unsigned label_space);
void wl_free(workload *w);

#endif
