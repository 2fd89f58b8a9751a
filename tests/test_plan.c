/* SPDX-License-Identifier: MIT */
/* test_plan.c - hand-computed cases for tile formation and the cycle model
 * (golden/plan.h), and properties over random key sets. The co-simulation
 * holds the RTL to the same model. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "plan.h"

/* bits 8,4,0 at digit 4: tag 0 has 2 planes, tag 1 one, tag 2 none. */
static vssa_arch arch_of(int rows, int d, int max_seq, vssa_sched sched)
{
    vssa_arch a;
    char err[VSSA_ERR_MAX];
    vssa_arch_defaults(&a);
    a.rows = rows;
    a.cols = 4;
    a.head_dim = d;
    a.max_seq = max_seq;
    a.sched = sched;
    a.sched_given = 1;
    a.precision = VSSA_PRECISION_HOST;   /* the hand figures; see test_hw_class_stage */
    a.share = 1;                         /* one exponent unit a column; see test_share */
    if (vssa_arch_derive(&a, err))
        fail_msg("derive: %s", err);
    return a;
}

static void expect_head(const vssa_arch *a, const int *tags, int n, int m, vssa_timing want)
{
    vssa_timing got;
    assert_int_equal(vssa_plan_head(a, tags, n, m, 4, 1, 0, &got), 0);
    assert_int_equal(got.cycles, want.cycles);
    assert_int_equal(got.busy, want.busy);
    assert_int_equal(got.stall, want.stall);
    assert_int_equal(got.idle, want.idle);
    assert_int_equal(got.tiles, want.tiles);
    assert_int_equal(got.wait, want.wait);
    assert_int_equal(got.ready, want.ready);
    assert_int_equal(got.span, want.span);
    assert_int_equal(got.dropped, want.dropped);
}

static void test_tiles_lockstep(void **state)
{
    (void)state;
    vssa_arch a = arch_of(4, 8, 16, VSSA_SCHED_LOCKSTEP);
    /* 8,4,0,4 | 4,4,0,0 | 0,0: the third tile is all pruned and dropped */
    const int tags[] = {0, 1, 2, 1, 1, 1, 2, 2, 2, 2};
    vssa_tile t[16];
    int lane[10], dropped;
    assert_int_equal(vssa_plan_tiles(&a, tags, 10, t, lane, &dropped), 2);
    assert_int_equal(dropped, 0);
    assert_int_equal(t[0].planes, 2);
    assert_int_equal(t[0].fill, 4);
    assert_int_equal(t[0].rows, 3);
    assert_int_equal(t[0].work, 4);
    assert_int_equal(t[0].top, 3);
    assert_int_equal(t[1].planes, 1);
    assert_int_equal(t[1].rows, 2);
    assert_int_equal(t[1].top, 1);        /* lanes 2 and 3 hold pruned keys */
    const int want_lane[] = {0, 1, -1, 3, 0, 1, -1, -1, -1, -1};
    assert_memory_equal(lane, want_lane, sizeof want_lane);
}

static void test_tiles_fuse_lanes(void **state)
{
    (void)state;
    vssa_arch a = arch_of(4, 8, 16, VSSA_SCHED_FUSE);
    /* class 0 fills up from lane 0, class 1 down from lane 3; 2 + 1 fit */
    const int tags[] = {0, 1, 0, 2};
    vssa_tile t[8];
    int lane[4], dropped;
    assert_int_equal(vssa_plan_tiles(&a, tags, 4, t, lane, &dropped), 1);
    assert_int_equal(t[0].planes, 2);
    assert_int_equal(t[0].fill, 3);
    assert_int_equal(t[0].rows, 3);
    assert_int_equal(t[0].top, 3);
    const int want_lane[] = {0, 3, 1, -1};
    assert_memory_equal(lane, want_lane, sizeof want_lane);
    /* group keeps them apart: two tiles, both from lane 0 */
    vssa_arch g = arch_of(4, 8, 16, VSSA_SCHED_GROUP);
    assert_int_equal(vssa_plan_tiles(&g, tags, 4, t, lane, &dropped), 2);
    assert_int_equal(t[1].top, 0);
    assert_int_equal(lane[1], 0);
}

