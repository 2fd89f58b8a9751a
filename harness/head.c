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
    hd->beats = calloc((size_t)nbeats + 1, sizeof *hd->beats);
    hd->blocks = calloc((size_t)nblocks + 1, sizeof *hd->blocks);
    return hd->is_kept && hd->bits && hd->S && hd->P && hd->O && hd->beats && hd->blocks ? 0 : -1;
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
        int bits = a->kind == VSSA_ARCH_FIXED8 ? 8 : vssa_class_bits(a->bits, a->nclass, hd->w.tag[j]);
        hd->bits[j] = hd->is_kept[j] ? bits : 0;
        hd->kept += hd->is_kept[j];
        add_beat(hd, 0, p == hd->n - 1, (unsigned)tag_to_send(a, o, hd->w.tag[j]), (unsigned)j,
                 hd->w.K + (size_t)j * (size_t)a->head_dim,
                 hd->w.V + (size_t)j * (size_t)a->head_dim);
    }
}

static void query_blocks(head *hd, const vssa_arch *a, const options *o, int rows)
{
    for (int q0 = 0; q0 < hd->m; q0 += o->block) {
        int sent = hd->m - q0 < o->block ? hd->m - q0 : o->block;
        hd->blocks[hd->nblocks++] = (block_plan){q0, sent, sent < a->cols ? sent : a->cols, rows};
        for (int i = 0; i < sent; i++)
            add_beat(hd, 1, i == sent - 1, 0, (unsigned)(q0 + i),
                     hd->w.Q + (size_t)(q0 + i) * (size_t)a->head_dim, NULL);
    }
}

/* Every query's row through the golden head: rows are independent, so the
 * whole head at once gives each block's expectations. */
static int golden_head(head *hd, const vssa_arch *a, const options *o)
{
    int m = hd->m, n = hd->n, d = a->head_dim;
    workload *w = &hd->w;
    hd->es = vssa_exp_scale(w->s_q, w->s_k, d);
    hd->os = (uint32_t)(o->out_gain * 65536.0 + 0.5);
    vssa_head_in in = {m, n, d, w->Q, w->K, w->V, hd->bits, hd->bits, a->round, hd->es, hd->os};
    vssa_head_out out = {.s = hd->S, .p = hd->P, .o = hd->O};
    if (vssa_head(&in, &out))
        return -1;
    double *pf = malloc(sizeof(double) * ((size_t)m * n + 1));
    double *of = malloc(sizeof(double) * ((size_t)m * d + 1));
    int rc = !pf || !of || vssa_attention_float(w->Qf, w->Kf, w->Vf, m, n, d, pf, of) ||
             vssa_head_error(&in, &out, w->Qf, w->Kf, pf, of, w->s_q, w->s_k,
                             w->s_v * 65536.0 / hd->os, &hd->err);
    free(pf);
    free(of);
    return rc ? -1 : 0;
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

int head_make(head *hd, const vssa_arch *a, const options *o, int h)
{
    memset(hd, 0, sizeof *hd);
    hd->n = o->n;
    hd->m = o->m;
    if (wl_make(&hd->w, o->seed + (uint64_t)h * 1000003u, o->m, o->n, a->head_dim, a->nclass,
                o->mix, o->order))
        return -1;
    int lead = o->queries_first && h == 0;
    int nblocks = (o->m + o->block - 1) / o->block + lead;
    if (alloc_head(hd, o->n, o->m, a->head_dim, o->n + o->m + lead, nblocks))
        return -1;
    if (lead) {   /* before any key set: computes against no keys */
        hd->blocks[hd->nblocks++] = (block_plan){0, 1, 1, 0};
        add_beat(hd, 1, !o->open_first, 0, 0, hd->w.Q, NULL);
    }
    key_beats(hd, a, o);
    int rows = 0;
    for (int j = 0; j < hd->n; j++)
        rows += hd->bits[j] != 0;
    query_blocks(hd, a, o, rows);
    if (golden_head(hd, a, o))
        return -1;
    if (o->corrupt_expect && h == 0)
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
    free(hd->beats);
    free(hd->blocks);
    memset(hd, 0, sizeof *hd);
}
