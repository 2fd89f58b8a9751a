/* SPDX-License-Identifier: MIT */
/* vectors.c - test vectors for the arithmetic testbenches, computed by the
 * golden model's own routines (golden/attention.c), so the RTL is checked against
 * the contract itself and not against a second copy of it.
 *
 *   vectors exp     N SEED X_W     -> x es e           (hex 8 8 2)
 *   vectors recip   N SEED SUM_W   -> esum os k r g    (hex 8 6 2 5 6)
 *   vectors requant N SEED A_W K_MAX -> a g k o        (hex 10 6 2 2)
 *   vectors lut                      -> EXP_LUT as a 256-bit Verilog literal
 *
 * One vector a line, fields concatenated, for $readmemh. Edge cases come
 * first: x = 0, the e = 0 boundary, E = 0, 255 and powers of two, ties and
 * saturation; the rest is random.
 *
 * The stages of the head take whole blocks, so their vectors are records:
 *
 *   vectors score   N SEED COLS D   DIGIT MAX_SEQ MID   (tests/tb/tb_score.v)
 *   vectors softmax N SEED COLS S_W DIGIT MAX_SEQ MID   (tests/tb/tb_softmax.v)
 *   vectors outq    N SEED COLS D   DIGIT MAX_SEQ MID   (tests/tb/tb_outq.v)
 *   vectors softmax-comp N SEED COLS D DIGIT MAX_SEQ MID (tests/tb/tb_softmax.v)
 *   vectors outq-comp    N SEED COLS D DIGIT MAX_SEQ MID (tests/tb/tb_outq.v)
 *
 * write N blocks. A record is a head, tag a b c (hex 2 4 2 8), then two
 * 32-bit words hi lo per column, column COLS-1 first, so that column c sits
 * at bits [64c +: 64] of the line; the testbenches describe each tag.
 *
 *   vectors comp    N SEED D MAX_SEQ                    (tests/tb/tb_comp.v)
 *
 * writes N key sets in the same record format, one 64-bit word per element
 * t instead of per column (element t at bits [64t +: 64]).
 *
 *   vectors rank    N SEED IMP_W NCUT MAX_SEQ              (tests/tb/tb_rank.v)
 *
 * writes N rankings by vssa_rank_radix(), one 64-bit hex word a line: n,
 * the ratios packed 10 bits a cut (cut 0 lowest), then the n counters, then
 * the n classes. Some ratios add up past 1000, as the hardware clamps them:
 * the expected classes are those of the clamped ratios. */
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
    /* G = 2^16, k = 9: O = A / 256 exactly, ties at A = 256*j + 128; the
     * shifted product floor(A / 128) on each side of the saturation bounds
     * (254 | 255 and -257 | -258). */
    int64_t ties[] = {0, 128, -128, 384, -384, 127, -129, 32512, 32640, -32768, -32896,
                      32639, 32767, 32768, -32897, -33024, -33025};
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

/* ---- block records for the score, softmax and output stages ---- */

#define REC_COLS 32    /* limits of the record modes */
#define REC_D 64
#define REC_SEQ 512

typedef struct {
    uint32_t hi, lo;
} rec_col;

static int rec_ncols;

static void record(unsigned tag, unsigned a, unsigned b, uint32_t c, const rec_col *w)
{
    printf("%02x%04x%02x%08x", tag, a, b, c);
    for (int i = rec_ncols - 1; i >= 0; i--)
        printf("%08x%08x", w[i].hi, w[i].lo);
    printf("\n");
}

static uint32_t word(int64_t v)   /* two's complement, 32 bits */
{
    return (uint32_t)(uint64_t)v;
}

/* Key slots 0..n-1 in a random order: the drain is in tile order, not slot
 * order (the testbenches give each key a label, its index, apart). */
static void shuffle(int *idx, int n)
{
    for (int i = 0; i < n; i++)
        idx[i] = i;
    for (int i = n - 1; i > 0; i--) {
        int j = (int)below((uint64_t)i + 1), t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
    }
}

static int8_t rand_i8(void)
{
    return (int8_t)(uint8_t)below(256);
}

/* es spread over its whole range on a log scale, now and then the ends
 * (0 and 1: every e is 255; 2^32-1: only the maxima survive). */
static uint32_t rand_es(void)
{
    static const uint32_t ends[] = {0, 1, 1u << 28, 0xffffffffu};
    if (below(6) == 0)
        return ends[below(4)];
    return (uint32_t)(vssa_rng_next(&rng) >> (32 + below(32)));
}

