/* SPDX-License-Identifier: MIT */
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
 *   (floor rounding; see section 7 for the midpoint variant)
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
 *
 * 7. Rounding of truncated values (--round floor|mid)
 *   floor: a p-bit value is trunc_p(x) as above; it lies on average half a
 *     step, 2^(7-p), below x.
 *   mid:   a p-bit value with 0 < p < 8 is reconstructed at the midpoint of
 *     its step:  recon_p(x) = trunc_p(x) + 2^(7-p);  recon_8(x) = x and
 *     recon_0(x) = 0 in both modes. recon_p(x) lies in (-128, 128).
 *   Scores and values use recon (vssa_recon()). Because the midpoint is a
 *   constant per token, the hardware adds it once per output, not per MAC:
 *     S[i][j] = sum_t q[i][t]*trunc_p(k[j][t]) + 2^(7-p_j) * Qsum_i,
 *       Qsum_i = sum_t q[i][t]
 *     A[i][t] = sum_j e[i][j]*trunc_p(v[j][t]) + sum_j e[i][j] * 2^(7-p_j)
 *   (both exact identities; the second sum runs over the tokens with
 *   0 < p_j < 8). |S| <= 16384*d holds in both modes.
 *
 * 8. Softmax (one query row i)
 *   U_i, the keys taking part, are the keys with p_j > 0: pruned keys have no
 *   score, no exponential and probability 0. With U_i empty the row has
 *   E_i = 0 and every later quantity of the row is 0.
 *     M_i    = max_{j in U} S[i][j]
 *     x_ij   = M_i - S[i][j]                        (>= 0)
 *     z_ij   = (x_ij * ES + 2^27) >> 28             (ES: the run-time exp
 *              scale, unsigned 32 bit; z is x*c in units of 2^-5)
 *     u, f   = z >> 5, z & 31
 *     e_ij   = LUT[f]                      if u == 0
 *            = (LUT[f] + 2^(u-1)) >> u     if 1 <= u <= 8   (round half up)
 *            = 0                           if u >= 9
 *     LUT[f] = floor(255 * 2^(-f/32) + 1/2), f = 0..31, which is
 *       255 250 244 239 234 229 224 219 214 210 205 201 197 192 188 184
 *       180 176 173 169 165 162 158 155 152 148 145 142 139 136 133 130
 *   so e is the base-2 exponential 255 * 2^(-x*c), 8 bits unsigned, and the
 *   row maximum has e = 255. Choosing ES: the real softmax is 2^(S * c) with
 *   c = s_q * s_k * log2(e) / sqrt(d), and ES = round(c * 2^33), clamped to
 *   1 .. 2^32-1 (vssa_exp_scale()).
 *     E_i    = sum_{j in U} e_ij     (255 <= E_i <= 255 * n when U is not empty)
 *
 * 9. Reciprocal and probabilities (one reciprocal per row)
 *     k_i    = bit length of E_i: 2^(k-1) <= E_i < 2^k  (k >= 8)
 *     r_i    = floor(2^(k_i + 15) / E_i)                (2^15 <= r <= 2^16)
 *     P_ij   = (e_ij * r_i) >> (k_i - 1)   for j in U, else 0
 *   P is unsigned with 16 fractional bits (P / 2^16 approximates
 *   e_ij / E_i); P <= 65535, because the only row where e = E is a row whose
 *   E = 255, and then P = 65535.
 *
 * 10. P.V with deferred normalization
 *   The unnormalized exponentials multiply V; the row is divided once, at
 *   the output (so small probabilities are not rounded away first):
 *     A[i][t] = sum_{j in U} e_ij * recon_{pv_j}(v[j][t])     (exact integer)
 *   pv_j is value token j's own precision (normally that of key j). A key in
 *   U whose value is 0-bit contributes 0; a pruned key's value is unused.
 *   |A| <= 255 * 128 * n, so A needs vssa_pv_width(max_seq) bits.
 *
 * 11. Output requantization (int8, saturating)
 *   OS, the run-time output scale, is unsigned 24 bit with 16 fractional
 *   bits: OS / 2^16 = s_v / s_o, the value scale over the output scale.
 *     G_i     = (r_i * OS) >> 16                         (once per row)
 *     O[i][t] = clamp((A[i][t] * G_i + 2^(k_i + 14)) >> (k_i + 15), -128, 127)
 *   i.e. A / E * OS / 2^16 rounded half up (toward +infinity on a tie), then
 *   saturated. O = 0 for a row with U empty. The float output is O * s_o.
 *   vssa_out_scale() rounds a ratio to OS, clamped to 0 .. 2^24-1.
 *
 * 12. Float reference attention
 *   P_float = softmax over all n keys of Qf.Kf^T / sqrt(d) (row max
 *   subtracted), O_float = P_float . Vf, in double precision; pruning and
 *   quantization are both part of the error measured against it.
 *   vssa_head_error() reports three levels: scores (S * s_q * s_k against
 *   Qf.Kf^T, over the computed keys), probabilities (P / 2^16 against
 *   P_float, over all keys) and outputs (O * s_o against O_float).
 *
 * 13. Importance
 *   One unsigned counter I_j of IMP_W bits per token index j (the index a
 *   key is sent with; the hardware holds j = 0 .. MAX_SEQ-1, and a key sent
 *   with a higher index adds to no counter). Keys sent with the same index
 *   add to the same counter. Every computed query row i of every head adds
 *   its probabilities (section 9) until the counters are cleared:
 *       I_j = min(sum over the rows since the clear of P_ij, 2^IMP_W - 1)
 *   The terms are nonnegative, so saturating each addition gives the same
 *   value in any order. A pruned key has P = 0 and gains nothing. A row adds
 *   at most 65535 to a counter, so IMP_W = 16 + ceil(log2(R)) bits hold R
 *   rows without saturating (vssa_imp_width(R)).
 *
 * 14. Ranking in hardware
 *   The classes for the next layer are section 5's, over token indices
 *   0 .. N-1 and their I_j. The hardware reaches the same classes by a
 *   threshold search instead of a sort (vssa_rank_radix()): for every cut
 *   c with cut_c >= 1 it finds T_c, the cut_c-th largest I, one radix-16
 *   digit at a time from the most significant, one pass over the N
 *   counters per digit: in each pass a histogram of that digit over the
 *   tokens whose higher digits equal T_c's so far picks the digit. Then
 *     take_c = cut_c - #{j : I_j > T_c}        (1 <= take_c <= #{I_j = T_c})
 *   and a last pass in index order puts token j into cut c when I_j > T_c,
 *   or when I_j = T_c and fewer than take_c lower indices with I = T_c came
 *   before it. class_j is the first c whose cut holds j, else the last
 *   class. That is exactly the sorted order of section 5 (larger first,
 *   ties to the lower index). The search takes ceil(IMP_W / 4) passes.
 *
 * 15. 0-bit compensation (optional)
 *   The pruned keys of a head (p_j = 0), Z with c = |Z| members, join the
 *   softmax as one virtual 8-bit token z weighted by c, instead of being
 *   dropped. With c >= 1:
 *     ksum_t = sum_{j in Z} k[j][t],   vsum_t = sum_{j in Z} v[j][t]   (exact)
 *     rc     = floor(2^24 / c)
 *     kbar_t = (ksum_t * rc + 2^23) >> 24   (arithmetic: floor; in -128..127)
 *     S[i][z] = sum_t q[i][t] * kbar_t      (a full 8-bit key: no truncation
 *                                            and no midpoint term)
 *   z joins U_i of every row (so U_i is never empty): M_i is the maximum
 *   over the kept keys and z, e_iz comes from x = M_i - S[i][z] by section
 *   8, and
 *     E_i     = sum_{j in U, j != z} e_ij + c * e_iz
 *     A[i][t] = sum_{j in U, j != z} e_ij * recon(v[j][t]) + e_iz * vsum_t
 *   i.e. the c pruned tokens each count as one token with the mean key and
 *   their own values. E <= 255 * n and |A| <= 255 * 128 * n still hold. The
 *   pruned keys keep P_ij = 0 (nor do they gain importance); z has no
 *   probability row of its own. Section 11 then applies unchanged. With
 *   c = 0 nothing changes. The head's keys are those the design keeps: a
 *   key dropped beyond MAX_SEQ is not in Z. In the generated design
 *   (--comp, comp_i high) rc takes 25 restoring divide steps and kbar one
 *   element a cycle once the key set closes (gen/rtl/comp.v).
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

