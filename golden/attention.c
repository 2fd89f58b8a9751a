/* SPDX-License-Identifier: MIT */
/* attention.c - golden model of the whole head: softmax, P.V and requantization
 * (vssa.h sections 7-12). */
#include "vssa.h"

#include <math.h>
#include <stdlib.h>

const uint8_t vssa_exp_lut[VSSA_EXP_LUT_N] = {
    255, 250, 244, 239, 234, 229, 224, 219, 214, 210, 205, 201, 197, 192, 188, 184,
    180, 176, 173, 169, 165, 162, 158, 155, 152, 148, 145, 142, 139, 136, 133, 130,
};

static int bit_length(uint64_t v)
{
    int k = 0;
    while (v) {
        k++;
        v >>= 1;
    }
    return k;
}

unsigned vssa_exp(uint64_t x, uint32_t es)
{
    /* x < 2^26 and es < 2^32 for every legal design: no overflow. */
    uint64_t z = (x * es + ((uint64_t)1 << (VSSA_EXP_SCALE_SHIFT - 1)))
                 >> VSSA_EXP_SCALE_SHIFT;
    uint64_t u = z >> VSSA_EXP_FRAC;
    unsigned lut = vssa_exp_lut[z & (VSSA_EXP_LUT_N - 1)];
    if (u == 0)
        return lut;
    if (u >= VSSA_EXP_CUT)
        return 0;
    return (lut + (1u << (u - 1))) >> u;
}

int vssa_esum_width(int max_seq)
{
    return bit_length((uint64_t)VSSA_EXP_MAX * (uint64_t)(max_seq > 0 ? max_seq : 1));
}

int vssa_pv_width(int max_seq)
{
    return vssa_esum_width(max_seq) + 8;   /* times |v| <= 128, plus a sign */
}

int vssa_recip_shift(uint64_t esum)
{
    return bit_length(esum);
}

uint32_t vssa_recip(uint64_t esum)
{
    if (esum == 0)
        return 0;
    int k = bit_length(esum);
    return (uint32_t)(((uint64_t)1 << (k + VSSA_RECIP_BITS - 1)) / esum);
}

uint32_t vssa_prob(unsigned e, uint32_t r, int k)
{
    if (k < 1)
        return 0;
    return (uint32_t)(((uint64_t)e * r) >> (k - 1));
}

uint64_t vssa_out_gain(uint32_t r, uint32_t os)
{
    return ((uint64_t)r * os) >> VSSA_OSCALE_FRAC;
}

/* floor(v / 2^s) for any sign, without shifting a negative value. */
static int64_t floor_div_pow2(int64_t v, int s)
{
    int64_t d = (int64_t)1 << s;
    int64_t q = v / d;
    return (v % d != 0 && v < 0) ? q - 1 : q;
}

int vssa_requant(int64_t a, uint64_t g, int k)
{
    if (k < 1)
        return 0;
    int s = k + VSSA_RECIP_BITS - 1;
    int64_t v = floor_div_pow2(a * (int64_t)g + ((int64_t)1 << (s - 1)), s);
    return v > 127 ? 127 : v < -128 ? -128 : (int)v;
}

uint32_t vssa_exp_scale(double s_q, double s_k, int d)
{
    double c = s_q * s_k / sqrt(d > 0 ? d : 1) / log(2.0);
    double es = round(c * 8589934592.0);   /* 2^(EXP_FRAC + EXP_SCALE_SHIFT) */
    if (!(es >= 1.0))
        return 1;
    return es > 4294967295.0 ? 4294967295u : (uint32_t)es;
}

uint32_t vssa_out_scale(double s_v, double s_o)
{
    if (!(s_o > 0.0))
        return 1u << VSSA_OSCALE_FRAC;
    double os = round(s_v / s_o * 65536.0);
    double hi = (double)((1u << VSSA_OSCALE_BITS) - 1);
    if (!(os >= 0.0))
        return 0;
    return os > hi ? (uint32_t)hi : (uint32_t)os;
}

