/* SPDX-License-Identifier: MIT */
/* test_golden.c - cmocka unit tests for the golden numeric model (golden/vssa.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vssa.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* sum_{i < ndigits} digit_i(k) * 2^(8 - b(i+1)); the section 3 identity. */
static int64_t digit_sum(int8_t k, int b, int ndigits)
{
    int64_t sum = 0;
    for (int i = 0; i < ndigits; i++)
        sum += (int64_t)vssa_digit(k, b, i) * ((int64_t)1 << (8 - b * (i + 1)));
    return sum;
}

/* Does v fit in a w-bit two's-complement integer? */
static int fits_signed(int64_t v, int w)
{
    int64_t half = (int64_t)1 << (w - 1);
    return v >= -half && v <= half - 1;
}

static void assign_expect(const uint64_t *imp, int n, const int *ratio,
                          int nclass, const int *want)
{
    int cls[16];
    assert_true(n <= (int)ARRAY_LEN(cls));
    memset(cls, 0x7f, sizeof cls);
    assert_int_equal(vssa_assign_classes(imp, n, ratio, nclass, cls), 0);
    for (int j = 0; j < n; j++)
        assert_int_equal(cls[j], want[j]);
}

/* ---- trunc ------------------------------------------------------------- */

static void test_trunc_hand(void **state)
{
    (void)state;
    assert_int_equal(vssa_trunc(127, 4), 112);   /* 0x7F -> 0x70 */
    assert_int_equal(vssa_trunc(-1, 4), -16);    /* floor, not toward 0 */
    assert_int_equal(vssa_trunc(-128, 4), -128);
    assert_int_equal(vssa_trunc(5, 4), 0);
    assert_int_equal(vssa_trunc(-7, 4), -16);
    assert_int_equal(vssa_trunc(-17, 4), -32);
    assert_int_equal(vssa_trunc(100, 2), 64);
    assert_int_equal(vssa_trunc(-37, 2), -64);
    assert_int_equal(vssa_trunc(127, 1), 0);
    assert_int_equal(vssa_trunc(-1, 1), -128);
    assert_int_equal(vssa_trunc(127, 7), 126);
    assert_int_equal(vssa_trunc(-127, 7), -128);
}

static void test_trunc_p8_identity_p0_zero(void **state)
{
    (void)state;
    for (int k = -128; k <= 127; k++) {
        assert_int_equal(vssa_trunc((int8_t)k, 8), k);
        assert_int_equal(vssa_trunc((int8_t)k, 0), 0);
    }
}

static void test_trunc_floor_properties(void **state)
{
    (void)state;
    static const int ps[] = {2, 4, 6};
    for (size_t pi = 0; pi < ARRAY_LEN(ps); pi++) {
        int step = 1 << (8 - ps[pi]);
        for (int k = -128; k <= 127; k++) {
            int t = vssa_trunc((int8_t)k, ps[pi]);
            assert_int_equal(t % step, 0);
            assert_true(t <= k);
            assert_true(t > k - step);
        }
    }
}

/* ---- digits ------------------------------------------------------------ */

static void test_digit_hand(void **state)
{
    (void)state;
    /* 90 = 0b01011010 */
    assert_int_equal(vssa_digit(90, 2, 0), 1);
    assert_int_equal(vssa_digit(90, 2, 1), 1);
    assert_int_equal(vssa_digit(90, 2, 2), 2);
    assert_int_equal(vssa_digit(90, 2, 3), 2);
    /* -1 = 0xFF: signed top nibble -1, unsigned low nibble 15 */
    assert_int_equal(vssa_digit(-1, 4, 0), -1);
    assert_int_equal(vssa_digit(-1, 4, 1), 15);
    /* -128 = 0x80 */
    assert_int_equal(vssa_digit(-128, 4, 0), -8);
    assert_int_equal(vssa_digit(-128, 4, 1), 0);
    assert_int_equal(vssa_digit(-128, 1, 0), -1);
    assert_int_equal(vssa_digit(-128, 8, 0), -128);
    assert_int_equal(vssa_digit(77, 8, 0), 77);
}

static void test_digit_reconstructs_k(void **state)
{
    (void)state;
    static const int bs[] = {1, 2, 4, 8};
    for (size_t bi = 0; bi < ARRAY_LEN(bs); bi++) {
        int b = bs[bi];
        int nd = 8 / b;
        for (int k = -128; k <= 127; k++) {
            int d0 = vssa_digit((int8_t)k, b, 0);
            assert_true(d0 >= -(1 << (b - 1)) && d0 < (1 << (b - 1)));
            assert_int_equal(d0 < 0, k < 0);
            for (int i = 1; i < nd; i++) {
                int di = vssa_digit((int8_t)k, b, i);
                assert_true(di >= 0 && di < (1 << b));
            }
            assert_int_equal(digit_sum((int8_t)k, b, nd), k);
        }
    }
}

static void test_trunc_equals_digit_planes(void **state)
{
    (void)state;
    static const int bs[] = {1, 2, 4};
    for (size_t bi = 0; bi < ARRAY_LEN(bs); bi++) {
        int b = bs[bi];
        for (int p = 0; p <= 8; p += b)
            for (int k = -128; k <= 127; k++)
                assert_int_equal(vssa_trunc((int8_t)k, p),
                                 digit_sum((int8_t)k, b, p / b));
    }
}

