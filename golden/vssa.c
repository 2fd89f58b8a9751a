/* SPDX-License-Identifier: MIT */
/* vssa.c - golden numeric model of vssagen; implements the contract in vssa.h. */
#include "vssa.h"

#include <math.h>
#include <stdlib.h>

/* Arithmetic right shift without relying on implementation-defined >> of
 * negative values: floor(k / 2^s). */
static int floor_shift(int k, int s)
{
    return k >= 0 ? k >> s : -((-k - 1) >> s) - 1;
}

int vssa_trunc(int8_t k, int p)
{
    if (p <= 0)
        return 0;
    if (p >= 8)
        return k;
    /* Multiply instead of << : left-shifting a negative int is UB. */
    return floor_shift(k, 8 - p) * (1 << (8 - p));
}

int vssa_digit(int8_t k, int b, int i)
{
    if (b < 1 || b > 8 || i < 0 || b * (i + 1) > 8)
        return 0;
    int s = 8 - b * (i + 1);
    if (i == 0)
        return floor_shift(k, s);
    /* (uint8_t)k is the two's-complement byte of k. */
    return ((uint8_t)k >> s) & ((1 << b) - 1);
}

int vssa_class_bits(const int *bits, int nclass, int c)
{
    if (!bits || nclass <= 0)
        return 0;
    /* Tags are unsigned in hardware: a negative tag is huge, i.e. last. */
    if (c < 0 || c >= nclass)
        c = nclass - 1;
    return bits[c];
}

int vssa_score_width(int d)
{
    /* 16384*d bounds both ends (|-16256*d| < 16384*d) and must be <= 2^(W-1)-1. */
    int64_t hi = d > 0 ? (int64_t)16384 * d : 0;
    int w = 1;
    while (hi > 0) {
        w++;
        hi >>= 1;
    }
    return w;
}

int vssa_recon(int8_t x, int p, vssa_round rd)
{
    int t = vssa_trunc(x, p);
    if (rd == VSSA_ROUND_MID && p > 0 && p < 8)
        t += 1 << (7 - p);
    return t;
}

int64_t vssa_score(const int8_t *q, const int8_t *k, int d, int p, vssa_round rd)
{
    int64_t acc = 0;
    for (int t = 0; t < d; t++)
        acc += (int64_t)q[t] * vssa_recon(k[t], p, rd);
    return acc;
}

void vssa_scores(const int8_t *Q, int m, const int8_t *K, const int *prec_bits,
                 int n, int d, vssa_round rd, int64_t *S)
{
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++)
            S[(ptrdiff_t)i * n + j] = vssa_score(Q + (ptrdiff_t)i * d,
                                              K + (ptrdiff_t)j * d, d,
                                              prec_bits[j], rd);
}

double vssa_quantize(const double *x, size_t count, int8_t *xq)
{
    double mx = 0.0;
    for (size_t i = 0; i < count; i++) {
        double a = fabs(x[i]);
        if (a > mx)
            mx = a;
    }
    double s = mx > 0.0 ? mx / 127.0 : 1.0;
    for (size_t i = 0; i < count; i++) {
        double v = round(x[i] / s); /* round() is half away from zero */
        if (v > 127.0)
            v = 127.0;
        if (v < -127.0)
            v = -127.0;
        xq[i] = (int8_t)v;
    }
    return s;
}

void vssa_scores_float(const double *Qf, int m, const double *Kf, int n, int d,
                       double *Sf)
{
    for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
            const double *q = Qf + (ptrdiff_t)i * d, *k = Kf + (ptrdiff_t)j * d;
            double acc = 0.0;
            for (int t = 0; t < d; t++)
                acc += q[t] * k[t];
            Sf[(ptrdiff_t)i * n + j] = acc;
        }
    }
}

vssa_err vssa_error_stats(const double *ref, const double *approx, size_t count)
{
    vssa_err e = {0.0, 0.0, 1.0};
    double sum_abs = 0.0, dot = 0.0, nr = 0.0, na = 0.0;
    for (size_t i = 0; i < count; i++) {
        double diff = fabs(ref[i] - approx[i]);
        if (diff > e.max_abs)
            e.max_abs = diff;
        sum_abs += diff;
        dot += ref[i] * approx[i];
        nr += ref[i] * ref[i];
        na += approx[i] * approx[i];
    }
    if (count > 0)
        e.mean_abs = sum_abs / (double)count;
    if (nr > 0.0 && na > 0.0)
        e.cosine = dot / (sqrt(nr) * sqrt(na));
    else if (nr > 0.0 || na > 0.0)
        e.cosine = 0.0; /* one side zero: no direction to agree with */
    return e;
}

void vssa_rng_seed(vssa_rng *r, uint64_t seed)
{
    r->s = seed;
}

uint64_t vssa_rng_next(vssa_rng *r)
{
    uint64_t z = (r->s += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

double vssa_rng_unit(vssa_rng *r)
{
    /* Top 53 bits: exactly representable, so the result is < 1. */
    return (double)(vssa_rng_next(r) >> 11) * 0x1.0p-53;
}

uint32_t vssa_rng_below(vssa_rng *r, uint32_t n)
{
    if (n == 0)
        return 0;
    /* Rejection sampling removes the modulo bias. */
    uint64_t lim = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do {
        x = vssa_rng_next(r);
    } while (x >= lim);
    return (uint32_t)(x % n);
}