static void test_tiles_max_seq(void **state)
{
    (void)state;
    vssa_arch a = arch_of(2, 8, 3, VSSA_SCHED_GROUP);
    const int tags[] = {0, 0, 0, 0, 1};
    vssa_tile t[8];
    int lane[5], dropped;
    assert_int_equal(vssa_plan_tiles(&a, tags, 5, t, lane, &dropped), 2);
    assert_int_equal(dropped, 2);          /* only the first max_seq keys count */
    assert_int_equal(lane[3], -1);
    assert_int_equal(lane[4], -1);
}

/* The latencies these hand figures use (arch.h): d = 8 gives 19-bit scores
 * and, with 16 keys, 20-bit P.V sums, so every multiply is four DSP-sized
 * products (3 cycles): SM_LAT 8, RECIP_LAT 22, OUT_LAT 9 (10 under comp). */
static void expect_latencies(const vssa_arch *a)
{
    assert_int_equal(a->sm_lat, 8);
    assert_int_equal(a->recip_lat, 22);
    assert_int_equal(a->out_lat, 9 + a->comp);
}

/* Four 8-bit keys, one query, lockstep on 4 lanes, d = 8 (two t-tiles).
 * Each key's value takes the value writer 2 cycles, so keys are taken at
 * 2, 4, 6, 8 and passed to their lanes a cycle later; a lane stages a key in
 * D / STAGE_B = 2 cycles, so the last is staged by 9+2+1 = 12 and the set
 * is ready at 13. The query enters at 7, is taken at 9; the block is
 * started at 13 and starts at 14 (the start is registered), its one tile
 * runs 16 operations from 15, capturing at 30. Lane 3 holds the top row: it
 * leaves the drain at 30+LANE_LAT+1+3 = 39. The block moves to the softmax
 * a cycle after its last score (MOVE_LAT), which issues its 4 keys from 44;
 * its exponentials are done at 44+4+8+1 = 57, the reciprocals at
 * 57+22+1 = 80, the 4 probability rows at 80+20+1 = 101. The block moves to
 * P.V a cycle later, at 102; P.V runs two t-tiles of 8 operations from 103:
 * captures at 110 and at max(118, 110+7+3) = 120 (two held operations); the
 * last row leaves the drain at 120+6+3 = 129, has its requantizer slot at
 * 130, the O row is offered at 130+9 = 139 and leaves at 140, and the next
 * block could start at 141.
 * Busy: 4 lanes x 16 in each phase. */
static void test_head_one_tile(void **state)
{
    (void)state;
    vssa_arch a = arch_of(4, 8, 16, VSSA_SCHED_LOCKSTEP);
    expect_latencies(&a);
    const int tags[] = {0, 0, 0, 0};
    assert_int_equal(a.stage_b, 4);
    expect_head(&a, tags, 4, 1, (vssa_timing){140, 128, 0, 4 * 140 - 128, 3, 2, 13, 141, 0, 0, 0, 0});
}

/* The same head with two columns per exponent unit, reciprocal and
 * requantizer: the 4 keys take 8 slots (exponentials done at
 * 44+8+8+1 = 61), and the two members' reciprocals run one after the other
 * (61+2*22+1 = 106): P.V issues from 4 + 22 cycles later, 129. Its rows
 * leave the drain at 142..145 and 152..155; each takes 2 requantizer slots,
 * so their first slots are 143, 145, 147, 149, then 153, 155, 157, 159: the
 * O row is offered at 159+1+9 = 169, 6 cycles after the 163 of the rows'
 * own pace with one requantizer a column. */
static void test_share(void **state)
{
    (void)state;
    vssa_arch a = arch_of(4, 8, 16, VSSA_SCHED_LOCKSTEP);
    char err[VSSA_ERR_MAX];
    a.share = 2;
    assert_int_equal(vssa_arch_derive(&a, err), 0);
    assert_int_equal(a.sm_share, 2);
    const int tags[] = {0, 0, 0, 0};
    expect_head(&a, tags, 4, 1, (vssa_timing){170, 128, 0, 4 * 170 - 128, 3, 2, 13, 171, 0, 0, 0, 0});
}