/* ---- class tags -------------------------------------------------------- */

static void test_class_bits(void **state)
{
    (void)state;
    static const int bits[] = {8, 4, 2, 0};
    assert_int_equal(vssa_class_bits(bits, 4, 0), 8);
    assert_int_equal(vssa_class_bits(bits, 4, 1), 4);
    assert_int_equal(vssa_class_bits(bits, 4, 2), 2);
    assert_int_equal(vssa_class_bits(bits, 4, 3), 0);
    assert_int_equal(vssa_class_bits(bits, 4, 4), 0);
    assert_int_equal(vssa_class_bits(bits, 4, 100), 0);
    /* With 2 classes, tags 2 and 3 must read bits[1], not bits[2..3]. */
    assert_int_equal(vssa_class_bits(bits, 2, 1), 4);
    assert_int_equal(vssa_class_bits(bits, 2, 2), 4);
    assert_int_equal(vssa_class_bits(bits, 2, 3), 4);
    assert_int_equal(vssa_class_bits(bits, 1, 5), 8);
}

/* ---- score width ------------------------------------------------------- */

static void test_score_width_hand(void **state)
{
    (void)state;
    assert_int_equal(vssa_score_width(1), 16);  /* 16384 needs 16 bits */
    assert_int_equal(vssa_score_width(2), 17);  /* 32768 needs 17 bits */
    assert_int_equal(vssa_score_width(3), 17);  /* 49152 */
    assert_int_equal(vssa_score_width(4), 18);  /* 65536 */
    assert_int_equal(vssa_score_width(64), 22); /* 2^20 */
    assert_int_equal(vssa_score_width(1024), 26); /* 2^24 */
}

static void test_score_width_minimal(void **state)
{
    (void)state;
    for (int d = 1; d <= VSSA_HEAD_DIM_LIMIT; d++) {
        int w = vssa_score_width(d);
        int64_t lo = -16256 * (int64_t)d, hi = 16384 * (int64_t)d;
        assert_true(fits_signed(lo, w) && fits_signed(hi, w));
        assert_false(fits_signed(lo, w - 1) && fits_signed(hi, w - 1));
    }
}

/* ---- scores ------------------------------------------------------------ */

static void test_score_hand(void **state)
{
    (void)state;
    static const int8_t q[3] = {3, -5, 7};
    static const int8_t k[3] = {100, -37, 64};
    /* p=8: 3*100 + (-5)(-37) + 7*64 = 300 + 185 + 448 = 933 */
    assert_int_equal(vssa_score(q, k, 3, 8, VSSA_ROUND_FLOOR), 933);
    /* p=4: trunc -> {96, -48, 64}: 288 + 240 + 448 = 976 */
    assert_int_equal(vssa_score(q, k, 3, 4, VSSA_ROUND_FLOOR), 976);
    /* p=2: trunc -> {64, -64, 64}: 192 + 320 + 448 = 960 */
    assert_int_equal(vssa_score(q, k, 3, 2, VSSA_ROUND_FLOOR), 960);
    /* p=0: pruned, formula gives 0 */
    assert_int_equal(vssa_score(q, k, 3, 0, VSSA_ROUND_FLOOR), 0);
}

static void test_score_extremes(void **state)
{
    (void)state;
    int8_t q[VSSA_HEAD_DIM_LIMIT], kneg[VSSA_HEAD_DIM_LIMIT], kpos[VSSA_HEAD_DIM_LIMIT];
    memset(q, 0x80, sizeof q);    /* -128 */
    memset(kneg, 0x80, sizeof kneg);
    memset(kpos, 0x7f, sizeof kpos); /* 127 */
    int d = VSSA_HEAD_DIM_LIMIT;
    int w = vssa_score_width(d);

    /* -128 * -128 * 1024 = 16777216; -128 survives every truncation. */
    for (int p = 1; p <= 8; p++) {
        int64_t s = vssa_score(q, kneg, d, p, VSSA_ROUND_FLOOR);
        assert_int_equal(s, 16777216);
        assert_true(fits_signed(s, w));
    }
    /* -128 * 127 * 1024 = -16646144, the range minimum */
    int64_t s = vssa_score(q, kpos, d, 8, VSSA_ROUND_FLOOR);
    assert_int_equal(s, -16646144);
    assert_true(fits_signed(s, w));
    /* p=4: 127 -> 112, -128 * 112 * 1024 = -14680064 */
    assert_int_equal(vssa_score(q, kpos, d, 4, VSSA_ROUND_FLOOR), -14680064);
}

static void test_scores_2x3_mixed(void **state)
{
    (void)state;
    static const int8_t Q[2 * 2] = {1, 2, -3, 4};
    static const int8_t K[3 * 2] = {17, -20, 127, -128, -1, 33};
    static const int prec[3] = {8, 4, 2};
    /* truncated K rows: {17,-20}, {112,-128}, {-64,0}
     * S[0] = {17-40, 112-256, -64+0}   = {-23, -144, -64}
     * S[1] = {-51-80, -336-512, 192+0} = {-131, -848, 192} */
    static const int64_t want[2 * 3] = {-23, -144, -64, -131, -848, 192};
    int64_t S[2 * 3];
    vssa_scores(Q, 2, K, prec, 3, 2, VSSA_ROUND_FLOOR, S);
    for (size_t i = 0; i < ARRAY_LEN(want); i++)
        assert_int_equal(S[i], want[i]);
}