int vssa_comp_token(const int8_t *k, const int8_t *v, const int *kbits, int n, int d,
                    int8_t *kbar, int64_t *vsum)
{
    int c = 0;
    for (int j = 0; j < n; j++)
        c += kbits[j] <= 0;
    int64_t rc = c ? ((int64_t)1 << VSSA_COMP_RECIP_SHIFT) / c : 0;
    for (int t = 0; t < d; t++) {
        int64_t ks = 0, vs = 0;
        for (int j = 0; j < n; j++) {
            if (kbits[j] <= 0) {
                ks += k[(ptrdiff_t)j * d + t];
                vs += v[(ptrdiff_t)j * d + t];
            }
        }
        kbar[t] = (int8_t)floor_div_pow2(ks * rc + ((int64_t)1 << (VSSA_COMP_RECIP_SHIFT - 1)),
                                         VSSA_COMP_RECIP_SHIFT);
        vsum[t] = vs;
    }
    return c;
}

/* The virtual token of section 15, when it takes part. */
typedef struct {
    int count;        /* pruned keys; 0: no virtual token */
    int8_t *kbar;
    int64_t *vsum;
} comp_token;

/* One row: scores, max, exponentials, sum, reciprocal, probabilities; the
 * virtual token's score and exponential in *sz and *ez. */
static void head_row(const vssa_head_in *in, const comp_token *z, int i, int64_t *s,
                     uint8_t *e, uint64_t *esum, uint32_t *r, int *k, uint16_t *p,
                     int64_t *sz, unsigned *ez)
{
    const int8_t *q = in->q + (ptrdiff_t)i * in->d;
    int64_t mx = 0;
    int any = 0;
    *sz = 0;
    *ez = 0;
    if (z->count) {
        for (int t = 0; t < in->d; t++)
            *sz += (int64_t)q[t] * z->kbar[t];
        mx = *sz;
        any = 1;
    }
    for (int j = 0; j < in->n; j++) {
        s[j] = 0;
        if (in->kbits[j] <= 0)
            continue;
        s[j] = vssa_score(q, in->k + (ptrdiff_t)j * in->d, in->d, in->kbits[j],
                          in->round);
        if (!any || s[j] > mx)
            mx = s[j];
        any = 1;
    }
    uint64_t sum = 0;
    for (int j = 0; j < in->n; j++) {
        e[j] = in->kbits[j] > 0 ? (uint8_t)vssa_exp((uint64_t)(mx - s[j]), in->es) : 0;
        sum += e[j];
    }
    if (z->count) {
        *ez = vssa_exp((uint64_t)(mx - *sz), in->es);
        sum += (uint64_t)z->count * *ez;
    }
    *esum = sum;
    *r = vssa_recip(sum);
    *k = vssa_recip_shift(sum);
    for (int j = 0; j < in->n; j++)
        p[j] = (uint16_t)vssa_prob(e[j], *r, *k);
}

/* One row of A and O. */
static void head_out_row(const vssa_head_in *in, const comp_token *z, const uint8_t *e,
                         unsigned ez, uint32_t r, int k, int64_t *a, int8_t *o)
{
    uint64_t g = vssa_out_gain(r, in->os);
    for (int t = 0; t < in->d; t++) {
        int64_t acc = z->count ? (int64_t)ez * z->vsum[t] : 0;
        for (int j = 0; j < in->n; j++)
            if (e[j])
                acc += (int64_t)e[j] *
                       vssa_recon(in->v[(ptrdiff_t)j * in->d + t], in->vbits[j], in->round);
        a[t] = acc;
        o[t] = (int8_t)vssa_requant(acc, g, k);
    }
}

