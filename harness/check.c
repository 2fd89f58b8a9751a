/* check.c - every output beat against the golden model: the block it
 * belongs to, its key, its scores, and the block's end. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

void failf(tally *t, const char *fmt, ...)
{
    t->failures++;
    if (t->failures > 20)
        return;
    va_list ap;
    va_start(ap, fmt);
    printf("FAIL: ");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
}

static const char *const kind_names[] = {"score", "probability", "output"};

/* Compares one received value; the first mismatches are printed with where
 * and when they happened. */
static void compare(tally *t, int kind, int64_t got, int64_t exp, int q, const out_beat *b,
                    int col)
{
    if (t->corrupt_rtl == kind + 1) {
        got ^= 1;   /* a single-bit fault on the output bus */
        t->corrupt_rtl = 0;
    }
    t->checked++;
    t->by_kind[kind]++;
    if (got == exp)
        return;
    t->mismatches++;
    if (t->mismatches <= 10)
        printf("MISMATCH %s query %d %s %d cycle %" PRIu64 ": expected %" PRId64 ", got %" PRId64
               "\n", kind_names[kind], q, kind == SIM_KIND_OUT ? "element" : "key", col, b->cycle,
               exp, got);
}

/* A score or probability row: column c holds query q0 + c of the block. */
static void check_key_row(const vssa_arch *a, const head *hd, const block_plan *bp,
                          const out_beat *b, const sim *s, tally *t)
{
    int prob = b->kind == SIM_KIND_PROB;
    for (int c = 0; c < a->cols; c++) {
        size_t at = (size_t)(bp->q0 + c) * (size_t)hd->n + b->idx;
        int64_t got = prob ? sim_out_field(s, c, VSSA_PROB_BITS, 0)
                           : sim_out_field(s, c, a->score_w, 1);
        int64_t exp = c >= bp->kept ? 0 : prob ? hd->P[at] : hd->S[at];
        if (prob && c < bp->kept)
            hd->rP[at] = (uint16_t)got;   /* as received, for --probs-out */
        compare(t, b->kind, got, exp, bp->q0 + c, b, (int)b->idx);
    }
}

static void check_out_row(const vssa_arch *a, const head *hd, const block_plan *bp,
                          const monitor *mo, const out_beat *b, const sim *s, tally *t)
{
    int q = bp->q0 + mo->count[SIM_KIND_OUT];
    unsigned want = (unsigned)q & ((1u << a->idx_w) - 1);
    if (b->idx != want)
        failf(t, "O row for query %u, expected query %u, at cycle %" PRIu64, b->idx, want,
              b->cycle);
    for (int e = 0; e < a->head_dim; e++) {
        size_t at = (size_t)q * (size_t)a->head_dim + e;
        int64_t got = sim_out_field(s, e, 8, 1), exp = bp->keyless ? 0 : hd->O[at];
        if (q < hd->m)
            hd->rO[at] = (int8_t)got;   /* as received, for --out */
        compare(t, SIM_KIND_OUT, got, exp, q, b, e);
    }
}

static void end_block(const head *hd, monitor *mo)
{
    memset(mo->seen[0], 0, (size_t)hd->n + 1);
    memset(mo->seen[1], 0, (size_t)hd->n + 1);
    memset(mo->count, 0, sizeof mo->count);
    mo->kind = 0;
    mo->blk++;
}

/* A key row's key: in range, computed, once per block and kind. */
static int check_key(const head *hd, monitor *mo, const out_beat *b, tally *t)
{
    const char *what = kind_names[b->kind];
    if (b->idx >= (unsigned)hd->n) {
        failf(t, "%s row for key %u out of range (n=%d)", what, b->idx, hd->n);
        return -1;
    }
    if (!hd->bits[b->idx])
        failf(t, "%s row for key %u, which is %s, at cycle %" PRIu64, what, b->idx,
              hd->is_kept[b->idx] ? "pruned" : "beyond MAX_SEQ", b->cycle);
    else if (mo->seen[b->kind][b->idx])
        failf(t, "duplicate %s row for key %u at cycle %" PRIu64, what, b->idx, b->cycle);
    mo->seen[b->kind][b->idx] = 1;
    return 0;
}

/* Per block: every score row, then every probability row (trace only),
 * then one O row per computed query in column order, the last marked. */
void check_beat(const vssa_arch *a, const head *hd, const options *o, monitor *mo,
                const out_beat *b, const sim *s, tally *t)
{
    if (mo->blk >= hd->nblocks) {
        failf(t, "%s beat after the head's last block, cycle %" PRIu64,
              b->kind <= SIM_KIND_OUT ? kind_names[b->kind] : "unknown", b->cycle);
        return;
    }
    const block_plan *bp = &hd->blocks[mo->blk];
    unsigned qbase = (unsigned)bp->q0 & ((1u << a->idx_w) - 1);
    if (b->qbase != qbase)
        failf(t, "out_qbase %u, expected %u (block at query %d)", b->qbase, qbase, bp->q0);
    if (b->kind > SIM_KIND_OUT || (b->kind != SIM_KIND_OUT && !o->trace)) {
        failf(t, "out_kind %d at cycle %" PRIu64 " (trace %s)", b->kind, b->cycle,
              o->trace ? "on" : "off");
        return;
    }
    if (b->kind < mo->kind)
        failf(t, "%s row after %s rows at cycle %" PRIu64, kind_names[b->kind],
              kind_names[mo->kind], b->cycle);
    if (b->kind > mo->kind && o->trace && mo->count[b->kind - 1] != bp->rows)
        failf(t, "%d %s rows in the block at query %d, expected %d", mo->count[b->kind - 1],
              kind_names[b->kind - 1], bp->q0, bp->rows);
    mo->kind = b->kind;
    if (b->kind != SIM_KIND_OUT) {
        if (b->last)
            failf(t, "out_last on a %s row at cycle %" PRIu64, kind_names[b->kind], b->cycle);
        if (check_key(hd, mo, b, t) == 0)
            check_key_row(a, hd, bp, b, s, t);
        mo->count[b->kind]++;
        return;
    }
    check_out_row(a, hd, bp, mo, b, s, t);
    int nth = ++mo->count[SIM_KIND_OUT];
    if (b->last != (nth == bp->kept))
        failf(t, "out_last %d on O row %d of %d of the block at query %d", b->last, nth,
              bp->kept, bp->q0);
    if (b->last || nth >= bp->kept)
        end_block(hd, mo);
}

void check_head_end(const vssa_arch *a, const head *hd, const monitor *mo, unsigned err,
                    tally *t)
{
    if (mo->blk != hd->nblocks)
        failf(t, "%d of %d blocks ended with out_last", mo->blk, hd->nblocks);
    const block_plan *last = hd->nblocks ? &hd->blocks[hd->nblocks - 1] : NULL;
    unsigned want = (last && last->sent > a->cols ? 1u : 0u) | (hd->n > a->max_seq ? 2u : 0u);
    if (err != want)
        failf(t, "err_o = %u after the head, expected %u", err, want);
}
