/* SPDX-License-Identifier: MIT */
/* layers.c - the report of each layer of a run: its tokens per precision,
 * the cycles of each block phase, its ranking, and this design's speedup
 * over the two int8 arrays of its shape at that point. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* The baselines of bench.sh's configurations, at a's shape: fixed8 (this
 * array with every key at 8 bits, digit a's), int8, the conventional array
 * (fixed8 at digit 8, bits 8,0: every key at 8 bits, pruned ones too), and
 * int8skip (--arch int8: kept keys at 8 bits, keys of a 0-bit class never
 * placed). All take their precision from the host. */
static int baseline(vssa_arch *b, const vssa_arch *a, vssa_archkind kind, int digit)
{
    char err[VSSA_ERR_MAX];
    vssa_arch_defaults(b);
    b->rows = a->rows;
    b->cols = a->cols;
    b->head_dim = a->head_dim;
    b->max_seq = a->max_seq;
    b->round = a->round;
    b->kind = kind;
    b->digit = digit;
    b->digit_given = 1;
    b->precision = VSSA_PRECISION_HOST;
    b->nclass = kind == VSSA_ARCH_FIXED8 && digit == 8 ? 2 : a->nclass;
    memcpy(b->bits, a->bits, sizeof b->bits);
    if (kind == VSSA_ARCH_FIXED8 && digit == 8) {
        b->bits[0] = 8;
        b->bits[1] = 0;
    }
    return vssa_arch_derive(b, err);
}

int layers_init(layers *l, const vssa_arch *a)
{
    memset(l, 0, sizeof *l);
    l->ok = !baseline(&l->fixed8, a, VSSA_ARCH_FIXED8, a->digit) &&
            !baseline(&l->int8, a, VSSA_ARCH_FIXED8, 8) && !baseline(&l->skip, a, VSSA_ARCH_INT8, 8);
    return l->ok ? 0 : -1;
}

/* End-to-end cycles of the baseline b on the head's keys, as sent. */
static uint64_t model_span(const vssa_arch *b, const options *o, const int *tags, const head *hd)
{
    vssa_timing m;
    if (vssa_plan_head(b, tags, hd->n, hd->m, o->block, o->trace, 0, &m))
        return 0;
    return m.span;
}

void layers_add_head(layers *l, const vssa_arch *a, const options *o, const head *hd)
{
    for (int j = 0; j < hd->n; j++)
        if (hd->is_kept[j])
            l->tokens[hd->w.tag[j] < a->nclass ? hd->w.tag[j] : a->nclass - 1]++;
    l->heads++;
    int *tags = head_sent_tags(hd), *zero = calloc((size_t)hd->n + 1, sizeof *zero);
    if (tags && zero && l->ok) {
        l->fixed8_span += model_span(&l->fixed8, o, tags, hd);
        l->int8_span += model_span(&l->int8, o, zero, hd);   /* every key at 8 bits */
        l->skip_span += model_span(&l->skip, o, tags, hd);
    }
    free(tags);
    free(zero);
}

static double ratio(uint64_t x, uint64_t y) { return y ? (double)x / (double)y : 0.0; }

void layers_end(layers *l, const vssa_arch *a, const tally *t)
{
    uint64_t span = t->span - l->at.span, model = t->model_span - l->at.model_span;
    uint64_t rank = t->cmd_cycles[SIM_CMD_RANK] - l->at.cmd_cycles[SIM_CMD_RANK];
    uint64_t qk = t->qk - l->at.qk, sm = t->sm - l->at.sm, pv = t->pv - l->at.pv;
    printf("layer %d: %d heads, tokens", l->layer, l->heads);
    for (int c = 0; c < a->nclass; c++)
        printf(" %d-bit %" PRIu64 "%s", a->bits[c], l->tokens[c], c + 1 < a->nclass ? "," : ";");
    printf(" cycles %" PRIu64 " end to end (model %" PRIu64 "): Q.K^T %" PRIu64 ", softmax %"
           PRIu64 ", P.V and O rows %" PRIu64 "; ranking %" PRIu64 "\n", span, model, qk, sm, pv,
           rank);
    printf("layer %d: speedup by the cycle model, equal PE count: %.2fx over fixed8 (%" PRIu64
           " cycles: this array, every key at 8 bits), %.2fx over int8 (%" PRIu64 "), %.2fx over"
           " int8skip (%" PRIu64 ")\n", l->layer, ratio(l->fixed8_span, model), l->fixed8_span,
           ratio(l->int8_span, model), l->int8_span, ratio(l->skip_span, model), l->skip_span);
    printf("layer-csv: %d,%d", l->layer, l->heads);
    for (int c = 0; c < a->nclass; c++)
        printf(",%" PRIu64, l->tokens[c]);
    printf(",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64
           ",%" PRIu64 ",%" PRIu64 "\n", span, model, qk, sm, pv, rank, l->fixed8_span,
           l->int8_span, l->skip_span);
    /* the next layer starts here */
    int next = l->layer + 1;
    vssa_arch f8 = l->fixed8, i8 = l->int8, sk = l->skip;
    int ok = l->ok;
    memset(l, 0, sizeof *l);
    l->fixed8 = f8;
    l->int8 = i8;
    l->skip = sk;
    l->ok = ok;
    l->layer = next;
    l->at = *t;
}