/* Every key pruned: the set is ready at max(3+1+2) + 1 = 7 (group finishes
 * in 2 cycles); the block is started at 7, starts at 8 and issues its one
 * empty capture at 9, whose beat leaves the drain at 9+LANE_LAT+1 = 15. The
 * softmax (a cycle after the last score) has no keys: reciprocals of E = 0
 * from 20 to 20+22+1 = 43, the empty probability pass ends at 44; P.V
 * starts a cycle later with no operations, the zero O row is offered at 47
 * and leaves at 48. */
static void test_head_every_key_pruned(void **state)
{
    (void)state;
    vssa_arch a = arch_of(4, 8, 16, VSSA_SCHED_GROUP);
    expect_latencies(&a);
    const int tags[] = {2, 2};
    expect_head(&a, tags, 2, 1, (vssa_timing){48, 0, 0, 4 * 48, 1, 0, 7, 49, 0, 0, 0, 0});
}

/* The same head on a --comp design: the compensation unit needs 26 + 8
 * cycles after the last take (3), so the set is ready at 3+1+34+1 = 39.
 * With comp_i the virtual key is the whole row: it takes one slot, its
 * exponential the pass 8+1 cycles and c * e_z one more (x = 48, y = 52,
 * e = 52+1+9+1 = 63, reciprocals to 63+23 = 86, P.V at 88 after the
 * move's cycle), and D = 8 rows of zeros plus e_z * vsum run through the
 * output stage: they arrive at 90..97, their slots are 91..98, and the O
 * row is offered at 98+10 = 108.
 * Without comp_i only
 * the set's readiness moves. */
static void test_head_comp(void **state)
{
    (void)state;
    vssa_arch a = arch_of(4, 8, 16, VSSA_SCHED_GROUP);
    char err[VSSA_ERR_MAX];
    a.comp = 1;
    assert_int_equal(vssa_arch_derive(&a, err), 0);
    assert_int_equal(a.comp_cycles, 34);
    expect_latencies(&a);
    const int tags[] = {2, 2};
    vssa_timing on, off;
    assert_int_equal(vssa_plan_head(&a, tags, 2, 1, 4, 1, 1, &on), 0);
    assert_int_equal(vssa_plan_head(&a, tags, 2, 1, 4, 1, 0, &off), 0);
    assert_int_equal(on.ready, 39);
    assert_int_equal(on.cycles, 109);
    assert_int_equal(on.span, 110);
    assert_int_equal(on.sm, 86 - 50);
    assert_int_equal(off.ready, 39);
    assert_int_equal(off.cycles, 80);
    assert_int_equal(off.span, 81);
}

/* A --comp design's output stage holds one more register: with listed keys
 * every block's O rows come one cycle later, whether comp_i is on or not;
 * comp_i also gives each block's softmax the virtual key.
 * The eight keys with planes hold the value writer 2 cycles each, from 2;
 * the two pruned ones only a cycle: the last key is taken at 18, so the set
 * is ready at 18+1+34+1 = 54. */
static void test_head_comp_output_stage(void **state)
{
    (void)state;
    vssa_arch a = arch_of(4, 8, 48, VSSA_SCHED_FUSE), c = a;
    char err[VSSA_ERR_MAX];
    c.comp = 1;
    assert_int_equal(vssa_arch_derive(&c, err), 0);
    const int tags[10] = {0, 1, 2, 1, 0, 1, 1, 2, 0, 1};
    vssa_timing base, on, off;
    assert_int_equal(vssa_plan_head(&a, tags, 10, 6, 4, 1, 0, &base), 0);
    assert_int_equal(vssa_plan_head(&c, tags, 10, 6, 4, 1, 1, &on), 0);
    assert_int_equal(vssa_plan_head(&c, tags, 10, 6, 4, 1, 0, &off), 0);
    assert_int_equal(on.ready, 18 + 1 + 34 + 1);
    assert_int_equal(on.pv, base.pv + 2);   /* two blocks */
    assert_int_equal(off.pv, base.pv + 2);
    assert_int_equal(off.span, base.span + 2 + (off.ready - base.ready));
    assert_int_equal(off.sm, base.sm);
    /* comp_i adds the virtual key: a slot and the c * e_z add per block */
    assert_int_equal(on.sm, base.sm + 2 * 2);
    assert_int_equal(on.span, off.span + 2 * 2);
    assert_int_equal(on.busy, base.busy);
    assert_int_equal(on.qk, base.qk);
}

