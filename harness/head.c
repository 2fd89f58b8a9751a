/* SPDX-License-Identifier: MIT */
/* head.c - one head of a run: its workload, the beats that carry it and
 * the golden scores, probabilities and outputs every output beat is held
 * to. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static int tag_to_send(const vssa_arch *a, const options *o, int cls)
{
    int unused = (1 << a->tag_w) - 1;
    return o->unused_tags && cls == a->nclass - 1 && unused >= a->nclass ? unused : cls;
}

static int alloc_head(head *hd, int n, int m, int d, int nbeats, int nblocks)
{
    hd->is_kept = calloc((size_t)n + 1, 1);
    hd->bits = calloc((size_t)n + 1, sizeof *hd->bits);
    hd->S = calloc((size_t)m * (size_t)n + 1, sizeof *hd->S);
    hd->P = calloc((size_t)m * (size_t)n + 1, sizeof *hd->P);
    hd->O = calloc((size_t)m * (size_t)d + 1, 1);
    hd->rO = calloc((size_t)m * (size_t)d + 1, 1);
    hd->rP = calloc((size_t)m * (size_t)n + 1, sizeof *hd->rP);
    hd->beats = calloc((size_t)nbeats + 1, sizeof *hd->beats);
    hd->blocks = calloc((size_t)nblocks + 1, sizeof *hd->blocks);
    return hd->is_kept && hd->bits && hd->S && hd->P && hd->O && hd->rO && hd->rP &&
           hd->beats && hd->blocks ? 0 : -1;
}

static void add_beat(head *hd, int query, int last, unsigned tag, unsigned idx,
                     const int8_t *data, const int8_t *vdata)
{
    hd->beats[hd->nbeats++] = (beat){query, last, tag, idx, data, vdata};
}

/* Keys in arrival order, the last one closing the set. */
static void key_beats(head *hd, const vssa_arch *a, const options *o)
{
    for (int p = 0; p < hd->n; p++) {
        int j = hd->w.order[p];
        hd->is_kept[j] = p < a->max_seq;
        /* the precision the design computes it at: its class's, 8 bits for
         * every key under fixed8 and every unpruned one under int8 */
        int bits = vssa_tag_planes(a, hd->w.tag[j]) * a->digit;
        hd->bits[j] = hd->is_kept[j] ? bits : 0;
        hd->kept += hd->is_kept[j];
        add_beat(hd, 0, p == hd->n - 1, (unsigned)tag_to_send(a, o, hd->w.tag[j]), hd->w.label[j],
                 hd->w.K + (size_t)j * (size_t)a->head_dim,
                 hd->w.V + (size_t)j * (size_t)a->head_dim);
    }
}

static void query_blocks(head *hd, const vssa_arch *a, const options *o, int rows)
{
    for (int q0 = 0; q0 < hd->m; q0 += o->block) {
        int sent = hd->m - q0 < o->block ? hd->m - q0 : o->block;
        hd->blocks[hd->nblocks++] = (block_plan){q0, sent, sent < a->cols ? sent : a->cols, rows, 0};
        for (int i = 0; i < sent; i++)
            add_beat(hd, 1, i == sent - 1, 0, (unsigned)(q0 + i),
                     hd->w.Q + (size_t)(q0 + i) * (size_t)a->head_dim, NULL);
    }
}

/* vssa_head() over the kept keys only, in index order: with compensation a
 * dropped key (beyond max_seq) must not count as pruned, for it never
 * reaches the design. S and P come back at the keys' own indices. */