static uint32_t rand_os(void)
{
    static const uint32_t ends[] = {0, 1u << 16, 0xffffff};
    if (below(6) == 0)
        return ends[below(3)];
    return (uint32_t)below(1u << 24) >> below(16);
}

/* Score stage, one block:
 *   tag 1 (a = rows, b = D)
 *   tag 2 x D: column c's query element t in hi (t = 0, 1, ...)
 *   tag 3 x rows (one empty beat when rows = 0): a = key slot, b = planes,
 *     c = {empty, last}; hi = the drained floor sum sum q*trunc_p(k),
 *     lo = the corrected score vssa_score(q, k, d, p, round)
 *   tag 4: lo = the block's maximum corrected score.
 * Block 0 holds the extreme scores (q and k of -128 and 127 at 8 bits),
 * block 1 is empty, so the next block's maxima must restart below block 0's. */
static void gen_score(int nblk, int cols, int d, int digit, int maxseq, int mid)
{
    static int8_t q[REC_COLS][REC_D], key[REC_D];
    static int perm[REC_SEQ];
    vssa_round rd = mid ? VSSA_ROUND_MID : VSSA_ROUND_FLOOR;
    int maxplanes = 8 / digit;
    rec_col w[REC_COLS];
    for (int b = 0; b < nblk; b++) {
        int empty = b == 1 || (b > 2 && below(8) == 0);
        int rows = empty ? 0 : b == 0 || below(4) == 0 ? maxseq : 1 + (int)below((uint64_t)maxseq);
        /* 0: random, 1: keys all negative (every score of a positive query
         * column is negative), 2: extremes */
        int kmode = b == 0 ? 2 : (int)below(3);
        for (int c = 0; c < cols; c++) {
            int qmode = b == 0 ? c % 4 : (int)below(8);
            for (int t = 0; t < d; t++)
                q[c][t] = qmode == 1 ? -128 : qmode == 2 ? 127 : qmode == 3 ? 0 : rand_i8();
        }
        memset(w, 0, sizeof w);
        record(1, (unsigned)rows, (unsigned)d, 0, w);
        for (int t = 0; t < d; t++) {
            for (int c = 0; c < cols; c++)
                w[c] = (rec_col){word(q[c][t]), 0};
            record(2, 0, 0, 0, w);
        }
        shuffle(perm, maxseq);
        int64_t mx[REC_COLS] = {0};
        for (int i = 0; i < rows; i++) {
            int planes = 1 + (int)below((uint64_t)maxplanes);
            int ext = kmode == 2 ? i % 3 : 2;
            if (ext < 2)
                planes = maxplanes;
            for (int t = 0; t < d; t++)
                key[t] = ext == 0 ? -128 : ext == 1 ? 127
                       : kmode == 1 ? (int8_t)(-1 - (int)below(128)) : rand_i8();
            for (int c = 0; c < cols; c++) {
                int64_t s = vssa_score(q[c], key, d, planes * digit, rd);
                w[c] = (rec_col){word(vssa_score(q[c], key, d, planes * digit, VSSA_ROUND_FLOOR)),
                                 word(s)};
                if (i == 0 || s > mx[c])
                    mx[c] = s;
            }
            record(3, (unsigned)perm[i], (unsigned)planes, i == rows - 1 ? 1 : 0, w);
        }
        memset(w, 0, sizeof w);
        if (rows == 0)
            record(3, 0, 0, 3, w);
        for (int c = 0; c < cols; c++)
            w[c].lo = word(mx[c]);
        record(4, 0, 0, 0, w);
    }
}

/* Softmax stage, one block over a key list of K entries:
 *   tag 1: a = K, b = nq, c = ES; hi = the column's maximum M
 *   tag 2: c = OS; hi = C, lo = {k, G}, for the whole list
 *   tag 3 x K, in list order: a = key slot, b = its value's planes;
 *     hi = score S, lo = {e, P}, e = vssa_exp(M - S, ES),
 *     P = vssa_prob(e, r, k) below nq and 0 from nq on.
 * Block 0 is the longest list with every score tied (E = 255 * MAX_SEQ)
 * and the smallest value precision (the largest C), block 1 the empty list
 * (E = 0), block 2 a single key (P = 65535). */