/* Rounding of truncated values (section 7); the value is the --round id. */
typedef enum { VSSA_ROUND_FLOOR, VSSA_ROUND_MID } vssa_round;

/* A p-bit value as the datapath reconstructs it (section 7). */
int vssa_recon(int8_t x, int p, vssa_round rd);

/* One score: q and k are d-element rows, p the key's precision in bits. */
int64_t vssa_score(const int8_t *q, const int8_t *k, int d, int p, vssa_round rd);

/* All scores: Q is m x d, K is n x d (row-major), prec_bits[j] the bits of
 * key j; S is m x n row-major. */
void vssa_scores(const int8_t *Q, int m, const int8_t *K, const int *prec_bits,
                 int n, int d, vssa_round rd, int64_t *S);

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

/* ---- the whole head (sections 7-12) ---- */
#define VSSA_EXP_FRAC 5          /* fractional bits of z */
#define VSSA_EXP_LUT_N 32        /* 2^VSSA_EXP_FRAC entries */
#define VSSA_EXP_MAX 255         /* e of the row maximum */
#define VSSA_EXP_W 8             /* bits of e */
#define VSSA_EXP_CUT 9           /* u at which e becomes 0 */
#define VSSA_EXP_SCALE_SHIFT 28  /* z = (x * ES + 2^27) >> 28 */
#define VSSA_ESCALE_BITS 32      /* width of ES */
#define VSSA_RECIP_BITS 16       /* 2^15 <= r <= 2^16 */
#define VSSA_PROB_BITS 16        /* fractional bits of P */
#define VSSA_OSCALE_FRAC 16      /* fractional bits of OS */
#define VSSA_OSCALE_BITS 24      /* width of OS */

