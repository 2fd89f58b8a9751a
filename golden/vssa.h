/* vssa.h - the golden model of vssagen: the numerics contract.
 *
 * This header is the single source of truth for every number the generated
 * RTL produces. The RTL must match these routines bit for bit, and the cycle
 * model (plan.h) cycle for cycle. Everything that the hardware rounds,
 * truncates or saturates is written down here.
 *
 * ---------------------------------------------------------------------------
 * 1. Operands
 *   Q   int8, one shared scale s_q per head (float value = q * s_q).
 *   K   int8 in storage, one shared scale s_k per head.
 *   d   head dimension (1 .. VSSA_HEAD_DIM_LIMIT).
 *
 * 2. Token precision
 *   Key token j carries a precision class c_j, an index into the configured
 *   precision set bits[0] > bits[1] > ... (descending, each a multiple of the
 *   digit width b, 0 <= p <= 8). A class tag >= nclass is read as the last
 *   class (the hardware does the same), see vssa_class_bits().
 *
 *   A p-bit token uses the top p bits of its 8-bit two's-complement value:
 *       trunc_p(k) = (k >> (8 - p)) << (8 - p)      (arithmetic shift)
 *   i.e. MSB truncation rounds toward minus infinity (floor to a multiple of
 *   2^(8-p)); trunc_8(k) = k and trunc_0(k) = 0. Keeping the result shifted
 *   left by (8-p) is the "shift alignment": every precision lands in the one
 *   int8 integer domain, so scores of different precisions add and compare
 *   without a per-token scale.
 *
 * 3. Digits
 *   The datapath works on b-bit digits, most significant first (MSB-first, as
 *   SpAtten fetches). Digit 0 of k is signed:   k >> (8 - b)
 *   digit i > 0 is unsigned:   (k >> (8 - b*(i+1))) & (2^b - 1)
 *   A p-bit token has p/b digits ("planes"); trunc_p(k) equals
 *   sum_{i < p/b} digit_i(k) * 2^(8 - b*(i+1)).
 *
 * 4. Scores
 *   S[i][j] = sum_t q[i][t] * trunc_{p_j}(k[j][t])            (exact integer)
 *   Range: -16256*d <= S <= 16384*d (the extreme is -128 * -128 summed over
 *   the full head). The score width W is the smallest two's-complement width
 *   holding that range, vssa_score_width(d); the generator refuses a
 *   narrower --acc-width. Inside the PE, partial sums wrap modulo 2^W, which
 *   is harmless because the final value is in range.
 *   0-bit (pruned) tokens have S = 0 by the formula; the hardware never
 *   computes them and emits no score row for them.
 *
 * 5. Precision assignment
 *   Importance I_j (unsigned integer) ranks the tokens: larger first, ties to
 *   the lower index. With nclass classes and per-mille ratios r_0..r_{nclass-2}
 *   the cumulative cut points are
 *       cut_c = min(n, (n * (r_0 + ... + r_c) + 500) / 1000)   (integer division)
 *   and the token at rank position k gets the first class c with k < cut_c,
 *   or the last class when no cut applies.
 *
 * 6. Float reference
 *   S_float[i][j] = sum_t qf[i][t] * kf[j][t] on the unquantized inputs.
 *   Quantization: s = max|x| / 127 per head (s = 1 if all zero) and
 *   x_q = clamp(round_half_away(x / s), -127, 127). The integer score
 *   dequantizes as S * s_q * s_k. vssa_error_stats() reports max and mean
 *   absolute error and cosine similarity between the two.
 * ---------------------------------------------------------------------------
 */
#ifndef VSSA_H
#define VSSA_H

#include <stddef.h>
#include <stdint.h>

#define VSSA_MAX_CLASSES 9     /* precisions 8,7,...,0 at most */
#define VSSA_HEAD_DIM_LIMIT 1024
#define VSSA_SEQ_LIMIT 65536
#define VSSA_DIM_LIMIT 128       /* rows and cols */

/* Top p bits of k kept in place (section 2). p in 0..8. */
int vssa_trunc(int8_t k, int p);

/* Digit i (0 = most significant) of k for digit width b (section 3). */
int vssa_digit(int8_t k, int b, int i);

/* Precision in bits of class tag c for a descending precision set. */
int vssa_class_bits(const int *bits, int nclass, int c);

/* Smallest signed width holding every score for head dimension d. */
int vssa_score_width(int d);

/* One score: q and k are d-element rows, p the key's precision in bits. */
int64_t vssa_score(const int8_t *q, const int8_t *k, int d, int p);

/* All scores: Q is m x d, K is n x d (row-major), prec_bits[j] the bits of
 * key j; S is m x n row-major. */
void vssa_scores(const int8_t *Q, int m, const int8_t *K, const int *prec_bits,
                 int n, int d, int64_t *S);

/* Precision assignment (section 5). ratio_pm has nclass-1 per-mille entries.
 * Writes class[j] for every token. Returns 0, or -1 if the ratios are
 * negative or sum above 1000. */
int vssa_assign_classes(const uint64_t *importance, int n, const int *ratio_pm,
                        int nclass, int *cls);

/* Symmetric per-head int8 quantization (section 6). Returns the scale. */
double vssa_quantize(const double *x, size_t count, int8_t *xq);

/* Float reference scores: Qf m x d, Kf n x d, Sf m x n. */
void vssa_scores_float(const double *Qf, int m, const double *Kf, int n, int d,
                       double *Sf);

typedef struct {
    double max_abs;  /* max |ref - approx| */
    double mean_abs; /* mean |ref - approx| */
    double cosine;   /* <ref, approx> / (|ref| |approx|); 1 when both zero */
} vssa_err;

/* Compare count values of approx against ref. */
vssa_err vssa_error_stats(const double *ref, const double *approx, size_t count);

/* Deterministic 64-bit generator (splitmix64) for workloads and tests. */
typedef struct { uint64_t s; } vssa_rng;
void vssa_rng_seed(vssa_rng *r, uint64_t seed);
uint64_t vssa_rng_next(vssa_rng *r);
double vssa_rng_unit(vssa_rng *r);          /* uniform in [0, 1) */
uint32_t vssa_rng_below(vssa_rng *r, uint32_t n); /* uniform in [0, n), n > 0 */

#endif