/* No queries: busy ends when the set is ready: taken at 2, passed at 3,
 * staged by 3+2+1, ready at 7. */
static void test_head_no_queries(void **state)
{
    (void)state;
    vssa_arch a = arch_of(4, 8, 16, VSSA_SCHED_LOCKSTEP);
    const int tags[] = {0};
    expect_head(&a, tags, 1, 0, (vssa_timing){6, 0, 0, 24, 0, 0, 7, 0, 0, 0, 0, 0});
}

/* A key waits for its lane: fuse on 4 lanes, d = 5, so one byte is staged a
 * cycle (STAGE_B = 1: W = 5) while the value writer takes TT = 2 cycles a
 * key. Class 0 fills up from lane 0, class 1 down from lane 3, so the keys
 * go to lanes 0, 3, 2, 1 and 1, taken at 2, 4, 6, 8 and 10. The fourth is
 * passed to lane 1 at 9, which is busy until 14: the fifth waits in the
 * loader until 14 and is staged by 14+5+1 = 20; ready a cycle later. */
static void test_head_lane_conflict(void **state)
{
    (void)state;
    vssa_arch a = arch_of(4, 5, 16, VSSA_SCHED_FUSE);
    assert_int_equal(a.stage_b, 1);
    const int tags[] = {0, 1, 1, 1, 0};
    vssa_tile tl[8];
    int lane[5], dropped;
    vssa_plan_tiles(&a, tags, 5, tl, lane, &dropped);
    const int want_lane[] = {0, 3, 2, 1, 1};
    assert_memory_equal(lane, want_lane, sizeof want_lane);
    vssa_timing t;
    assert_int_equal(vssa_plan_head(&a, tags, 5, 0, 4, 1, 0, &t), 0);
    assert_int_equal(t.ready, 14 + 5 + 1 + 1);
}

/* Properties over random sets: the counters partition the lane-cycles, busy
 * is the digit-MAC work, fuse never forms more tiles than group. */
static void test_random_properties(void **state)
{
    (void)state;
    vssa_rng r;
    vssa_rng_seed(&r, 11);
    for (int iter = 0; iter < 2000; iter++) {
        int rows = 1 + (int)vssa_rng_below(&r, 9), n = (int)vssa_rng_below(&r, 40);
        int m = (int)vssa_rng_below(&r, 10), d = 1 + (int)vssa_rng_below(&r, 6);
        int tags[40];
        uint64_t work = 0;
        for (int j = 0; j < n; j++) {
            tags[j] = (int)vssa_rng_below(&r, 4);
            work += (uint64_t)(tags[j] == 0 ? 2 : tags[j] == 1 ? 1 : 0);
        }
        vssa_arch g = arch_of(rows, d, 40, VSSA_SCHED_GROUP);
        vssa_arch f = arch_of(rows, d, 40, VSSA_SCHED_FUSE);
        vssa_timing tg, tf;
        assert_int_equal(vssa_plan_head(&g, tags, n, m, 4, (int)(iter & 1), 0, &tg), 0);
        assert_int_equal(vssa_plan_head(&f, tags, n, m, 4, (int)(iter & 1), 0, &tf), 0);
        int blocks = (m + 3) / 4;
        /* Q.K^T and P.V each do d digit-MACs per plane of a computed key */
        assert_int_equal(tg.busy, 2 * (uint64_t)blocks * (uint64_t)d * work);
        /* with trace_i the blocks' phases follow one another inside the
         * span; without, they overlap, but none is longer than the span,
         * and overlapping never makes a head slower */
        if (iter & 1) {
            assert_true(tg.qk + tg.sm + tg.pv <= tg.span);
        } else {
            assert_true(tg.qk <= tg.span && tg.sm <= tg.span && tg.pv <= tg.span);
            vssa_timing serial;
            assert_int_equal(vssa_plan_head(&g, tags, n, m, 4, 1, 0, &serial), 0);
            assert_true(tg.span <= serial.span);
        }
        assert_true(m == 0 || (tg.qk > 0 && tg.sm > 0 && tg.pv > 0));
        assert_int_equal(tf.busy, tg.busy);
        assert_int_equal(tg.busy + tg.stall + tg.idle, (uint64_t)rows * tg.cycles);
        assert_int_equal(tf.busy + tf.stall + tf.idle, (uint64_t)rows * tf.cycles);
        assert_true(tf.tiles <= tg.tiles);
        assert_int_equal(tg.stall, 0);      /* group never mixes precisions */
        assert_true(blocks == 0 || tg.span > 0);
    }
}