static int head_kept(const head *hd, const vssa_arch *a, vssa_head_in in, vssa_head_out *out)
{
    if (hd->kept == hd->n)
        return vssa_head(&in, out);
    size_t d = (size_t)a->head_dim, m = (size_t)hd->m, k = (size_t)hd->kept;
    int8_t *kk = malloc(k * d + 1), *vv = malloc(k * d + 1);
    int *bits = malloc(sizeof(int) * (k + 1)), *idx = malloc(sizeof(int) * (k + 1));
    int64_t *S = calloc(m * k + 1, sizeof *S);
    uint16_t *P = calloc(m * k + 1, sizeof *P);
    int rc = -1;
    if (kk && vv && bits && idx && S && P) {
        size_t c = 0;
        for (int j = 0; j < hd->n; j++) {
            if (!hd->is_kept[j])
                continue;
            memcpy(kk + c * d, in.k + (size_t)j * d, d);
            memcpy(vv + c * d, in.v + (size_t)j * d, d);
            bits[c] = hd->bits[j];
            idx[c++] = j;
        }
        in.n = (int)k;
        in.k = kk;
        in.v = vv;
        in.kbits = in.vbits = bits;
        vssa_head_out part = {.s = S, .p = P, .o = out->o};
        rc = vssa_head(&in, &part);
        for (size_t i = 0; rc == 0 && i < m; i++)
            for (size_t c = 0; c < k; c++) {
                out->s[i * (size_t)hd->n + (size_t)idx[c]] = S[i * k + c];
                out->p[i * (size_t)hd->n + (size_t)idx[c]] = P[i * k + c];
            }
    }
    free(kk);
    free(vv);
    free(bits);
    free(idx);
    free(S);
    free(P);
    return rc;
}

/* Every query's row through the golden head: rows are independent, so the
 * whole head at once gives each block's expectations. The output scale is
 * --out-gain for generated heads, and for real tensors the given SO or
 * the host's choice from the float outputs. */
static int golden_head(head *hd, const vssa_arch *a, const options *o)
{
    int m = hd->m, n = hd->n, d = a->head_dim;
    workload *w = &hd->w;
    double *pf = malloc(sizeof(double) * ((size_t)m * n + 1));
    double *of = malloc(sizeof(double) * ((size_t)m * d + 1));
    int rc = -1;
    if (!pf || !of || vssa_attention_float(w->Qf, w->Kf, w->Vf, m, n, d, pf, of))
        goto out;
    double s_o = w->s_v / o->out_gain;
    if (o->tensors || o->model_dir)
        s_o = o->have_scales ? o->scales[3] : vssa_output_scale(of, (size_t)m * d);
    hd->es = vssa_exp_scale(w->s_q, w->s_k, d);
    hd->os = vssa_out_scale(w->s_v, s_o);
    vssa_head_in in = {m, n, d, w->Q, w->K, w->V, hd->bits, hd->bits, a->round, hd->es, hd->os,
                       o->comp};
    vssa_head_out out = {.s = hd->S, .p = hd->P, .o = hd->O};
    if (head_kept(hd, a, in, &out) ||
        vssa_head_error(&in, &out, w->Qf, w->Kf, pf, of, w->s_q, w->s_k, s_o, &hd->err))
        goto out;
    rc = 0;
out:
    free(pf);
    free(of);
    return rc;
}

/* A head of real tensors: the workload takes over the loaded arrays; tags
 * come from the file or from ranking float attention under the mix; keys
 * arrive in index order. */
static int tensors_workload(workload *w, const vssa_arch *a, const options *o, vssa_tensors *t)
{
    *w = (workload){t->m, t->n, t->d, t->qf, t->kf, t->vf, t->q, t->k, t->v,
                    t->s_q, t->s_k, t->s_v, NULL, NULL, NULL, NULL};
    t->qf = t->kf = t->vf = NULL;
    t->q = t->k = t->v = NULL;
    w->importance = calloc((size_t)t->n + 1, sizeof *w->importance);
    w->tag = malloc(sizeof(int) * ((size_t)t->n + 1));
    double *pf = malloc(sizeof(double) * ((size_t)t->m * t->n + 1));
    int ratios[VSSA_MAX_CLASSES] = {0}, rc = -1;
    wl_mix_ratios(o->mix, a->nclass, ratios);
    if (w->importance && w->tag && pf && wl_index_order(w, 1u << a->idx_w) == 0 &&
        vssa_attention_float(w->Qf, w->Kf, w->Vf, t->m, t->n, t->d, pf, NULL) == 0) {
        if (t->tags) {
            memcpy(w->tag, t->tags, sizeof(int) * (size_t)t->n);
            rc = 0;
        } else {
            rc = vssa_rank_tags(pf, t->m, t->n, ratios, a->nclass, w->tag);
        }
    }
    free(pf);
    return rc;
}