static void test_scores_match_score_random(void **state)
{
    (void)state;
    enum { M = 5, N = 7, D = 13 };
    int8_t Q[M * D], K[N * D];
    int prec[N];
    int64_t S[M * N];
    vssa_rng r;
    vssa_rng_seed(&r, 42);
    for (int i = 0; i < M * D; i++)
        Q[i] = (int8_t)((int)vssa_rng_below(&r, 256) - 128);
    for (int i = 0; i < N * D; i++)
        K[i] = (int8_t)((int)vssa_rng_below(&r, 256) - 128);
    for (int j = 0; j < N; j++)
        prec[j] = (int)vssa_rng_below(&r, 9);
    vssa_scores(Q, M, K, prec, N, D, VSSA_ROUND_FLOOR, S);
    for (int i = 0; i < M; i++) {
        for (int j = 0; j < N; j++) {
            int64_t ref = 0;
            for (int t = 0; t < D; t++)
                ref += Q[i * D + t] * vssa_trunc(K[j * D + t], prec[j]);
            assert_int_equal(S[i * N + j], ref);
        }
    }
}

/* ---- precision assignment ---------------------------------------------- */

static void test_assign_hand_and_ties(void **state)
{
    (void)state;
    /* n=5, cuts (2000+500)/1000=2, (4000+500)/1000=4.
     * rank: idx1(9) idx4(9) idx0(5) idx2(5) idx3(1) */
    static const uint64_t imp[5] = {5, 9, 5, 1, 9};
    static const int r44[2] = {400, 400};
    static const int want[5] = {1, 0, 1, 2, 0};
    assign_expect(imp, 5, r44, 3, want);

    /* cut = (3*333+500)/1000 = 1: only the lowest tied index is class 0 */
    static const uint64_t tie[3] = {7, 7, 7};
    static const int r333[1] = {333};
    static const int want_tie[3] = {0, 1, 1};
    assign_expect(tie, 3, r333, 2, want_tie);

    /* rounding: (10*250+500)/1000 = 3 */
    static const uint64_t inc[10] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    static const int r250[1] = {250};
    static const int want_r250[10] = {1, 1, 1, 1, 1, 1, 1, 0, 0, 0};
    assign_expect(inc, 10, r250, 2, want_r250);
}

static void test_assign_cut_points(void **state)
{
    (void)state;
    /* 200/600 on n=10: cut_0 = 2, cut_1 = (8000+500)/1000 = 8 */
    static const int r[2] = {200, 600};
    static const uint64_t inc[10] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    static const int want_inc[10] = {2, 2, 1, 1, 1, 1, 1, 1, 0, 0};
    assign_expect(inc, 10, r, 3, want_inc);

    static const uint64_t eq[10] = {42, 42, 42, 42, 42, 42, 42, 42, 42, 42};
    static const int want_eq[10] = {0, 0, 1, 1, 1, 1, 1, 1, 2, 2};
    assign_expect(eq, 10, r, 3, want_eq);

    /* ratios summing to exactly 1000 leave the last class empty */
    static const uint64_t imp4[4] = {UINT64_MAX, 0, 3, UINT64_MAX - 1};
    static const int r55[2] = {500, 500};
    static const int want4[4] = {0, 1, 1, 0};
    assign_expect(imp4, 4, r55, 3, want4);
}

static void test_assign_edge_cases(void **state)
{
    (void)state;
    static const int r[2] = {200, 600};
    int cls[4] = {9, 9, 9, 9};
    assert_int_equal(vssa_assign_classes(NULL, 0, r, 3, NULL), 0);

    static const uint64_t imp[4] = {3, 1, 4, 1};
    static const int want1[4] = {0, 0, 0, 0};
    assign_expect(imp, 4, NULL, 1, want1);

    static const int over[2] = {600, 401};
    static const int neg[2] = {-1, 500};
    static const int neg2[2] = {500, -1};
    assert_int_equal(vssa_assign_classes(imp, 4, over, 3, cls), -1);
    assert_int_equal(vssa_assign_classes(imp, 4, neg, 3, cls), -1);
    assert_int_equal(vssa_assign_classes(imp, 4, neg2, 3, cls), -1);
    assert_int_equal(vssa_assign_classes(NULL, 0, over, 3, NULL), -1);
}

/* ---- quantization and float reference ---------------------------------- */