/* --arch int8 over bits 8,4,0 (digit 8 by default): tags 0 and 1 one plane. */
static vssa_arch int8_of(int rows, int d, int max_seq)
{
    vssa_arch a;
    char err[VSSA_ERR_MAX];
    vssa_arch_defaults(&a);
    a.kind = VSSA_ARCH_INT8;
    a.rows = rows;
    a.cols = 4;
    a.head_dim = d;
    a.max_seq = max_seq;
    a.precision = VSSA_PRECISION_HOST;
    if (vssa_arch_derive(&a, err))
        fail_msg("derive: %s", err);
    return a;
}

/* int8 places kept keys in arrival order whatever their class, one plane
 * each, and gives pruned keys no lane: 8,4,0,4 | 4,4,0,0 | 0,0 makes one
 * full tile of keys 0, 1, 3, 4 and a partial one of key 5. */
static void test_tiles_int8(void **state)
{
    (void)state;
    vssa_arch a = int8_of(4, 8, 16);
    const int tags[] = {0, 1, 2, 1, 1, 1, 2, 2, 2, 2};
    vssa_tile t[16];
    int lane[10], dropped;
    assert_int_equal(vssa_plan_tiles(&a, tags, 10, t, lane, &dropped), 2);
    assert_int_equal(dropped, 0);
    assert_int_equal(t[0].planes, 1);
    assert_int_equal(t[0].fill, 4);
    assert_int_equal(t[0].rows, 4);
    assert_int_equal(t[0].work, 4);
    assert_int_equal(t[0].top, 3);
    assert_int_equal(t[1].planes, 1);
    assert_int_equal(t[1].fill, 1);
    assert_int_equal(t[1].rows, 1);
    assert_int_equal(t[1].top, 0);
    const int want_lane[] = {0, 1, -1, 2, 3, 0, -1, -1, -1, -1};
    assert_memory_equal(lane, want_lane, sizeof want_lane);
}

/* int8 over 8,4,0 times a head as a digit-8 vssa design over 8,0 (group)
 * would with every non-zero tag read as tag 0: the same tiles, the same
 * cycles; and it never stalls, every key running one plane. */
static void test_int8_as_one_class(void **state)
{
    (void)state;
    vssa_rng r;
    vssa_rng_seed(&r, 23);
    for (int iter = 0; iter < 500; iter++) {
        int rows = 1 + (int)vssa_rng_below(&r, 9), n = (int)vssa_rng_below(&r, 40);
        int m = (int)vssa_rng_below(&r, 10), d = 1 + (int)vssa_rng_below(&r, 6);
        int tags[40], two[40];
        uint64_t kept = 0;
        for (int j = 0; j < n; j++) {
            tags[j] = (int)vssa_rng_below(&r, 4);
            two[j] = tags[j] >= 2;
            kept += tags[j] < 2;
        }
        vssa_arch i8 = int8_of(rows, d, 40), v = i8;
        char err[VSSA_ERR_MAX];
        vssa_arch_defaults(&v);
        v.rows = rows;
        v.cols = 4;
        v.head_dim = d;
        v.max_seq = 40;
        v.precision = VSSA_PRECISION_HOST;
        v.digit = 8;
        v.nclass = 2;
        v.bits[1] = 0;
        v.sched = VSSA_SCHED_GROUP;
        assert_int_equal(vssa_arch_derive(&v, err), 0);
        vssa_timing ti, tv;
        assert_int_equal(vssa_plan_head(&i8, tags, n, m, 4, (int)(iter & 1), 0, &ti), 0);
        assert_int_equal(vssa_plan_head(&v, two, n, m, 4, (int)(iter & 1), 0, &tv), 0);
        const uint64_t got[] = {ti.cycles, ti.busy, ti.stall, ti.idle, ti.tiles, ti.wait,
                                ti.ready, ti.span, (uint64_t)ti.dropped, ti.qk, ti.sm, ti.pv};
        const uint64_t want[] = {tv.cycles, tv.busy, tv.stall, tv.idle, tv.tiles, tv.wait,
                                 tv.ready, tv.span, (uint64_t)tv.dropped, tv.qk, tv.sm, tv.pv};
        assert_memory_equal(got, want, sizeof got);
        assert_int_equal(ti.busy, 2 * (uint64_t)((m + 3) / 4) * (uint64_t)d * kept);
        assert_int_equal(ti.stall, 0);
    }
}