extern const uint8_t vssa_exp_lut[VSSA_EXP_LUT_N];

/* e for x = M - S >= 0 under exp scale es (section 8). */
unsigned vssa_exp(uint64_t x, uint32_t es);

/* Bits of E = sum e over at most max_seq keys, of A (signed), and of the
 * per-row gain G (section 11). */
int vssa_esum_width(int max_seq);
int vssa_pv_width(int max_seq);

/* k and r of a row sum (section 9); r = k = 0 for esum 0. */
int vssa_recip_shift(uint64_t esum);
uint32_t vssa_recip(uint64_t esum);

/* P of one exponential (section 9). */
uint32_t vssa_prob(unsigned e, uint32_t r, int k);

/* G of a row and one output element (section 11). */
uint64_t vssa_out_gain(uint32_t r, uint32_t os);
int vssa_requant(int64_t a, uint64_t g, int k);

/* Host-side scale choices (sections 8 and 11). */
uint32_t vssa_exp_scale(double s_q, double s_k, int d);
uint32_t vssa_out_scale(double s_v, double s_o);

/* One head through every step. The inputs: */
typedef struct {
    int m, n, d;
    const int8_t *q, *k, *v;   /* m x d, n x d, n x d, row-major */
    const int *kbits, *vbits;  /* precision of key j and of value j, in bits */
    vssa_round round;
    uint32_t es;               /* exp scale ES */
    uint32_t os;               /* output scale OS, < 2^24 */
    int comp;                  /* 0-bit compensation (section 15) */
} vssa_head_in;