static void test_quantize(void **state)
{
    (void)state;
    /* max 63.5 -> s = 0.5; x/s = 127, -127, 2.5, -2.5, 1.5, 0.5, 0.4, -0.6 */
    static const double x[8] = {63.5, -63.5, 1.25, -1.25, 0.75, 0.25, 0.2, -0.3};
    static const int want[8] = {127, -127, 3, -3, 2, 1, 0, -1};
    int8_t xq[8];
    assert_true(vssa_quantize(x, 8, xq) == 0.5);
    for (int i = 0; i < 8; i++)
        assert_int_equal(xq[i], want[i]);

    /* max taken over |x|: s = 254/127 = 2 */
    static const double y[3] = {10.0, -254.0, -3.0};
    int8_t yq[3];
    assert_true(vssa_quantize(y, 3, yq) == 2.0);
    assert_int_equal(yq[0], 5);
    assert_int_equal(yq[1], -127);
    assert_int_equal(yq[2], -2); /* -1.5 -> -2 */
}

static void test_quantize_all_zero(void **state)
{
    (void)state;
    static const double z[5] = {0.0, -0.0, 0.0, 0.0, 0.0};
    int8_t zq[5];
    memset(zq, 99, sizeof zq);
    assert_true(vssa_quantize(z, 5, zq) == 1.0);
    for (int i = 0; i < 5; i++)
        assert_int_equal(zq[i], 0);
}

static void test_scores_float(void **state)
{
    (void)state;
    static const double Qf[2 * 2] = {1.5, -2.0, 0.0, 1.0};
    static const double Kf[2 * 2] = {2.0, 0.5, -1.0, 4.0};
    /* {3-1, -1.5-8; 0+0.5, 0+4} */
    static const double want[4] = {2.0, -9.5, 0.5, 4.0};
    double Sf[4];
    vssa_scores_float(Qf, 2, Kf, 2, 2, Sf);
    for (int i = 0; i < 4; i++)
        assert_true(Sf[i] == want[i]);
}

static void test_error_stats(void **state)
{
    (void)state;
    static const double a[4] = {1.0, -2.0, 3.5, 0.25};
    vssa_err e = vssa_error_stats(a, a, 4);
    assert_true(e.max_abs == 0.0);
    assert_true(e.mean_abs == 0.0);
    assert_true(fabs(e.cosine - 1.0) < 1e-12);

    /* ref {3,4}, approx {3,0}: diffs {0,4}; cos = 9 / (5*3) = 0.6 */
    static const double ref[2] = {3.0, 4.0}, apx[2] = {3.0, 0.0};
    e = vssa_error_stats(ref, apx, 2);
    assert_true(e.max_abs == 4.0);
    assert_true(e.mean_abs == 2.0);
    assert_true(fabs(e.cosine - 0.6) < 1e-12);

    /* opposite vectors: cos -1, diffs {2,4,6} */
    static const double pos[3] = {1.0, 2.0, 3.0}, negv[3] = {-1.0, -2.0, -3.0};
    e = vssa_error_stats(pos, negv, 3);
    assert_true(e.max_abs == 6.0);
    assert_true(e.mean_abs == 4.0);
    assert_true(fabs(e.cosine + 1.0) < 1e-12);

    static const double zero[3] = {0.0, 0.0, 0.0};
    e = vssa_error_stats(zero, zero, 3);
    assert_true(e.max_abs == 0.0 && e.mean_abs == 0.0);
    assert_true(e.cosine == 1.0);

    /* one side zero: defined as 0 (not NaN) */
    e = vssa_error_stats(pos, zero, 3);
    assert_true(e.max_abs == 3.0 && e.mean_abs == 2.0);
    assert_true(e.cosine == 0.0);
}

/* ---- rng --------------------------------------------------------------- */

static void test_rng_reference_and_determinism(void **state)
{
    (void)state;
    vssa_rng a, b;
    /* splitmix64 reference vectors */
    vssa_rng_seed(&a, 0);
    assert_true(vssa_rng_next(&a) == UINT64_C(0xE220A8397B1DCDAF));
    vssa_rng_seed(&a, 1234567);
    assert_true(vssa_rng_next(&a) == UINT64_C(6457827717110365317));
    assert_true(vssa_rng_next(&a) == UINT64_C(3203168211198807973));
    assert_true(vssa_rng_next(&a) == UINT64_C(9817491932198370423));

    vssa_rng_seed(&a, 7);
    vssa_rng_seed(&b, 7);
    for (int i = 0; i < 1000; i++)
        assert_true(vssa_rng_next(&a) == vssa_rng_next(&b));

    vssa_rng_seed(&a, 7);
    vssa_rng_seed(&b, 8);
    int same = 0;
    for (int i = 0; i < 1000; i++)
        same += vssa_rng_next(&a) == vssa_rng_next(&b);
    assert_int_equal(same, 0);
}

static void test_rng_below_and_unit(void **state)
{
    (void)state;
    static const uint32_t ns[] = {1, 2, 3, 7, 1000, UINT32_MAX};
    vssa_rng r;
    vssa_rng_seed(&r, 99);
    for (size_t ni = 0; ni < ARRAY_LEN(ns); ni++) {
        int seen[7] = {0};
        for (int i = 0; i < 10000; i++) {
            uint32_t v = vssa_rng_below(&r, ns[ni]);
            assert_true(v < ns[ni]);
            if (ns[ni] == 7)
                seen[v] = 1;
        }
        if (ns[ni] == 7)
            for (int v = 0; v < 7; v++)
                assert_true(seen[v]);
    }

    double sum = 0.0;
    for (int i = 0; i < 100000; i++) {
        double u = vssa_rng_unit(&r);
        assert_true(u >= 0.0 && u < 1.0);
        sum += u;
    }
    assert_true(fabs(sum / 100000 - 0.5) < 0.01);
}


