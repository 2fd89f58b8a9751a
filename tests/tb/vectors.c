/* vectors.c - test vectors for the arithmetic testbenches, computed by the
 * golden model's own routines (golden/attention.c), so the RTL is checked against
 * the contract itself and not against a second copy of it.
 *
 *   vectors exp     N SEED X_W     -> x es e           (hex 8 8 2)
 *   vectors recip   N SEED SUM_W   -> esum os k r g    (hex 8 6 2 5 6)
 *   vectors requant N SEED A_W K_MAX -> a g k o        (hex 10 6 2 2)
 *
 * One vector a line, fields concatenated, for $readmemh. Edge cases come
 * first: x = 0, the e = 0 boundary, E = 0, 255 and powers of two, ties and
 * saturation; the rest is random. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vssa.h"

static vssa_rng rng;

static uint64_t below(uint64_t n)   /* uniform in [0, n), n <= 2^63 */
{
    return n ? vssa_rng_next(&rng) % n : 0;
}

static void exp_vec(uint64_t x, uint32_t es)
{
    printf("%08llx%08x%02x\n", (unsigned long long)x, es, vssa_exp(x, es));
}

static void gen_exp(int n, int xw)
{
    uint64_t xmax = ((uint64_t)1 << xw) - 1;
    uint32_t z1 = 1u << 28;   /* es that makes z = x */
    for (uint64_t z = 0; z < 300 && z <= xmax; z++)
        exp_vec(z, z1);
    exp_vec(0, 0xffffffffu);
    exp_vec(xmax, 0xffffffffu);
    exp_vec(xmax, 1);
    exp_vec(1, (1u << 27) - 1);
    exp_vec(1, 1u << 27);
    for (int i = 0; i < n; i++) {
        /* es spread over its whole range on a log scale */
        uint32_t es = (uint32_t)(vssa_rng_next(&rng) >> (32 + below(32)));
        exp_vec(below(xmax + 1) >> below((uint64_t)xw), es);
    }
}

static void recip_vec(uint64_t e, uint32_t os)
{
    uint32_t r = vssa_recip(e);
    printf("%08llx%06x%02x%05x%06llx\n", (unsigned long long)e, os, vssa_recip_shift(e), r,
           (unsigned long long)vssa_out_gain(r, os));
}

static void gen_recip(int n, int sw)
{
    uint64_t emax = ((uint64_t)1 << sw) - 1;
    recip_vec(0, 12345);
    recip_vec(255, 1u << 16);
    recip_vec(emax, 0xffffff);
    recip_vec(1, 0xffffff);
    for (int b = 0; b < sw; b++) {
        recip_vec((uint64_t)1 << b, (uint32_t)below(1u << 24));
        recip_vec(((uint64_t)1 << (b + 1)) - 1, (uint32_t)below(1u << 24));
    }
    for (int i = 0; i < n; i++)
        recip_vec(below(emax + 1) >> below((uint64_t)sw), (uint32_t)below(1u << 24));
}

static void requant_vec(int64_t a, uint32_t g, int k, int aw)
{
    uint64_t mask = ((uint64_t)1 << aw) - 1;
    printf("%010llx%06x%02x%02x\n", (unsigned long long)((uint64_t)a & mask), g, k,
           (unsigned)(uint8_t)vssa_requant(a, g, k));
}

static void gen_requant(int n, int aw, int kmax)
{
    int64_t amax = ((int64_t)1 << (aw - 1)) - 1;
    /* G = 2^16, k = 9: O = A / 256 exactly, ties at A = 256*j + 128. */
    int64_t ties[] = {0, 128, -128, 384, -384, 127, -129, 32512, 32640, -32768, -32896};
    for (size_t i = 0; i < sizeof ties / sizeof ties[0]; i++)
        requant_vec(ties[i], 1u << 16, 9, aw);
    requant_vec(amax, 0xffffff, 8, aw);
    requant_vec(-amax - 1, 0xffffff, 8, aw);
    requant_vec(amax, 0xffffff, 0, aw);
    requant_vec(12345, 0xffffff, kmax, aw);
    for (int i = 0; i < n; i++) {
        int k = (int)below((uint64_t)kmax + 1);
        /* in range for aw bits, magnitudes spread on a log scale */
        int64_t a = ((int64_t)below((uint64_t)amax * 2 + 2) - amax - 1) /
                    ((int64_t)1 << below((uint64_t)aw));
        requant_vec(a, (uint32_t)below(1u << 24), k, aw);
    }
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: vectors exp|recip|requant N SEED WIDTH [K_MAX]\n");
        return 2;
    }
    int n = atoi(argv[2]), w = atoi(argv[4]);
    vssa_rng_seed(&rng, strtoull(argv[3], NULL, 10));
    if (strcmp(argv[1], "exp") == 0 && w >= 6 && w <= 32)
        gen_exp(n, w);
    else if (strcmp(argv[1], "recip") == 0 && w >= 8 && w <= 32)
        gen_recip(n, w);
    else if (strcmp(argv[1], "requant") == 0 && argc == 6 && w >= 10 && w <= 38)
        gen_requant(n, w, atoi(argv[5]));
    else {
        fprintf(stderr, "vectors: bad arguments\n");
        return 2;
    }
    return 0;
}
