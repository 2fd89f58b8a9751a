/* SPDX-License-Identifier: MIT */
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
                    int col, out_field f)
{
    if (t->corrupt_rtl == kind + 1) {
        got ^= 1;   /* a single-bit fault on the output bus */
        t->corrupt_rtl = 0;
    }
    t->checked++;
    t->by_kind[kind]++;
    if (got == exp)
        return;
    mismatchf(t, b, f, "%s query %d %s %d cycle %" PRIu64 ": expected %" PRId64 ", got %" PRId64,
              kind_names[kind], q, kind == SIM_KIND_OUT ? "element" : "key", col, b->cycle, exp,
              got);
}

/* Column c of a score or probability row: its bits, its value, and its
 * expectation for key j: column c holds query q0 + c of the block. */
static out_field row_field(const vssa_arch *a, const out_beat *b, int c)
{
    int w = b->kind == SIM_KIND_PROB ? VSSA_PROB_BITS : a->score_w;
    return (out_field){c * w, w, b->kind != SIM_KIND_PROB};
}

static int64_t row_got(const vssa_arch *a, const out_beat *b, const sim *s, int c)
{
    out_field f = row_field(a, b, c);
    return sim_out_field(s, c, f.width, f.is_signed);
}

static int64_t row_want(const head *hd, const block_plan *bp, const out_beat *b, int j, int c)
{
    size_t at = (size_t)(bp->q0 + c) * (size_t)hd->n + (size_t)j;
    return c >= bp->kept ? 0 : b->kind == SIM_KIND_PROB ? hd->P[at] : hd->S[at];
}

static void check_key_row(const vssa_arch *a, const head *hd, const block_plan *bp,
                          const out_beat *b, const sim *s, int j, tally *t)
{
    for (int c = 0; c < a->cols; c++) {
        int64_t got = row_got(a, b, s, c);
        if (b->kind == SIM_KIND_PROB && c < bp->kept)   /* as received, for --probs-out */
            hd->rP[(size_t)(bp->q0 + c) * (size_t)hd->n + (size_t)j] = (uint16_t)got;
        compare(t, b->kind, got, row_want(hd, bp, b, j, c), bp->q0 + c, b, j,
                row_field(a, b, c));
    }
}

static int row_matches(const vssa_arch *a, const head *hd, const block_plan *bp,
                       const out_beat *b, const sim *s, int j)
{
    for (int c = 0; c < a->cols; c++)
        if (row_got(a, b, s, c) != row_want(hd, bp, b, j, c))
            return 0;
    return 1;
}

/* The key a score or probability row stands for. The design labels a row
 * with the index its key was sent with, and labels may repeat, so: among
 * the computed keys sent with that label and not yet seen in the block at
 * this level, probability rows (which come in arrival order) take the
 * first in arrival order; score rows (in tile order) the first whose
 * expected row they match, else the first, against which the mismatch is
 * then reported. -1 if there is none. */
static int row_key(const vssa_arch *a, const head *hd, const block_plan *bp,
                   const monitor *mo, const out_beat *b, const sim *s)
{
    int first = -1;
    for (int p = 0; p < hd->n; p++) {
        int j = hd->w.order[p];
        if (hd->w.label[j] != b->idx || !hd->bits[j] || mo->seen[b->kind][j])
            continue;
        if (first < 0)
            first = j;
        if (b->kind == SIM_KIND_PROB || row_matches(a, hd, bp, b, s, j))
            return j;
    }
    return first;
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
        out_field f = {8 * e, 8, 1};
        int64_t got = sim_out_field(s, e, f.width, f.is_signed), exp = bp->keyless ? 0 : hd->O[at];
        if (q < hd->m)
            hd->rO[at] = (int8_t)got;   /* as received, for --out */
        compare(t, SIM_KIND_OUT, got, exp, q, b, e, f);
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

/* A key row's key: a computed key sent with its label, once per block and
 * kind. Returns the key, or -1 after reporting why there is none. */
static int check_key(const vssa_arch *a, const head *hd, const block_plan *bp, monitor *mo,
                     const out_beat *b, const sim *s, tally *t)
{
    const char *what = kind_names[b->kind];
    int j = row_key(a, hd, bp, mo, b, s);
    if (j >= 0) {
        mo->seen[b->kind][j] = 1;
        return j;
    }
    int sent = 0, computed = 0;
    for (int k = 0; k < hd->n; k++)
        if (hd->w.label[k] == b->idx) {
            sent++;
            computed += hd->bits[k] != 0;
        }
    if (!sent)
        failf(t, "%s row for index %u, which no key was sent with, at cycle %" PRIu64, what,
              b->idx, b->cycle);
    else if (!computed)
        failf(t, "%s row for index %u, whose keys are pruned or beyond MAX_SEQ, at cycle %" PRIu64,
              what, b->idx, b->cycle);
    else
        failf(t, "duplicate %s row for index %u at cycle %" PRIu64, what, b->idx, b->cycle);
    return -1;
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
        int j = check_key(a, hd, bp, mo, b, s, t);
        if (j >= 0)
            check_key_row(a, hd, bp, b, s, j, t);
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