static void gen_softmax(int nblk, int cols, int sw, int digit, int maxseq, int mid)
{
    static int perm[REC_SEQ], vp[REC_SEQ];
    static int64_t s[REC_COLS][REC_SEQ];
    vssa_round rd = mid ? VSSA_ROUND_MID : VSSA_ROUND_FLOOR;
    int maxplanes = 8 / digit;
    int64_t smin = -((int64_t)1 << (sw - 1)), smax = ((int64_t)1 << (sw - 1)) - 1;
    rec_col w[REC_COLS];
    for (int b = 0; b < nblk; b++) {
        int n = b == 0 ? maxseq : b == 1 ? 0 : b == 2 ? 1
              : below(6) == 0 ? 0 : below(4) == 0 ? maxseq : 1 + (int)below((uint64_t)maxseq);
        int nq = b == 0 ? cols : 1 + (int)below((uint64_t)cols);
        uint32_t es = rand_es(), os = b == 0 ? 1u << 16 : rand_os();
        shuffle(perm, maxseq);
        for (int i = 0; i < n; i++)
            vp[i] = b == 0 ? 1 : (int)below((uint64_t)maxplanes + 1);
        int64_t m[REC_COLS] = {0};
        for (int c = 0; c < cols; c++) {
            int64_t top = smin + (int64_t)below((uint64_t)(smax - smin + 1));
            int tied = b == 0 || below(8) == 0;
            /* x on a log scale, or aimed at z = 0 .. 319 under this ES, where
             * e takes every value */
            uint64_t xspan = (uint64_t)(top - smin);
            uint64_t zspan = es > 0 ? ((uint64_t)320 << 28) / es : xspan;
            int aimed = below(2) == 0;
            for (int i = 0; i < n; i++) {
                uint64_t x = aimed ? below((zspan < xspan ? zspan : xspan) + 1)
                                   : below(xspan + 1) >> below((uint64_t)sw);
                s[c][i] = tied ? top : top - (int64_t)x;
                if (i == 0 || s[c][i] > m[c])
                    m[c] = s[c][i];
            }
            w[c] = (rec_col){word(m[c]), 0};
        }
        record(1, (unsigned)n, (unsigned)nq, es, w);
        static unsigned e[REC_COLS][REC_SEQ];
        int k[REC_COLS];
        uint32_t r[REC_COLS];
        for (int c = 0; c < cols; c++) {
            uint64_t esum = 0, csum = 0;
            for (int i = 0; i < n; i++) {
                e[c][i] = vssa_exp((uint64_t)(m[c] - s[c][i]), es);
                esum += e[c][i];
                csum += (uint64_t)e[c][i] * (uint64_t)vssa_recon(0, vp[i] * digit, rd);
            }
            k[c] = vssa_recip_shift(esum);
            r[c] = vssa_recip(esum);
            w[c] = (rec_col){(uint32_t)csum,
                             (uint32_t)k[c] << 24 | (uint32_t)vssa_out_gain(r[c], os)};
        }
        record(2, 0, 0, os, w);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < cols; c++)
                w[c] = (rec_col){word(s[c][i]),
                                 e[c][i] << 16 | (c < nq ? vssa_prob(e[c][i], r[c], k[c]) : 0)};
            record(3, (unsigned)perm[i], (unsigned)vp[i], 0, w);
        }
    }
}

/* Output stage, one block: a random head of COLS queries and up to MAX_SEQ
 * keys through vssa_head(). The drain delivers the floor part of A, so
 * F = A - C with C = sum_j e_j * 2^(7-pv_j) as the softmax sums it.
 *   tag 1: a = nq, b = 1 when no key has a value with planes (P.V has no
 *     rows, none_i); hi = C, lo = {k, G}
 *   tag 2 x D (t = 0, 1, ...): hi = F[t], lo = O[t] = vssa_requant(A, G, k).
 * Block 0 saturates high (every e 255, every v 127), block 1 low with one
 * query (the registers of the others still hold its rows), block 2 has keys
 * but no values, block 3 no keys at all, block 4 the largest C (every e
 * 255, every value at the smallest precision). Half the others aim ES at
 * the head's score spread, so that e, E and k differ between queries. */