/* Under --precision hw the class stage delays every beat by one cycle: the
 * same head takes the same cycles, one later, and its span one more. */
static void test_hw_class_stage(void **state)
{
    (void)state;
    vssa_arch host = arch_of(4, 8, 48, VSSA_SCHED_FUSE), hw = host;
    char err[VSSA_ERR_MAX];
    hw.precision = VSSA_PRECISION_HW;
    assert_int_equal(vssa_arch_derive(&hw, err), 0);
    const int tags[10] = {0, 1, 2, 1, 0, 1, 1, 2, 0, 1};
    vssa_timing a, b;
    assert_int_equal(vssa_plan_head(&host, tags, 10, 6, 4, 1, 0, &a), 0);
    assert_int_equal(vssa_plan_head(&hw, tags, 10, 6, 4, 1, 0, &b), 0);
    assert_int_equal(b.cycles, a.cycles);
    assert_int_equal(b.ready, a.ready + 1);
    assert_int_equal(b.span, a.span + 1);
    assert_int_equal(b.busy, a.busy);
    assert_int_equal(b.qk + b.sm + b.pv, a.qk + a.sm + a.pv);
}

/* The ranker's cycles (rank.v's testbench checks them on the RTL). */
static void test_rank_cycles(void **state)
{
    (void)state;
    /* the defaults: 32-bit counters, 10-bit counts (512 keys), 8,4,0 */
    vssa_arch a = arch_of(4, 8, 512, VSSA_SCHED_FUSE);
    assert_int_equal(a.imp_w, 32);
    assert_int_equal(a.kcnt_w, 10);
    assert_int_equal(a.imp_rd_lat, 2);
    assert_int_equal(a.rank_cut_lat, 5);
    /* 512 tokens: 2 * 25 + 8 * 533 + 517 */
    assert_int_equal(vssa_rank_cycles(&a, 512), 2 * 25 + 8 * 533 + 517);
    assert_int_equal(vssa_rank_cycles(&a, 0), 50 + 144 + 2);
    /* 17-bit counters (2 rows), 5-bit counts (16 keys), 8,0: one cut */
    char err[VSSA_ERR_MAX];
    a.imp_rows = 2;
    a.max_seq = 16;
    a.nclass = 2;
    a.bits[1] = 0;
    assert_int_equal(vssa_arch_derive(&a, err), 0);
    assert_int_equal(a.imp_w, 17);
    assert_int_equal(a.kcnt_w, 5);
    assert_int_equal(vssa_rank_cycles(&a, 1), 20 + 5 * 22 + 6);
}

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tiles_lockstep),
        cmocka_unit_test(test_tiles_fuse_lanes),
        cmocka_unit_test(test_tiles_max_seq),
        cmocka_unit_test(test_head_one_tile),
        cmocka_unit_test(test_share),
        cmocka_unit_test(test_head_every_key_pruned),
        cmocka_unit_test(test_head_comp),
        cmocka_unit_test(test_head_comp_output_stage),
        cmocka_unit_test(test_head_no_queries),
        cmocka_unit_test(test_head_lane_conflict),
        cmocka_unit_test(test_random_properties),
        cmocka_unit_test(test_tiles_int8),
        cmocka_unit_test(test_int8_as_one_class),
        cmocka_unit_test(test_rank_cycles),
        cmocka_unit_test(test_hw_class_stage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