/* ---- whole head (sections 7-12) ----------------------------------------- */

static void test_recon(void **state)
{
    (void)state;
    assert_int_equal(vssa_recon(127, 4, VSSA_ROUND_MID), 120);   /* 112 + 8 */
    assert_int_equal(vssa_recon(-1, 4, VSSA_ROUND_MID), -8);
    assert_int_equal(vssa_recon(-128, 4, VSSA_ROUND_MID), -120);
    assert_int_equal(vssa_recon(-77, 8, VSSA_ROUND_MID), -77);
    assert_int_equal(vssa_recon(100, 0, VSSA_ROUND_MID), 0);
    assert_int_equal(vssa_recon(127, 7, VSSA_ROUND_MID), 127);   /* 126 + 1 */
    for (int x = -128; x < 128; x++)
        for (int p = 0; p <= 8; p++) {
            int f = vssa_recon((int8_t)x, p, VSSA_ROUND_FLOOR);
            int m = vssa_recon((int8_t)x, p, VSSA_ROUND_MID);
            assert_int_equal(f, vssa_trunc((int8_t)x, p));
            assert_true(m > -129 && m < 128);
            if (p > 0 && p < 8) /* the midpoint is within half a step of x */
                assert_true(abs(m - x) <= (1 << (7 - p)));
        }
}

static void test_exp_table(void **state)
{
    (void)state;
    for (int f = 0; f < VSSA_EXP_LUT_N; f++)
        assert_int_equal(vssa_exp_lut[f], (int)floor(255.0 * pow(2.0, -f / 32.0) + 0.5));
    assert_int_equal(vssa_exp(0, 12345), 255);
    /* es = 2^28 makes z = x exactly: walk every z. */
    uint32_t es = 1u << 28;
    unsigned prev = 256;
    for (uint64_t z = 0; z < 400; z++) {
        unsigned e = vssa_exp(z, es);
        unsigned u = (unsigned)(z >> 5), lut = vssa_exp_lut[z & 31];
        unsigned want = u == 0 ? lut : u >= 9 ? 0 : (lut + (1u << (u - 1))) >> u;
        assert_int_equal(e, want);
        assert_true(e <= prev);   /* never increases with x */
        prev = e;
    }
    assert_int_equal(vssa_exp(32, es), 128);      /* 255/2 rounded half up */
    assert_int_equal(vssa_exp(8 * 32 + 31, es), 1);
    assert_int_equal(vssa_exp(9 * 32, es), 0);
    /* z rounds half up: x * es = 2^27 exactly gives z = 1. */
    assert_int_equal(vssa_exp(1, 1u << 27), vssa_exp_lut[1]);
    assert_int_equal(vssa_exp(1, (1u << 27) - 1), 255);
    /* the largest legal x and es do not overflow */
    assert_int_equal(vssa_exp((uint64_t)1 << 26, 0xffffffffu), 0);
}

static void test_recip_prob(void **state)
{
    (void)state;
    assert_int_equal(vssa_recip(0), 0);
    assert_int_equal(vssa_recip_shift(0), 0);
    assert_int_equal(vssa_recip_shift(255), 8);
    assert_int_equal(vssa_recip(255), 32896);
    assert_int_equal(vssa_prob(255, 32896, 8), 65535);   /* a one-key row */
    assert_int_equal(vssa_recip(256), 65536);            /* a power of two is exact */
    for (uint64_t E = 255; E < 300000; E += 37) {
        int k = vssa_recip_shift(E);
        uint32_t r = vssa_recip(E);
        assert_true(E >= (1ull << (k - 1)) && E < (1ull << k));
        assert_true(r >= 32768 && r <= 65536);
        assert_true((uint64_t)r * E <= (1ull << (k + 15)));
        assert_true((uint64_t)(r + 1) * E > (1ull << (k + 15)));
        for (unsigned e = 0; e <= 255 && e <= E; e += 17)
            assert_true(vssa_prob(e, r, k) <= 65535);
    }
    assert_int_equal(vssa_esum_width(512), 17);   /* 255 * 512 = 130560 */
    assert_int_equal(vssa_pv_width(512), 25);
}

static void test_requant(void **state)
{
    (void)state;
    /* E = 256: k 9, r 65536; OS = 1.0 gives G = r, so O = A / 256. */
    uint64_t g = vssa_out_gain(65536, 1u << 16);
    assert_int_equal(g, 65536);
    assert_int_equal(vssa_requant(256 * 10, g, 9), 10);
    assert_int_equal(vssa_requant(256 * 10 + 128, g, 9), 11);    /* half: up */
    assert_int_equal(vssa_requant(256 * 10 + 127, g, 9), 10);
    assert_int_equal(vssa_requant(-256 * 10 - 128, g, 9), -10);  /* half: toward +inf */
    assert_int_equal(vssa_requant(-256 * 10 - 129, g, 9), -11);
    assert_int_equal(vssa_requant(256 * 200, g, 9), 127);        /* saturates */
    assert_int_equal(vssa_requant(-256 * 200, g, 9), -128);
    assert_int_equal(vssa_requant(12345, g, 0), 0);              /* empty row */
    assert_int_equal(vssa_out_scale(1.0, 0.5), 131072);
    assert_int_equal(vssa_out_scale(1e9, 1.0), (1u << 24) - 1);
    assert_int_equal(vssa_exp_scale(0.01, 0.02, 4), (uint32_t)llround(0.0002 * 8589934592.0 / 2.0 / log(2.0)));
    assert_int_equal(vssa_exp_scale(1.0, 1.0, 4), 0xffffffffu);
}