static void gen_outq(int nblk, int cols, int d, int digit, int maxseq, int mid)
{
    static int8_t q[REC_COLS * REC_D], k[REC_SEQ * REC_D], v[REC_SEQ * REC_D];
    static int kbits[REC_SEQ], vbits[REC_SEQ];
    static uint8_t e[REC_COLS * REC_SEQ];
    static int64_t a[REC_COLS * REC_D];
    static int8_t o[REC_COLS * REC_D];
    static int64_t s[REC_COLS * REC_SEQ];
    uint64_t esum[REC_COLS];
    uint32_t r[REC_COLS];
    int ks[REC_COLS];
    int maxplanes = 8 / digit;
    rec_col w[REC_COLS];
    for (int b = 0; b < nblk; b++) {
        int ext = b < 2 || b == 4;
        int n = ext ? maxseq : b == 3 ? 0 : 1 + (int)below((uint64_t)maxseq);
        for (int i = 0; i < cols * d; i++)
            q[i] = rand_i8();
        int valued = !(b == 2 || (b > 4 && below(8) == 0));
        for (int j = 0; j < n; j++) {
            kbits[j] = ext ? 8 : digit * (int)below((uint64_t)maxplanes + 1);
            vbits[j] = b == 4 ? digit : ext ? 8 : !valued ? 0
                                                          : digit * (int)below((uint64_t)maxplanes + 1);
            for (int t = 0; t < d; t++) {
                k[j * d + t] = rand_i8();
                v[j * d + t] = b == 0 ? 127 : b == 1 ? -128 : rand_i8();
            }
        }
        vssa_head_in in = {cols, n, d, q, k, v, kbits, vbits,
                           mid ? VSSA_ROUND_MID : VSSA_ROUND_FLOOR,
                           ext ? 1 : rand_es(), b < 2 ? 0xffffff : rand_os(), 0};
        if (!ext && below(2) == 0) {
            /* z of the widest gap of query 0's listed scores: 16 .. 639 */
            vssa_scores(q, cols, k, kbits, n, d, in.round, s);
            int64_t lo = 0, hi = 0;
            int any = 0;
            for (int j = 0; j < n; j++)
                if (kbits[j] > 0) {
                    lo = !any || s[j] < lo ? s[j] : lo;
                    hi = !any || s[j] > hi ? s[j] : hi;
                    any = 1;
                }
            uint64_t es = ((uint64_t)(16 + below(624)) << 28) / (uint64_t)(hi - lo + 1);
            in.es = es < 1 ? 1 : es > 0xffffffffu ? 0xffffffffu : (uint32_t)es;
        }
        vssa_head_out out = {NULL, e, esum, r, ks, NULL, a, o, NULL, NULL};
        if (vssa_head(&in, &out) != 0) {
            fprintf(stderr, "vectors: out of memory\n");
            exit(1);
        }
        int none = 1;
        for (int j = 0; j < n; j++)
            if (kbits[j] > 0 && vbits[j] > 0)
                none = 0;
        int64_t csum[REC_COLS];
        for (int c = 0; c < cols; c++) {
            csum[c] = 0;
            for (int j = 0; j < n; j++)
                csum[c] += (int64_t)e[c * n + j] * vssa_recon(0, vbits[j], in.round);
            w[c] = (rec_col){(uint32_t)csum[c],
                             (uint32_t)ks[c] << 24 | (uint32_t)vssa_out_gain(r[c], in.os)};
        }
        int nq = b == 1 ? 1 : ext ? cols : 1 + (int)below((uint64_t)cols);
        record(1, (unsigned)nq, (unsigned)none, 0, w);
        for (int t = 0; t < d; t++) {
            for (int c = 0; c < cols; c++)
                w[c] = (rec_col){word(a[c * d + t] - csum[c]), (uint8_t)o[c * d + t]};
            record(2, 0, 0, 0, w);
        }
    }
}

/* Compensation unit, one key set through vssa_comp_token():
 *   tag 1: a = n, the set's keys
 *   tag 2 x n: b = 1 for a pruned key (no planes); word t: hi = k_t, lo = v_t
 *   tag 3: a = c, the pruned keys; word t: hi = kbar_t, lo = vsum_t.
 * Sets 0 and 1 prune MAX_SEQ keys of -128 and of 127 (the sums' extremes),
 * set 2 keeps them all (c = 0), set 3 prunes one (c = 1), set 4 is empty,
 * sets 5 and 6 prune the largest power of two of keys and two keys, all
 * in -3..3 (halves: the rounding's ties, which only an exact reciprocal
 * gets right); a quarter of the rest do the same with a random power of
 * two, the others prune a random share of keys, random or extreme. */