/* Head h of a model run: layer h / heads, head h % heads of the directory. */
static int model_head(workload *w, const vssa_arch *a, const options *o, int h)
{
    char path[3][1024], err[NPY_ERR_MAX];
    static const char part[3] = {'q', 'k', 'v'};
    for (int i = 0; i < 3; i++)
        snprintf(path[i], sizeof path[i], "%s/L%dH%d_%c.npy", o->model_dir, h / o->heads,
                 h % o->heads, part[i]);
    const double unit[4] = {1.0, 1.0, 1.0, 1.0};
    vssa_tensors t;
    if (vssa_tensors_load(path[0], path[1], path[2], NULL, a->nclass, unit, &t, err)) {
        fprintf(stderr, "vssa-sim: error: %s\n", err);
        return -2;
    }
    int rc = -2;
    if (!t.is_float || t.d != a->head_dim || t.n > a->max_seq)   /* no key dropped */
        fprintf(stderr, "vssa-sim: error: %s: want float32 tensors with d = %d and at most "
                "MAX_SEQ = %d keys\n", path[0], a->head_dim, a->max_seq);
    else
        rc = tensors_workload(w, a, o, &t);
    vssa_tensors_free(&t);
    return rc;
}

/* Alters one expectation of query 0 at the given level (the check must fail). */
static void corrupt(head *hd, int level)
{
    for (int p = 0; p < hd->n && hd->m && level < 3; p++) {
        int j = hd->w.order[p];
        if (hd->bits[j]) {
            if (level == 1)
                hd->S[j] ^= 1;
            else
                hd->P[j] ^= 1;
            return;
        }
    }
    if (level == 3 && hd->m)
        hd->O[0] ^= 1;
}

int head_make(head *hd, const vssa_arch *a, const options *o, int h, const int *hw_tags)
{
    memset(hd, 0, sizeof *hd);
    if (o->model_dir) {
        int rc = model_head(&hd->w, a, o, h);
        if (rc)
            return rc;
    } else if (o->tensors) {
        if (tensors_workload(&hd->w, a, o, o->tensors))
            return -1;
    } else if (wl_make(&hd->w, o->seed + (uint64_t)h * 1000003u, o->m, o->n, a->head_dim,
                       a->nclass, o->mix, o->order, 1u << a->idx_w)) {
        return -1;
    }
    hd->n = hd->w.n;
    hd->m = hd->w.m;
    if (hw_tags)   /* the design gives a key its label's class; none above MAX_SEQ */
        for (int j = 0; j < hd->n; j++)
            hd->w.tag[j] = hd->w.label[j] < (unsigned)a->max_seq ? hw_tags[hd->w.label[j]] : 0;
    int lead = o->queries_first && h == 0;
    int nblocks = (hd->m + o->block - 1) / o->block + lead;
    if (alloc_head(hd, hd->n, hd->m, a->head_dim, hd->n + hd->m + lead, nblocks))
        return -1;
    if (lead) {   /* before any key set: computes against no keys */
        hd->blocks[hd->nblocks++] = (block_plan){0, 1, 1, 0, 1};
        add_beat(hd, 1, !o->open_first, 0, 0, hd->w.Q, NULL);
    }
    key_beats(hd, a, o);
    int rows = 0;
    for (int j = 0; j < hd->n; j++)
        rows += hd->bits[j] != 0;
    query_blocks(hd, a, o, rows);
    if (golden_head(hd, a, o))
        return -1;
    if (o->corrupt_expect && o->corrupt_expect <= CORRUPT_OUT && h == 0)
        corrupt(hd, o->corrupt_expect);
    return 0;
}

void head_free(head *hd)
{
    wl_free(&hd->w);
    free(hd->is_kept);
    free(hd->bits);
    free(hd->S);
    free(hd->P);
    free(hd->O);
    free(hd->rO);
    free(hd->rP);
    free(hd->beats);
    free(hd->blocks);
    memset(hd, 0, sizeof *hd);
}