/* A random head: the section 7 and 10 identities, and rows against a
 * direct evaluation of sections 8-11. */
static void test_head_identities(void **state)
{
    (void)state;
    enum { M = 5, N = 23, D = 7 };
    int8_t q[M * D], k[N * D], v[N * D];
    int kb[N], vb[N];
    static const int set[] = {8, 4, 2, 0};
    vssa_rng r;
    vssa_rng_seed(&r, 42);
    for (int i = 0; i < M * D; i++)
        q[i] = (int8_t)(vssa_rng_below(&r, 256) - 128);
    for (int i = 0; i < N * D; i++) {
        k[i] = (int8_t)(vssa_rng_below(&r, 256) - 128);
        v[i] = (int8_t)(vssa_rng_below(&r, 256) - 128);
    }
    for (int j = 0; j < N; j++) {
        kb[j] = set[vssa_rng_below(&r, 4)];
        vb[j] = j % 5 == 0 ? 8 : kb[j];
    }
    int64_t s[M * N], a[M * D];
    uint8_t e[M * N];
    uint64_t es[M];
    uint32_t rr[M];
    int kk[M];
    uint16_t p[M * N];
    int8_t o[M * D];
    vssa_head_in in = {M, N, D, q, k, v, kb, vb, VSSA_ROUND_MID, 300000, 3u << 16, 0};
    vssa_head_out out = {s, e, es, rr, kk, p, a, o, NULL, NULL};
    assert_int_equal(vssa_head(&in, &out), 0);
    for (int i = 0; i < M; i++) {
        int64_t qsum = 0, mx = INT64_MIN;
        for (int t = 0; t < D; t++)
            qsum += q[i * D + t];
        for (int j = 0; j < N; j++) {
            if (kb[j] == 0) {
                assert_int_equal(s[i * N + j], 0);
                assert_int_equal(p[i * N + j], 0);
                continue;
            }
            int64_t fl = vssa_score(q + i * D, k + j * D, D, kb[j], VSSA_ROUND_FLOOR);
            int64_t mid = kb[j] < 8 ? qsum * (1 << (7 - kb[j])) : 0;
            assert_int_equal(s[i * N + j], fl + mid);
            if (s[i * N + j] > mx)
                mx = s[i * N + j];
        }
        uint64_t sum = 0, psum = 0;
        for (int j = 0; j < N; j++) {
            unsigned want = kb[j] ? vssa_exp((uint64_t)(mx - s[i * N + j]), 300000) : 0;
            assert_int_equal(e[i * N + j], want);
            sum += want;
            psum += p[i * N + j];
        }
        assert_int_equal(es[i], sum);
        assert_true(psum <= 65536);
        for (int t = 0; t < D; t++) {
            int64_t fl = 0, c = 0;
            for (int j = 0; j < N; j++) {
                fl += (int64_t)e[i * N + j] * vssa_trunc(v[j * D + t], vb[j]);
                if (vb[j] > 0 && vb[j] < 8)
                    c += (int64_t)e[i * N + j] << (7 - vb[j]);
            }
            assert_int_equal(a[i * D + t], fl + c);
            assert_int_equal(o[i * D + t],
                             vssa_requant(a[i * D + t], vssa_out_gain(rr[i], 3u << 16), kk[i]));
        }
    }
}

static void test_head_all_pruned(void **state)
{
    (void)state;
    int8_t q[2] = {5, -3}, k[4] = {1, 2, 3, 4}, v[4] = {9, 9, 9, 9};
    int b[2] = {0, 0};
    int64_t a[2];
    int8_t o[2];
    uint64_t es[1];
    vssa_head_in in = {1, 2, 2, q, k, v, b, b, VSSA_ROUND_FLOOR, 1000, 1u << 16, 0};
    vssa_head_out out = {.esum = es, .a = a, .o = o};
    assert_int_equal(vssa_head(&in, &out), 0);
    assert_int_equal(es[0], 0);
    assert_int_equal(a[0], 0);
    assert_int_equal(o[1], 0);
}

/* ---- importance, ranking and compensation (sections 13-15) --------------- */

static void test_imp_width_and_add(void **state)
{
    (void)state;
    assert_int_equal(vssa_imp_width(1), 16);
    assert_int_equal(vssa_imp_width(2), 17);
    assert_int_equal(vssa_imp_width(65536), 32);
    assert_int_equal(vssa_imp_width(65537), 33);
    /* two rows of 65535 fit 17 bits exactly; a third saturates */
    uint64_t imp[3] = {0, 5, 131000};
    const uint16_t p[6] = {65535, 0, 100, 65535, 7, 400};
    vssa_imp_add(imp, 3, p, 2, 17);
    assert_int_equal(imp[0], 131070);
    assert_int_equal(imp[1], 12);
    assert_int_equal(imp[2], 131071);   /* 131500 saturates at 2^17 - 1 */
    vssa_imp_add(imp, 3, p, 1, 17);
    assert_int_equal(imp[0], 131071);
}