static void gen_comp(int nset, int d, int maxseq)
{
    static int8_t k[REC_SEQ * REC_D], v[REC_SEQ * REC_D], kbar[REC_D];
    static int kbits[REC_SEQ];
    static int64_t vsum[REC_D];
    rec_col w[REC_D];
    rec_ncols = d;
    for (int s = 0; s < nset; s++) {
        int n = s < 3 || s == 5 ? maxseq : s == 4 ? 0 : 1 + (int)below((uint64_t)maxseq);
        int one = s == 3 ? (int)below((uint64_t)n) : -1;
        int tie = s == 5 || s == 6 || (s > 6 && below(4) == 0);
        int pow2 = 1, lg = 0;
        while (pow2 * 2 <= n) {
            pow2 *= 2;
            lg++;
        }
        int ties = s == 5 ? pow2 : s == 6 ? (n < 2 ? n : 2) : 1 << below((uint64_t)lg + 1);
        int share = (int)below(5);   /* quarters pruned */
        int vmode = (int)below(3);   /* 0: random, 1: extremes, 2: a quarter extreme */
        for (int j = 0; j < n; j++) {
            int pr = s < 2 ? 1 : s == 2 ? 0 : s == 3 ? j == one : tie ? j < ties
                   : (int)below(4) < share;
            kbits[j] = pr ? 0 : 8;
            for (int t = 0; t < d; t++) {
                int8_t *x[2] = {&k[j * d + t], &v[j * d + t]};
                for (int i = 0; i < 2; i++) {
                    int ext = vmode == 1 || (vmode == 2 && below(4) == 0);
                    *x[i] = s == 0 ? -128 : s == 1 ? 127 : tie ? (int8_t)((int)below(7) - 3)
                          : ext ? (below(2) ? 127 : -128) : rand_i8();
                }
            }
        }
        int c = vssa_comp_token(k, v, kbits, n, d, kbar, vsum);
        memset(w, 0, sizeof w);
        record(1, (unsigned)n, 0, 0, w);
        for (int j = 0; j < n; j++) {
            for (int t = 0; t < d; t++)
                w[t] = (rec_col){word(k[j * d + t]), word(v[j * d + t])};
            record(2, (unsigned)j, kbits[j] == 0, 0, w);
        }
        for (int t = 0; t < d; t++)
            w[t] = (rec_col){word(kbar[t]), word(vsum[t])};
        record(3, (unsigned)c, 0, 0, w);
    }
}

/* ---- the virtual key of section 15 in the softmax and output stages ---- */

/* A random compensated head of COLS queries for block b, through
 * vssa_head() with comp = 1 into h->out (s, e, E, r, k, P, A, O, S_z, e_z
 * of every query). Block kinds, so that every case comes early:
 *   0  S_z above every listed score (queries >= 0, pruned keys all 127)
 *   1  S_z below every listed score (queries >= 0, pruned keys all -128)
 *   2  every key pruned: no listed key, M = S_z, e_z = 255 (ES = 2^28:
 *      z = x, so any other M gives a smaller e_z)
 *   3  no key pruned (c = 0): as without compensation
 *   4  MAX_SEQ keys, every e 255 (ES = 0), every value -128 at 8 bits: the
 *      largest E and |A|
 *   5  one key pruned (c = 1)
 *   6  the pruned keys all equal one listed 8-bit key: S_z ties its score
 *   7  no key pruned, no value with planes (P.V has no rows)
 *   8  keys pruned, no value with planes (no P.V rows, but e_z * vsum)
 *  9+  a random share pruned, values random or extreme.
 * Half the blocks from 5 on aim ES at query 0's spread of scores, S_z
 * included, so that e and e_z take many values. */
typedef struct {
    int8_t q[REC_COLS * REC_D], k[REC_SEQ * REC_D], v[REC_SEQ * REC_D];
    int kbits[REC_SEQ], vbits[REC_SEQ];
    int64_t s[REC_COLS * REC_SEQ], a[REC_COLS * REC_D], sz[REC_COLS];
    uint8_t e[REC_COLS * REC_SEQ], ez[REC_COLS];
    uint16_t p[REC_COLS * REC_SEQ];
    int8_t o[REC_COLS * REC_D];
    uint64_t esum[REC_COLS];
    uint32_t r[REC_COLS];
    int ks[REC_COLS];
    int zc;   /* pruned keys */
    vssa_head_in in;
    vssa_head_out out;
} comp_head;

static void run_head(comp_head *h)
{
    h->out = (vssa_head_out){h->s, h->e, h->esum, h->r, h->ks, h->p, h->a, h->o, h->sz, h->ez};
    if (vssa_head(&h->in, &h->out) != 0) {
        fprintf(stderr, "vectors: out of memory\n");
        exit(1);
    }
}

