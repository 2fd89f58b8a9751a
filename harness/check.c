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

static void check_scores(const vssa_arch *a, const head *hd, const block_plan *bp,
                         const out_beat *b, const sim *s, tally *t)
{
    for (int c = 0; c < a->cols; c++) {
        int64_t got = sim_out_score(s, c);
        if (t->corrupt_rtl && c == 0) {
            got ^= 1;   /* a single-bit fault on the output bus */
            t->corrupt_rtl = 0;
        }
        int q = bp->q0 + c;
        int64_t exp = c < bp->kept ? hd->S[(size_t)q * (size_t)hd->n + b->key] : 0;
        t->checked++;
        if (got != exp) {
            t->mismatches++;
            if (t->mismatches <= 10)
                printf("MISMATCH query %d key %u column %d cycle %" PRIu64 ": expected %" PRId64
                       ", got %" PRId64 "\n", q, b->key, c, b->cycle, exp, got);
        }
    }
}

static void end_block(const head *hd, monitor *mo)
{
    memset(mo->seen, 0, (size_t)hd->n + 1);
    mo->blk++;
    mo->rows = 0;
}

void check_beat(const vssa_arch *a, const head *hd, monitor *mo, const out_beat *b,
                const sim *s, tally *t)
{
    if (mo->blk >= hd->nblocks) {
        failf(t, "beat for key %u after the head's last block, cycle %" PRIu64, b->key, b->cycle);
        return;
    }
    const block_plan *bp = &hd->blocks[mo->blk];
    unsigned qbase = (unsigned)bp->q0 & ((1u << a->idx_w) - 1);
    if (b->qbase != qbase)
        failf(t, "out_qbase %u, expected %u (block at query %d)", b->qbase, qbase, bp->q0);
    if (b->empty) {
        if (bp->rows != 0)
            failf(t, "empty beat for block at query %d, which has %d rows", bp->q0, bp->rows);
        if (!b->last)
            failf(t, "empty beat without out_last at cycle %" PRIu64, b->cycle);
        end_block(hd, mo);
        return;
    }
    mo->rows++;
    if (b->key >= (unsigned)hd->n)
        failf(t, "row for key %u out of range (n=%d)", b->key, hd->n);
    else if (!hd->bits[b->key])
        failf(t, "row for key %u, which is %s, at cycle %" PRIu64, b->key,
              hd->is_kept[b->key] ? "pruned" : "beyond MAX_SEQ", b->cycle);
    else if (mo->seen[b->key])
        failf(t, "duplicate row for key %u at cycle %" PRIu64, b->key, b->cycle);
    else
        mo->seen[b->key] = 1;
    if (b->key < (unsigned)hd->n)
        check_scores(a, hd, bp, b, s, t);
    if (b->last != (mo->rows == bp->rows))
        failf(t, "out_last %d on row %d of %d of the block at query %d", b->last, mo->rows,
              bp->rows, bp->q0);
    if (b->last || mo->rows > bp->rows)
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