static void test_rank_radix_hand(void **state)
{
    (void)state;
    const uint64_t imp[5] = {5, 9, 5, 5, 1};
    const int ratio[2] = {200, 600};   /* cuts 1 and 4 */
    int cls[5];
    uint64_t t[2];
    int take[2];
    assert_int_equal(vssa_rank_radix(imp, 5, 16, ratio, 3, cls, t, take), 0);
    const int want[5] = {1, 0, 1, 1, 2};
    for (int j = 0; j < 5; j++)
        assert_int_equal(cls[j], want[j]);
    assert_int_equal(t[0], 9);
    assert_int_equal(take[0], 1);
    assert_int_equal(t[1], 5);
    assert_int_equal(take[1], 3);
    /* a cut that takes only some of the ties: the lower indices win */
    const int r2[2] = {400, 0};   /* cuts 2 and 2 */
    assert_int_equal(vssa_rank_radix(imp, 5, 16, r2, 3, cls, t, take), 0);
    const int want2[5] = {0, 0, 2, 2, 2};
    for (int j = 0; j < 5; j++)
        assert_int_equal(cls[j], want2[j]);
    assert_int_equal(take[0], 1);
    assert_int_equal(vssa_rank_passes(32), 9);
    const int bad[2] = {900, 200};
    assert_int_equal(vssa_rank_radix(imp, 5, 16, bad, 3, cls, NULL, NULL), -1);
}

/* The threshold search gives the sort's classes, ties and empty cuts
 * included, for any width. */
static void test_rank_radix_equals_sort(void **state)
{
    (void)state;
    enum { NMAX = 300 };
    uint64_t imp[NMAX];
    int a[NMAX], b[NMAX], ratio[VSSA_MAX_CLASSES];
    vssa_rng r;
    vssa_rng_seed(&r, 12);
    for (int trial = 0; trial < 3000; trial++) {
        int n = (int)vssa_rng_below(&r, NMAX + 1);
        int nclass = 1 + (int)vssa_rng_below(&r, 5);
        int w = 16 + (int)vssa_rng_below(&r, 40);
        int spread = (int)vssa_rng_below(&r, 4);   /* 0: heavy ties ... 3: full width */
        uint64_t mask = spread == 3 ? (((uint64_t)1 << w) - 1) : (uint64_t)(4 << (4 * spread)) - 1;
        for (int j = 0; j < n; j++) {
            imp[j] = vssa_rng_next(&r) & mask;
            if (spread == 3 && vssa_rng_below(&r, 3) == 0)
                imp[j] = ((uint64_t)1 << w) - 1;   /* saturated counters tie */
        }
        int left = 1000;
        for (int c = 0; c < nclass - 1; c++) {
            ratio[c] = (int)vssa_rng_below(&r, (uint32_t)left + 1);
            left -= ratio[c];
        }
        assert_int_equal(vssa_assign_classes(imp, n, ratio, nclass, a), 0);
        assert_int_equal(vssa_rank_radix(imp, n, w, ratio, nclass, b, NULL, NULL), 0);
        for (int j = 0; j < n; j++)
            assert_int_equal(a[j], b[j]);
    }
}

static void test_comp_hand(void **state)
{
    (void)state;
    /* key 0 kept at 8 bits; keys 1 and 2 pruned */
    int8_t q[2] = {1, 1}, k[6] = {10, 20, 1, -3, 2, -4}, v[6] = {50, -60, 7, 8, 9, -10};
    int b[3] = {8, 0, 0};
    int8_t kbar[2];
    int64_t vsum[2];
    assert_int_equal(vssa_comp_token(k, v, b, 3, 2, kbar, vsum), 2);
    assert_int_equal(kbar[0], 2);    /* mean 1.5 rounds half up */
    assert_int_equal(kbar[1], -3);   /* mean -3.5 rounds half up */
    assert_int_equal(vsum[0], 16);
    assert_int_equal(vsum[1], -2);
    int64_t s[3], a[2], sz[1];
    uint8_t e[3], ez[1];
    uint64_t es[1];
    uint16_t p[3];
    vssa_head_in in = {1, 3, 2, q, k, v, b, b, VSSA_ROUND_MID, 40000000, 1u << 16, 1};
    vssa_head_out out = {.s = s, .e = e, .esum = es, .p = p, .a = a, .sz = sz, .ez = ez};
    assert_int_equal(vssa_head(&in, &out), 0);
    assert_int_equal(sz[0], -1);
    assert_int_equal(s[0], 30);
    unsigned want_ez = vssa_exp(31, 40000000);
    assert_true(want_ez > 0 && want_ez < 255);
    assert_int_equal(ez[0], want_ez);
    assert_int_equal(es[0], 255 + 2 * want_ez);
    assert_int_equal(a[0], 255 * 50 + (int64_t)want_ez * 16);
    assert_int_equal(a[1], 255 * -60 + (int64_t)want_ez * -2);
    assert_int_equal(p[1], 0);
    assert_int_equal(p[2], 0);
    /* off: the pruned keys vanish */
    in.comp = 0;
    assert_int_equal(vssa_head(&in, &out), 0);
    assert_int_equal(es[0], 255);
    assert_int_equal(ez[0], 0);
}