static void gen_comp_head(comp_head *h, int b, int cols, int d, int digit, int maxseq, int mid)
{
    int maxplanes = 8 / digit;
    int n = b == 4 ? maxseq : b == 5 || b == 6 ? 1 + (int)below((uint64_t)maxseq)
          : below(4) == 0 ? maxseq : 1 + (int)below((uint64_t)maxseq);
    int share = b == 2 ? 4 : b == 3 || b == 7 ? 0 : b < 2 || b == 8 ? 2 : (int)below(5);
    int vmode = (int)below(3);   /* 0: random, 1: extremes, 2: a quarter extreme */
    int one = (int)below((uint64_t)n), tied = (int)below((uint64_t)n);
    for (int i = 0; i < cols * d; i++)
        h->q[i] = b < 2 ? (int8_t)below(128) : rand_i8();
    for (int j = 0; j < n; j++) {
        int pr = b == 5 || b == 8 ? j == one || (b == 8 && (int)below(4) < share)
               : b == 6 ? j != tied && below(2) : (int)below(4) < share;   /* share: quarters */
        int kp = 1 + (int)below((uint64_t)maxplanes), vp = (int)below((uint64_t)maxplanes + 1);
        h->kbits[j] = pr ? 0 : b == 6 && j == tied ? 8 : digit * kp;
        h->vbits[j] = b == 4 ? 8 : b == 7 || b == 8 ? 0 : digit * vp;
        for (int t = 0; t < d; t++) {
            int ext = vmode == 1 || (vmode == 2 && below(4) == 0);
            int8_t x = ext ? (below(2) ? 127 : -128) : rand_i8();
            h->k[j * d + t] = pr && b == 0 ? 127 : pr && b == 1 ? -128 : x;
            h->v[j * d + t] = b == 4 ? -128 : ext || below(2) ? x : rand_i8();
        }
    }
    if (b == 6) {
        for (int j = 0; j < n; j++)
            if (h->kbits[j] == 0)
                memcpy(&h->k[j * d], &h->k[tied * d], (size_t)d);
    }
    h->zc = 0;
    for (int j = 0; j < n; j++)
        h->zc += h->kbits[j] == 0;
    h->in = (vssa_head_in){cols, n, d, h->q, h->k, h->v, h->kbits, h->vbits,
                           mid ? VSSA_ROUND_MID : VSSA_ROUND_FLOOR,
                           b == 4 ? 0 : b == 2 ? 1u << 28 : rand_es(),
                           b == 4 ? 0xffffff : rand_os(), 1};
    if (b >= 5 && below(2) == 0) {
        /* z of the widest gap of query 0's scores: 16 .. 639 */
        h->in.es = 1;
        run_head(h);
        int64_t lo = h->sz[0], hi = h->sz[0];
        int any = h->zc > 0;
        for (int j = 0; j < n; j++)
            if (h->kbits[j] > 0) {
                lo = !any || h->s[j] < lo ? h->s[j] : lo;
                hi = !any || h->s[j] > hi ? h->s[j] : hi;
                any = 1;
            }
        uint64_t es = ((uint64_t)(16 + below(624)) << 28) / (uint64_t)(hi - lo + 1);
        h->in.es = es < 1 ? 1 : es > 0xffffffffu ? 0xffffffffu : (uint32_t)es;
    }
    run_head(h);
}

/* Softmax stage with the virtual key: the softmax records, M in tag 1 the
 * maximum of the listed scores only (0 without one), and after tag 2
 *   tag 5: a = c (0: no virtual key); hi = S_z, lo = {e_z, E} (8 and 24 bits)
 * from a compensated head (gen_comp_head). */