int vssa_head(const vssa_head_in *in, vssa_head_out *out)
{
    int n = in->n, d = in->d;
    int64_t *s = malloc(((size_t)n + 1) * sizeof *s);
    uint8_t *e = malloc((size_t)n + 1);
    uint16_t *p = malloc(((size_t)n + 1) * sizeof *p);
    int64_t *a = malloc(((size_t)d + 1) * sizeof *a);
    int8_t *o = malloc((size_t)d + 1);
    comp_token z = {0, malloc((size_t)d + 1), malloc(((size_t)d + 1) * sizeof(int64_t))};
    int rc = (s && e && p && a && o && z.kbar && z.vsum) ? 0 : -1;
    if (rc == 0 && in->comp)
        z.count = vssa_comp_token(in->k, in->v, in->kbits, n, d, z.kbar, z.vsum);
    for (int i = 0; i < in->m && rc == 0; i++) {
        uint64_t esum;
        uint32_t r;
        int k;
        int64_t sz;
        unsigned ez;
        head_row(in, &z, i, s, e, &esum, &r, &k, p, &sz, &ez);
        head_out_row(in, &z, e, ez, r, k, a, o);
        if (out->sz) out->sz[i] = sz;
        if (out->ez) out->ez[i] = (uint8_t)ez;
        size_t rn = (size_t)i * n, rd = (size_t)i * d;
        for (int j = 0; j < n; j++) {
            if (out->s) out->s[rn + j] = s[j];
            if (out->e) out->e[rn + j] = e[j];
            if (out->p) out->p[rn + j] = p[j];
        }
        for (int t = 0; t < d; t++) {
            if (out->a) out->a[rd + t] = a[t];
            if (out->o) out->o[rd + t] = o[t];
        }
        if (out->esum) out->esum[i] = esum;
        if (out->r) out->r[i] = r;
        if (out->k) out->k[i] = k;
    }
    free(s);
    free(e);
    free(p);
    free(a);
    free(o);
    free(z.kbar);
    free(z.vsum);
    return rc;
}

int vssa_attention_float(const double *Qf, const double *Kf, const double *Vf,
                         int m, int n, int d, double *Pf, double *Of)
{
    double *row = malloc(((size_t)n + 1) * sizeof *row);
    if (!row)
        return -1;
    double scale = 1.0 / sqrt(d > 0 ? d : 1);
    for (int i = 0; i < m; i++) {
        double mx = -INFINITY, sum = 0.0;
        for (int j = 0; j < n; j++) {
            double acc = 0.0;
            for (int t = 0; t < d; t++)
                acc += Qf[(ptrdiff_t)i * d + t] * Kf[(ptrdiff_t)j * d + t];
            row[j] = acc * scale;
            if (row[j] > mx)
                mx = row[j];
        }
        for (int j = 0; j < n; j++) {
            row[j] = exp(row[j] - mx);
            sum += row[j];
        }
        for (int j = 0; j < n; j++) {
            row[j] /= sum;
            if (Pf)
                Pf[(ptrdiff_t)i * n + j] = row[j];
        }
        for (int t = 0; Of && t < d; t++) {
            double acc = 0.0;
            for (int j = 0; j < n; j++)
                acc += row[j] * Vf[(ptrdiff_t)j * d + t];
            Of[(ptrdiff_t)i * d + t] = acc;
        }
    }
    free(row);
    return 0;
}

int vssa_head_error(const vssa_head_in *in, const vssa_head_out *out,
                    const double *Qf, const double *Kf, const double *pf,
                    const double *of, double s_q, double s_k, double s_o,
                    vssa_head_err *err)
{
    size_t mn = (size_t)in->m * in->n, md = (size_t)in->m * in->d;
    double *ref = malloc((mn + 1) * sizeof *ref);
    double *got = malloc((mn + md + 1) * sizeof *got);
    int rc = -1;
    if (ref && got) {
        size_t c = 0;
        for (int i = 0; i < in->m; i++)
            for (int j = 0; j < in->n; j++) {
                if (in->kbits[j] <= 0)
                    continue;
                double acc = 0.0;
                for (int t = 0; t < in->d; t++)
                    acc += Qf[(size_t)i * in->d + t] * Kf[(size_t)j * in->d + t];
                ref[c] = acc;
                got[c++] = (double)out->s[(size_t)i * in->n + j] * s_q * s_k;
            }
        err->score = vssa_error_stats(ref, got, c);
        for (size_t x = 0; x < mn; x++)
            got[x] = out->p[x] / 65536.0;
        err->prob = vssa_error_stats(pf, got, mn);
        for (size_t x = 0; x < md; x++)
            got[x] = out->o[x] * s_o;
        err->out = vssa_error_stats(of, got, md);
        rc = 0;
    }
    free(ref);
    free(got);
    return rc;
}