/* Every key pruned: the virtual token alone gives the mean value. */
static void test_comp_all_pruned(void **state)
{
    (void)state;
    int8_t q[2] = {5, -3}, k[4] = {1, 2, 3, 4}, v[4] = {10, -20, 30, -40};
    int b[2] = {0, 0};
    int64_t a[2];
    int8_t o[2];
    uint64_t es[1];
    vssa_head_in in = {1, 2, 2, q, k, v, b, b, VSSA_ROUND_FLOOR, 1000, 1u << 16, 1};
    vssa_head_out out = {.esum = es, .a = a, .o = o};
    assert_int_equal(vssa_head(&in, &out), 0);
    assert_int_equal(es[0], 2 * 255);
    assert_int_equal(a[0], 255 * 40);
    assert_int_equal(a[1], 255 * -60);
    assert_int_equal(o[0], 20);
    assert_int_equal(o[1], -30);
}

/* All 8-bit on a smooth random head: the integer head tracks the float one. */
static void test_head_against_float(void **state)
{
    (void)state;
    enum { M = 16, N = 64, D = 16 };
    double qf[M * D], kf[N * D], vf[N * D], pf[M * N], of[M * D];
    int8_t q[M * D], k[N * D], v[N * D], o[M * D];
    int64_t s[M * N];
    uint16_t p[M * N];
    int b[N];
    vssa_rng r;
    vssa_rng_seed(&r, 7);
    for (int i = 0; i < M * D; i++)
        qf[i] = 2.0 * vssa_rng_unit(&r) - 1.0;
    for (int i = 0; i < N * D; i++) {
        kf[i] = 2.0 * vssa_rng_unit(&r) - 1.0;
        vf[i] = 2.0 * vssa_rng_unit(&r) - 1.0;
    }
    for (int j = 0; j < N; j++)
        b[j] = 8;
    double sq = vssa_quantize(qf, M * D, q), sk = vssa_quantize(kf, N * D, k);
    double sv = vssa_quantize(vf, N * D, v);
    assert_int_equal(vssa_attention_float(qf, kf, vf, M, N, D, pf, of), 0);
    double omax = 0;
    for (int i = 0; i < M * D; i++)
        omax = fmax(omax, fabs(of[i]));
    vssa_head_in in = {M, N, D, q, k, v, b, b, VSSA_ROUND_MID, vssa_exp_scale(sq, sk, D),
                       vssa_out_scale(sv, omax / 127), 0};
    vssa_head_out out = {.s = s, .p = p, .o = o};
    vssa_head_err e;
    assert_int_equal(vssa_head(&in, &out), 0);
    assert_int_equal(vssa_head_error(&in, &out, qf, kf, pf, of, sq, sk, omax / 127, &e), 0);
    assert_true(e.score.cosine > 0.9999);
    assert_true(e.prob.cosine > 0.999);
    assert_true(e.out.cosine > 0.995);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trunc_hand),
        cmocka_unit_test(test_trunc_p8_identity_p0_zero),
        cmocka_unit_test(test_trunc_floor_properties),
        cmocka_unit_test(test_digit_hand),
        cmocka_unit_test(test_digit_reconstructs_k),
        cmocka_unit_test(test_trunc_equals_digit_planes),
        cmocka_unit_test(test_class_bits),
        cmocka_unit_test(test_score_width_hand),
        cmocka_unit_test(test_score_width_minimal),
        cmocka_unit_test(test_score_hand),
        cmocka_unit_test(test_score_extremes),
        cmocka_unit_test(test_scores_2x3_mixed),
        cmocka_unit_test(test_scores_match_score_random),
        cmocka_unit_test(test_assign_hand_and_ties),
        cmocka_unit_test(test_assign_cut_points),
        cmocka_unit_test(test_assign_edge_cases),
        cmocka_unit_test(test_quantize),
        cmocka_unit_test(test_quantize_all_zero),
        cmocka_unit_test(test_scores_float),
        cmocka_unit_test(test_error_stats),
        cmocka_unit_test(test_rng_reference_and_determinism),
        cmocka_unit_test(test_rng_below_and_unit),
        cmocka_unit_test(test_recon),
        cmocka_unit_test(test_exp_table),
        cmocka_unit_test(test_recip_prob),
        cmocka_unit_test(test_requant),
        cmocka_unit_test(test_head_identities),
        cmocka_unit_test(test_head_all_pruned),
        cmocka_unit_test(test_head_against_float),
        cmocka_unit_test(test_imp_width_and_add),
        cmocka_unit_test(test_rank_radix_hand),
        cmocka_unit_test(test_rank_radix_equals_sort),
        cmocka_unit_test(test_comp_hand),
        cmocka_unit_test(test_comp_all_pruned),
    };
    return cmocka_run_group_tests_name("golden", tests, NULL, NULL);
}