/* The results, each caller-allocated or NULL when not wanted. */
typedef struct {
    int64_t *s;      /* m x n scores, 0 where pruned */
    uint8_t *e;      /* m x n exponentials, 0 where pruned */
    uint64_t *esum;  /* m row sums E */
    uint32_t *r;     /* m reciprocals */
    int *k;          /* m reciprocal shifts */
    uint16_t *p;     /* m x n probabilities */
    int64_t *a;      /* m x d unnormalized outputs A */
    int8_t *o;       /* m x d outputs */
    int64_t *sz;     /* m scores of the virtual token (0 without one) */
    uint8_t *ez;     /* m exponentials of the virtual token (0 without one) */
} vssa_head_out;

/* Computes every wanted result. Returns 0, or -1 on allocation failure. */
int vssa_head(const vssa_head_in *in, vssa_head_out *out);

/* The virtual token of section 15 from K, V and the key precisions (n x d
 * each): kbar and vsum get d entries. Returns c, the pruned keys. */
#define VSSA_COMP_RECIP_SHIFT 24
int vssa_comp_token(const int8_t *k, const int8_t *v, const int *kbits, int n, int d,
                    int8_t *kbar, int64_t *vsum);

/* ---- importance and ranking (sections 13 and 14) ---- */
#define VSSA_RANK_DIGIT 4         /* bits per threshold-search pass */

/* IMP_W for R rows without saturation (R >= 1). */
int vssa_imp_width(uint64_t rows);

/* Adds m rows of probabilities p (m x n) to imp[0..n-1], saturating at
 * 2^imp_w - 1 (imp_w <= 63). */
void vssa_imp_add(uint64_t *imp, int n, const uint16_t *p, int m, int imp_w);

/* Section 14's threshold search. Same contract and classes as
 * vssa_assign_classes(), importance below 2^imp_w; also reports each cut's
 * threshold and take count (cut 0 .. nclass-2; both 0 for an empty cut)
 * when thresh and take are not NULL. Returns 0, or -1 for bad ratios. */
int vssa_rank_radix(const uint64_t *imp, int n, int imp_w, const int *ratio_pm, int nclass,
                    int *cls, uint64_t *thresh, int *take);

/* Passes over the counters of one ranking: the threshold search's and the
 * class pass. */
int vssa_rank_passes(int imp_w);

/* Float reference (section 12): Pf m x n and Of m x d, either may be NULL.
 * Returns 0, or -1 on allocation failure. */
int vssa_attention_float(const double *Qf, const double *Kf, const double *Vf,
                         int m, int n, int d, double *Pf, double *Of);

typedef struct {
    double max_abs;  /* max |ref - approx| */
    double mean_abs; /* mean |ref - approx| */
    double cosine;   /* <ref, approx> / (|ref| |approx|); 1 when both zero */
} vssa_err;

/* Compare count values of approx against ref. */
vssa_err vssa_error_stats(const double *ref, const double *approx, size_t count);

/* Section 12's three levels for one quantized head: Qf (m x d) and Kf (n x d)
 * are its float inputs, pf and of the float reference that
 * vssa_attention_float() computed from them; out holds s, p and o of
 * vssa_head(). Returns 0, or -1 on allocation failure. */
typedef struct {
    vssa_err score, prob, out;
} vssa_head_err;
int vssa_head_error(const vssa_head_in *in, const vssa_head_out *out,
                    const double *Qf, const double *Kf, const double *pf,
                    const double *of, double s_q, double s_k, double s_o,
                    vssa_head_err *err);

/* Deterministic 64-bit generator (splitmix64) for workloads and tests. */
typedef struct { uint64_t s; } vssa_rng;
void vssa_rng_seed(vssa_rng *r, uint64_t seed);
uint64_t vssa_rng_next(vssa_rng *r);
double vssa_rng_unit(vssa_rng *r);          /* uniform in [0, 1) */
uint32_t vssa_rng_below(vssa_rng *r, uint32_t n); /* uniform in [0, n), n > 0 */

#endif
