/* SPDX-License-Identifier: MIT */
/* perfcheck.c - the performance counters of a head against the golden work
 * and, when the input has no gaps and the output no back-pressure, against
 * the cycle model. */
#include <inttypes.h>
#include <stdlib.h>

#include "harness.h"

/* The digit-MAC work this design computes, spread over every PE: Q.K^T
 * and P.V each take d digit-MACs per plane of every computed key, per
 * computed query. A key's planes are its class's bits over the digit, or
 * under fixed8 8 bits for every kept key: it ignores precision, so a 0-bit
 * class (the int8 array's 8,0) is computed, not pruned; under int8 8 bits
 * for every kept key of a non-zero class (the arch's tag table). */
static double ideal_cycles(const vssa_arch *a, const head *hd)
{
    uint64_t planes = 0;
    for (int j = 0; j < hd->n; j++)
        if (hd->is_kept[j])
            planes += (uint64_t)vssa_tag_planes(a, hd->w.tag[j]);
    int queries = 0;   /* computed ones: not those dropped beyond cols */
    for (int b = 0; b < hd->nblocks; b++)
        queries += hd->blocks[b].rows ? hd->blocks[b].kept : 0;
    return 2.0 * (double)queries * a->head_dim * (double)planes / ((double)a->rows * a->cols);
}

/* The speedup over 8 bits that the mixed precision allows: sum 8 / sum p. */
static double speedup_bound(const vssa_arch *a, const head *hd)
{
    uint64_t bits = 0, keys = 0;
    for (int j = 0; j < hd->n; j++) {
        if (hd->is_kept[j]) {
            bits += (uint64_t)vssa_class_bits(a->bits, a->nclass, hd->w.tag[j]);
            keys++;
        }
    }
    return bits ? 8.0 * (double)keys / (double)bits : 0.0;
}

int *head_sent_tags(const head *hd)
{
    int *tags = malloc(sizeof(int) * ((size_t)hd->n + 1));
    if (tags)
        for (int p = 0; p < hd->n; p++)
            tags[p] = hd->w.tag[hd->w.order[p]];
    return tags;
}

static void compare(tally *t, const char *what, uint64_t got, uint64_t want)
{
    if (got != want)
        failf(t, "%s %" PRIu64 ", cycle model %" PRIu64, what, got, want);
}

void check_perf(const vssa_arch *a, const options *o, const head *hd, const head_times *ht,
                tally *t, FILE *model_out)
{
    const sim_perf *p = &ht->perf;
    vssa_timing m;
    int *tags = head_sent_tags(hd);
    int lead = o->queries_first && hd->nblocks && hd->blocks[0].rows == 0 && hd->beats[0].query;
    if (!tags || vssa_plan_head(a, tags, hd->n, hd->m, o->block, o->trace, o->comp, &m)) {
        failf(t, "out of memory in the cycle model");
        free(tags);
        return;
    }
    free(tags);
    if (p->busy + p->stall + p->idle != (uint64_t)a->rows * p->cycles)
        failf(t, "busy+stall+idle = %" PRIu64 ", rows*cycles = %" PRIu64,
              p->busy + p->stall + p->idle, (uint64_t)a->rows * p->cycles);
    compare(t, "perf_busy (golden digit-MAC work)", p->busy, m.busy);
    compare(t, "perf_tiles", p->tiles, m.tiles);
    uint64_t span = ht->last_out >= ht->first_in ? ht->last_out - ht->first_in + 1 : 0;
    if (!o->gaps && !o->backpressure && !lead) {
        compare(t, "perf_cycles", p->cycles, m.cycles);
        compare(t, "perf_stall", p->stall, m.stall);
        compare(t, "perf_idle", p->idle, m.idle);
        compare(t, "perf_wait", p->wait, m.wait);
        compare(t, "perf_qk (Q.K^T phase cycles)", p->qk, m.qk);
        compare(t, "perf_sm (softmax phase cycles)", p->sm, m.sm);
        compare(t, "perf_pv (P.V phase cycles)", p->pv, m.pv);
        compare(t, "first input to last output beat, cycles", span, m.span);
    }
    if (model_out)
        fprintf(model_out, "%" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64
                " %" PRIu64 " %" PRIu64 " %" PRIu64 "\n",
                m.cycles, m.busy, m.stall, m.idle, m.tiles, m.qk, m.sm, m.pv);
    t->cycles += p->cycles;
    t->model_cycles += m.cycles;
    t->busy += p->busy;
    t->stall += p->stall;
    t->idle += p->idle;
    t->tiles += p->tiles;
    t->wait += p->wait;
    t->span += span;
    t->qk += p->qk;
    t->sm += p->sm;
    t->pv += p->pv;
    t->model_span += m.span;
    t->ideal += ideal_cycles(a, hd);
    t->bound = speedup_bound(a, hd);
    if (!o->quiet)
        printf("head: %d keys, %d queries, %d blocks; perf cycles %" PRIu64 " (model without gaps %" PRIu64
               "), tiles %" PRIu64 ", busy %" PRIu64 " stall %" PRIu64 " idle %" PRIu64
               " wait %" PRIu64 "; key set ready at cycle %" PRIu64 " (model); first input to last"
               " output %" PRIu64 " cycles (model %" PRIu64 ")\n", hd->n, hd->m, hd->nblocks,
               p->cycles, m.cycles, p->tiles, p->busy, p->stall, p->idle, p->wait, m.ready, span,
               m.span);
}
