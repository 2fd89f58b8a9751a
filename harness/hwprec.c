/* SPDX-License-Identifier: MIT */
/* hwprec.c - precision decided by the design (--precision hw): the golden
 * importance counters and classes the design must hold, the command beats
 * that clear, rank and reset them, and the check of every token beat a
 * ranking sends (vssa.h sections 13 and 14). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define CMD_LIMIT 2000000   /* cycles a command may take before a hang is declared */

int hw_init(hw_state *w, const vssa_arch *a)
{
    memset(w, 0, sizeof *w);
    w->imp = calloc((size_t)a->max_seq + 1, sizeof *w->imp);
    w->cls = calloc((size_t)a->max_seq + 1, sizeof *w->cls);
    return w->imp && w->cls ? 0 : -1;
}

void hw_free(hw_state *w)
{
    free(w->imp);
    free(w->cls);
    memset(w, 0, sizeof *w);
}

void hw_tags(const hw_state *w, int n, int *tags)
{
    for (int j = 0; j < n; j++)
        tags[j] = w->ranked && j < w->ranked_n ? w->cls[j] : 0;
}

/* The counters gain every computed row's probabilities, each key's at its
 * label; a label of MAX_SEQ or more has no counter. Saturating adds of
 * non-negative sums may be grouped: a key's block sum first, then the add. */
int hw_add_head(hw_state *w, const vssa_arch *a, const head *hd)
{
    uint64_t *sum = calloc((size_t)hd->n + 1, sizeof *sum);
    uint64_t top = ((uint64_t)1 << a->imp_w) - 1;
    if (!sum)
        return -1;
    for (int b = 0; b < hd->nblocks; b++) {
        const block_plan *bp = &hd->blocks[b];
        if (!bp->rows)
            continue;
        memset(sum, 0, sizeof *sum * (size_t)hd->n);
        vssa_imp_add(sum, hd->n, hd->P + (size_t)bp->q0 * (size_t)hd->n, bp->kept, a->imp_w);
        for (int j = 0; j < hd->n; j++) {
            unsigned lab = hd->w.label[j];
            if (lab < (unsigned)a->max_seq) {
                uint64_t v = w->imp[lab] + sum[j];
                w->imp[lab] = v < top ? v : top;
            }
        }
    }
    free(sum);
    return 0;
}

static void token_mismatch(tally *t, const out_beat *b, out_field f, const char *what, int j,
                           uint64_t want, uint64_t got)
{
    mismatchf(t, b, f, "%s token %d cycle %" PRIu64 ": expected %" PRIu64 ", got %" PRIu64, what,
              j, b->cycle, want, got);
}

/* One token beat of a ranking: index j in order, its class and counter. */
static void check_token(const vssa_arch *a, const hw_state *w, const int *want, const sim *s,
                        int *next, uint64_t cycle, tally *t)
{
    int j = (int)sim_out_idx(s);
    uint64_t imp = (uint64_t)sim_out_field(s, 0, a->imp_w, 0);
    uint64_t cls = (uint64_t)(sim_out_field(s, 0, a->imp_w + a->tag_w, 0) >> a->imp_w);
    if (t->corrupt_rtl == CORRUPT_IMP || t->corrupt_rtl == CORRUPT_TAG) {
        if (t->corrupt_rtl == CORRUPT_IMP)
            imp ^= 1;
        else
            cls ^= 1;
        t->corrupt_rtl = 0;
    }
    if (j != *next || *next >= w->ranked_n) {
        failf(t, "token beat for token %d at cycle %" PRIu64 ", expected token %d", j, cycle,
              *next);
        return;
    }
    uint64_t want_imp = w->imp[j] ^ (uint64_t)(w->corrupt == CORRUPT_IMP && j == 0);
    uint64_t want_cls = (uint64_t)want[j] ^ (uint64_t)(w->corrupt == CORRUPT_TAG && j == 0);
    t->checked += 2;
    t->tokens++;
    out_beat b = {sim_out_kind(s), sim_out_idx(s), sim_out_qbase(s), sim_out_last(s), cycle};
    if (imp != want_imp)
        token_mismatch(t, &b, (out_field){0, a->imp_w, 0}, "importance", j, want_imp, imp);
    if (cls != want_cls)
        token_mismatch(t, &b, (out_field){a->imp_w, a->tag_w, 0}, "class", j, want_cls, cls);
    (*next)++;
}

