/* SPDX-License-Identifier: MIT */
/* stream.c - stimulus and monitor: offers a head's beats with random valid
 * gaps, holds out_ready_i low at random, and hands every output beat to the
 * checks. A beat offered under back-pressure must hold still until taken. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define STALL_LIMIT 100000   /* cycles without progress before a hang is declared */
#define PERF_LAG 2           /* the counters show a cycle's activity this much later */

/* A hash of everything an output beat carries. */
static uint64_t beat_signature(const vssa_arch *a, const sim *s)
{
    uint64_t h = 1469598103934665603ULL;
    uint64_t v[4] = {sim_out_idx(s), sim_out_qbase(s), (uint64_t)sim_out_last(s),
                     (uint64_t)sim_out_kind(s)};
    int words = (a->out_dw + 31) / 32;
    for (int i = 0; i < 4 + words; i++) {
        h ^= i < 4 ? v[i] : (uint64_t)sim_out_field(s, i - 4, 32, 0);
        h *= 1099511628211ULL;
    }
    return h;
}

static void offer(sim *s, const head *hd, int next, int valid)
{
    sim_in in = {0};
    if (valid) {
        const beat *b = &hd->beats[next];
        in = (sim_in){.valid = 1, .query = b->query, .last = b->last, .tag = b->tag,
                      .idx = b->idx, .data = b->data, .vtag = b->tag, .vdata = b->vdata};
    }
    sim_set_in(s, &in);
}

typedef struct {
    int held;
    uint64_t sig;
} hold_watch;

/* One line per beat taken, for vssa-fstcheck --beats: the data MSB first. */
void log_beat(FILE *f, const vssa_arch *a, const sim *s, const out_beat *b)
{
    fprintf(f, "%" PRIu64 " %d %d %u %u ", b->cycle, b->kind, b->last, b->qbase, b->idx);
    int digits = (a->out_dw + 3) / 4;
    for (int d = digits - 1; d >= 0; d--)
        fputc("0123456789abcdef"[sim_out_field(s, d, 4, 0)], f);
    fputc('\n', f);
}

static void watch_output(sim *s, const vssa_arch *a, const options *o, const head *hd,
                         monitor *mo, hold_watch *hw, tally *t, head_times *ht)
{
    uint64_t now = sim_cycle(s);
    if (hw->held && (!sim_out_valid(s) || beat_signature(a, s) != hw->sig))
        failf(t, "output beat changed or withdrew under back-pressure at cycle %" PRIu64, now);
    hw->held = sim_out_valid(s) && !sim_out_ready(s);
    if (hw->held)
        hw->sig = beat_signature(a, s);
    if (sim_out_valid(s) && sim_out_ready(s)) {
        out_beat b = {sim_out_kind(s), sim_out_idx(s), sim_out_qbase(s), sim_out_last(s), now};
        ht->last_out = now;
        if (t->beats_out)
            log_beat(t->beats_out, a, s, &b);
        check_beat(a, hd, o, mo, &b, s, t);
    }
}

int stream_head(sim *s, const vssa_arch *a, const options *o, const head *hd,
                vssa_rng *rng, tally *t, head_times *ht)
{
    monitor mo = {0, 0, {0}, {calloc((size_t)hd->n + 1, 1), calloc((size_t)hd->n + 1, 1)}};
    hold_watch hw = {0, 0};
    int sent = 0, first = 1, quiet_cycles = 0;
    uint64_t progress = sim_cycle(s);
    if (!mo.seen[0] || !mo.seen[1]) {
        free(mo.seen[0]);
        free(mo.seen[1]);
        return -1;
    }
    sim_set_config(s, o->trace, hd->es, hd->os, o->comp);
    memset(ht, 0, sizeof *ht);
    /* Until every beat is in and busy_o has been low long enough for the
     * counters to settle. */
    while (sent < hd->nbeats || mo.blk < hd->nblocks || quiet_cycles <= PERF_LAG) {
        int valid = sent < hd->nbeats && vssa_rng_below(rng, 100) >= (uint32_t)o->gaps;
        offer(s, hd, sent, valid);
        sim_set_out_ready(s, vssa_rng_below(rng, 100) >= (uint32_t)o->backpressure);
        sim_settle(s);
        if (valid && sim_in_ready(s)) {
            if (first)
                ht->first_in = sim_cycle(s);
            first = 0;
            sent++;
            progress = sim_cycle(s);
        }
        uint64_t before = ht->last_out;
        watch_output(s, a, o, hd, &mo, &hw, t, ht);
        if (ht->last_out != before)
            progress = sim_cycle(s);
        quiet_cycles = sent == hd->nbeats && !sim_busy(s) ? quiet_cycles + 1 : 0;
        sim_tick(s);
        if (sim_cycle(s) - progress > STALL_LIMIT) {
            failf(t, "no progress for %d cycles (sent %d of %d beats, %d of %d blocks out)",
                  STALL_LIMIT, sent, hd->nbeats, mo.blk, hd->nblocks);
            free(mo.seen[0]);
            free(mo.seen[1]);
            return -1;
        }
    }
    sim_get_perf(s, &ht->perf);   /* the registers after the last edge */
    check_head_end(a, hd, &mo, sim_err(s), t);
    free(mo.seen[0]);
    free(mo.seen[1]);
    return 0;
}