static void gen_softmax_comp(int nblk, int cols, int d, int digit, int maxseq, int mid)
{
    static comp_head h;
    static int perm[REC_SEQ], list[REC_SEQ];
    rec_col w[REC_COLS];
    for (int b = 0; b < nblk; b++) {
        gen_comp_head(&h, b, cols, d, digit, maxseq, mid);
        int n = h.in.n, nk = 0;
        int nq = b == 0 || b == 4 ? cols : 1 + (int)below((uint64_t)cols);
        shuffle(perm, maxseq);   /* key j's index */
        shuffle(list, n);        /* list order */
        for (int i = 0; i < n; i++)
            if (h.kbits[list[i]] > 0)
                list[nk++] = list[i];
        for (int c = 0; c < cols; c++) {
            int64_t m = 0;
            for (int i = 0; i < nk; i++)
                if (i == 0 || h.s[c * n + list[i]] > m)
                    m = h.s[c * n + list[i]];
            w[c] = (rec_col){word(m), 0};
        }
        record(1, (unsigned)nk, (unsigned)nq, h.in.es, w);
        for (int c = 0; c < cols; c++) {
            uint64_t csum = 0;
            for (int i = 0; i < nk; i++)
                csum += (uint64_t)h.e[c * n + list[i]] *
                        (uint64_t)vssa_recon(0, h.vbits[list[i]], h.in.round);
            w[c] = (rec_col){(uint32_t)csum,
                             (uint32_t)h.ks[c] << 24 | (uint32_t)vssa_out_gain(h.r[c], h.in.os)};
        }
        record(2, 0, 0, h.in.os, w);
        for (int c = 0; c < cols; c++)
            w[c] = (rec_col){word(h.sz[c]), (uint32_t)h.ez[c] << 24 | (uint32_t)h.esum[c]};
        record(5, (unsigned)h.zc, 0, 0, w);
        for (int i = 0; i < nk; i++) {
            int j = list[i];
            for (int c = 0; c < cols; c++)
                w[c] = (rec_col){word(h.s[c * n + j]),
                                 (uint32_t)h.e[c * n + j] << 16 | (c < nq ? h.p[c * n + j] : 0u)};
            record(3, (unsigned)perm[j], (unsigned)(h.vbits[j] / digit), 0, w);
        }
    }
}

/* Output stage with the virtual key: the outq records of a compensated
 * head (gen_comp_head), F = A - C - e_z * vsum_t, and after tag 1
 *   tag 5: a = c (0: no virtual key); lo = e_z
 * with vsum_t of vssa_comp_token() in c of tag 2 t. */
static void gen_outq_comp(int nblk, int cols, int d, int digit, int maxseq, int mid)
{
    static comp_head h;
    static int8_t kbar[REC_D];
    static int64_t vsum[REC_D];
    rec_col w[REC_COLS];
    for (int b = 0; b < nblk; b++) {
        gen_comp_head(&h, b, cols, d, digit, maxseq, mid);
        int n = h.in.n, none = 1;
        for (int j = 0; j < n; j++)
            if (h.kbits[j] > 0 && h.vbits[j] > 0)
                none = 0;
        vssa_comp_token(h.k, h.v, h.kbits, n, d, kbar, vsum);
        int64_t csum[REC_COLS];
        for (int c = 0; c < cols; c++) {
            csum[c] = 0;
            for (int j = 0; j < n; j++)
                csum[c] += (int64_t)h.e[c * n + j] * vssa_recon(0, h.vbits[j], h.in.round);
            w[c] = (rec_col){(uint32_t)csum[c],
                             (uint32_t)h.ks[c] << 24 | (uint32_t)vssa_out_gain(h.r[c], h.in.os)};
        }
        int nq = b == 4 ? cols : 1 + (int)below((uint64_t)cols);
        record(1, (unsigned)nq, (unsigned)none, 0, w);
        for (int c = 0; c < cols; c++)
            w[c] = (rec_col){0, h.ez[c]};
        record(5, (unsigned)h.zc, 0, 0, w);
        for (int t = 0; t < d; t++) {
            for (int c = 0; c < cols; c++)
                w[c] = (rec_col){word(h.a[c * d + t] - csum[c] - (int64_t)h.ez[c] * vsum[t]),
                                 (uint8_t)h.o[c * d + t]};
            record(2, 0, 0, word(vsum[t]), w);
        }
    }
}

static void gen_rank(int cases, int impw, int ncut, int maxseq)
{
    uint64_t *imp = malloc(((size_t)maxseq + 1) * sizeof *imp);
    int *cls = malloc(((size_t)maxseq + 1) * sizeof *cls);
    uint64_t top = ((uint64_t)1 << impw) - 1;
    for (int c = 0; c < cases && imp && cls; c++) {
        int n = c == 0 ? 0 : c == 1 ? 1 : c == 2 ? maxseq : 1 + (int)below((uint64_t)maxseq);
        int spread = (int)below(4);   /* 0: few distinct values ... 3: any */
        for (int j = 0; j < n; j++) {
            uint64_t v = spread == 3 ? vssa_rng_next(&rng) & top : below((uint64_t)4 << (4 * spread));
            imp[j] = below(8) == 0 ? top : v & top;
        }
        int raw[VSSA_MAX_CLASSES], eff[VSSA_MAX_CLASSES], sum = 0, prev = 0;
        uint64_t packed = 0;
        for (int k = 0; k < ncut; k++) {
            raw[k] = (int)below(c % 5 == 4 ? 1024 : 700);   /* some sums pass 1000 */
            sum += raw[k];
            int clamped = sum > 1000 ? 1000 : sum;
            eff[k] = clamped - prev;
            prev = clamped;
            packed |= (uint64_t)raw[k] << (10 * k);
        }
        vssa_rank_radix(imp, n, impw, eff, ncut + 1, cls, NULL, NULL);
        printf("%016llx\n%016llx\n", (unsigned long long)n, (unsigned long long)packed);
        for (int j = 0; j < n; j++)
            printf("%016llx\n", (unsigned long long)imp[j]);
        for (int j = 0; j < n; j++)
            printf("%016x\n", cls[j]);
    }
    free(imp);
    free(cls);
}