/* Offers the command beat until taken, then runs until the design is idle
 * again, checking the token beats a traced ranking sends. */
static int stream_command(sim *s, const vssa_arch *a, const options *o, int op,
                          const hw_state *w, const int *want, vssa_rng *rng, tally *t)
{
    const int8_t opcode[VSSA_D] = {(int8_t)op};   /* in_data_i[1:0] */
    sim_in in = {.valid = 1, .cmd = 1, .data = opcode};
    int taken = 0, quiet = 0, next = 0, seen_busy = 0;
    uint64_t start = sim_cycle(s), took = 0;
    while (!taken || quiet < 3) {
        sim_set_in(s, taken ? &(sim_in){0} : &in);
        sim_set_out_ready(s, vssa_rng_below(rng, 100) >= (uint32_t)o->backpressure);
        sim_settle(s);
        if (!taken && sim_in_ready(s)) {
            taken = 1;
            took = sim_cycle(s);
        }
        if (sim_out_valid(s) && sim_out_ready(s)) {
            out_beat b = {sim_out_kind(s), sim_out_idx(s), sim_out_qbase(s), sim_out_last(s),
                          sim_cycle(s)};
            if (t->beats_out)
                log_beat(t->beats_out, a, s, &b);
            if (sim_out_kind(s) != SIM_KIND_TOKEN || op != SIM_CMD_RANK || !o->trace)
                failf(t, "output beat of kind %d during command %d at cycle %" PRIu64,
                      sim_out_kind(s), op, sim_cycle(s));
            else
                check_token(a, w, want, s, &next, sim_cycle(s), t);
        }
        /* the beat reaches the controller, and busy_o rises, a few cycles
         * after the input takes it */
        seen_busy = seen_busy || sim_busy(s);
        quiet = seen_busy && !sim_busy(s) ? quiet + 1 : 0;
        sim_tick(s);
        if (sim_cycle(s) - start > CMD_LIMIT) {
            failf(t, "command %d did not finish within %d cycles", op, CMD_LIMIT);
            return -1;
        }
    }
    if (op == SIM_CMD_RANK && o->trace && next != w->ranked_n)
        failf(t, "ranking sent %d token beats, expected %d", next, w->ranked_n);
    /* from the cycle the input takes the beat to busy_o's last high cycle */
    uint64_t cycles = sim_cycle(s) - 3 - took, model = vssa_command_cycles(a, op, w->ranked_n);
    if (!o->backpressure && cycles != model)
        failf(t, "command %d took %" PRIu64 " cycles, cycle model %" PRIu64, op, cycles, model);
    t->cmd_cycles[op & 3] += cycles;
    t->cmd_model[op & 3] += model;
    t->cmd_count[op & 3]++;
    return 0;
}

int hw_command(sim *s, const vssa_arch *a, const options *o, int op, int n, hw_state *w,
               vssa_rng *rng, tally *t)
{
    int *want = NULL;
    if (op == SIM_CMD_CLEAR) {
        memset(w->imp, 0, sizeof *w->imp * (size_t)a->max_seq);
    } else if (op == SIM_CMD_TOP) {
        w->ranked = 0;
    } else if (op == SIM_CMD_RANK) {
        int ratios[VSSA_MAX_CLASSES] = {0};
        wl_mix_ratios(o->mix, a->nclass, ratios);
        sim_set_ratio(s, ratios, a->ncut);
        want = calloc((size_t)n + 1, sizeof *want);
        if (!want || vssa_rank_radix(w->imp, n, a->imp_w, ratios, a->nclass, want, NULL, NULL)) {
            free(want);
            failf(t, "cannot rank the golden counters");
            return -1;
        }
        w->ranked = 1;
        w->ranked_n = n;
        memcpy(w->cls, want, sizeof *want * (size_t)n);
        w->ranks++;
    }
    int rc = stream_command(s, a, o, op, w, want, rng, t);
    if (op == SIM_CMD_RANK)
        w->corrupt = 0;   /* only the first ranking's expectation is altered */
    free(want);
    return rc;
}
