/* workload.h - seeded attention workloads for the co-simulation: float Q and
 * K with outlier channels, Gaussian V, heavy-tailed token importance, per-token
 * precision classes from the golden ranking, and the token arrival order. */
#ifndef VSSA_WORKLOAD_H
#define VSSA_WORKLOAD_H

#include <stdint.h>

typedef enum { ORDER_RANDOM, ORDER_ALTERNATE, ORDER_SORTED } wl_order;

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
} workload;

/* Returns 0, or -1 on allocation failure or bad ratios. */
int wl_make(workload *w, uint64_t seed, int m, int n, int d, int nclass,
            const wl_mix *mix, wl_order order);
void wl_free(workload *w);

#endif