static void gen_lut(void)
{
    printf("256'h");
    for (int f = VSSA_EXP_LUT_N - 1; f >= 0; f--)
        printf("%02x", vssa_exp_lut[f]);
    printf("\n");
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "lut") == 0) {
        gen_lut();
        return 0;
    }
    if (argc < 5) {
        fprintf(stderr, "usage: vectors exp|recip|requant N SEED WIDTH [K_MAX]\n"
                        "       vectors score|softmax|outq N SEED COLS D|S_W DIGIT MAX_SEQ MID\n"
                        "       vectors softmax-comp|outq-comp N SEED COLS D DIGIT MAX_SEQ MID\n"
                        "       vectors comp N SEED D MAX_SEQ\n"
                        "       vectors rank N SEED IMP_W NCUT MAX_SEQ\n"
                        "       vectors lut\n");
        return 2;
    }
    int n = atoi(argv[2]), w = atoi(argv[4]);
    vssa_rng_seed(&rng, strtoull(argv[3], NULL, 10));
    int rec = argc == 9 && (strcmp(argv[1], "score") == 0 || strcmp(argv[1], "softmax") == 0 ||
                            strcmp(argv[1], "outq") == 0 || strcmp(argv[1], "softmax-comp") == 0 ||
                            strcmp(argv[1], "outq-comp") == 0);
    int x = rec ? atoi(argv[5]) : 0, digit = rec ? atoi(argv[6]) : 0;
    int maxseq = rec ? atoi(argv[7]) : 0, mid = rec ? atoi(argv[8]) : 0;
    if (rec) {
        rec_ncols = w;
        rec = w >= 1 && w <= REC_COLS && (digit == 1 || digit == 2 || digit == 4 || digit == 8) &&
              maxseq >= 1 && maxseq <= REC_SEQ && (mid == 0 || mid == 1);
    }
    if (strcmp(argv[1], "rank") == 0 && argc == 7 && w >= 16 && w <= 63 &&
        atoi(argv[5]) >= 1 && atoi(argv[5]) < VSSA_MAX_CLASSES && atoi(argv[6]) >= 1 &&
        atoi(argv[6]) <= 65536)
        gen_rank(n, w, atoi(argv[5]), atoi(argv[6]));
    else if (strcmp(argv[1], "comp") == 0 && argc == 6 && w >= 1 && w <= REC_D &&
             atoi(argv[5]) >= 1 && atoi(argv[5]) <= REC_SEQ)
        gen_comp(n, w, atoi(argv[5]));
    else if (strcmp(argv[1], "exp") == 0 && w >= 6 && w <= 32)
        gen_exp(n, w);
    else if (strcmp(argv[1], "recip") == 0 && w >= 8 && w <= 32)
        gen_recip(n, w);
    else if (strcmp(argv[1], "requant") == 0 && argc == 6 && w >= 10 && w <= 38)
        gen_requant(n, w, atoi(argv[5]));
    else if (rec && strcmp(argv[1], "score") == 0 && x >= 1 && x <= REC_D)
        gen_score(n, w, x, digit, maxseq, mid);
    else if (rec && strcmp(argv[1], "softmax") == 0 && x >= 8 && x <= 26)
        gen_softmax(n, w, x, digit, maxseq, mid);
    else if (rec && strcmp(argv[1], "outq") == 0 && x >= 1 && x <= REC_D)
        gen_outq(n, w, x, digit, maxseq, mid);
    else if (rec && strcmp(argv[1], "softmax-comp") == 0 && x >= 1 && x <= REC_D)
        gen_softmax_comp(n, w, x, digit, maxseq, mid);
    else if (rec && strcmp(argv[1], "outq-comp") == 0 && x >= 1 && x <= REC_D)
        gen_outq_comp(n, w, x, digit, maxseq, mid);
    else {
        fprintf(stderr, "vectors: bad arguments\n");
        return 2;
    }
    return 0;
}
