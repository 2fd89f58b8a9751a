/* SPDX-License-Identifier: MIT */
/* plan.h - the golden model of dispatch and timing: which tiles a scheduler
 * forms from a key set, which lane stages each key, and how many cycles the
 * RTL takes for a head: its key set, then its query blocks, each through
 * Q.K^T, the softmax and P.V.
 *
 * Placement. A key's planes are bits/digit of its class (8/digit for every
 * key under fixed8); keys without planes are pruned. Only the first max_seq
 * keys of a set are kept; later ones are dropped (err_o[1]).
 *   lockstep: keys fill tiles of `rows` lanes in arrival order; a pruned key
 *     still takes its lane. A tile closes when full or at the set's end, and
 *     is dropped if it holds only pruned keys.
 *   group: pruned keys take no lane. Each non-zero class fills tiles of its
 *     own, lanes from 0 up; a full tile joins the table at once. After the
 *     last key, class c = 0, 1, ... in turn appends its partial tile.
 *   fuse: as group, but odd classes fill lanes downward from rows-1, and when
 *     classes 2i and 2i+1 both end with a partial tile whose fills add up to
 *     at most `rows`, one tile runs both at class 2i's planes.
 *
 * Timing of a head, as the harness drives it: after reset, the n keys (each
 * carrying its value) and then the m queries (blocks of `cols`, the last
 * query of each block marked last) are offered back to back from cycle 0,
 * and out_ready_i stays high. Cycle numbers below count from that first
 * offer.
 *  - Input stage: beat i enters at a_i = max(a_{i-1}+1, c_{i-2}+1) and is
 *    taken by the controller at c_i >= max(a_i+1, c_{i-1}+1).
 *  - Under --precision hw (prec_hw) the class stage comes first: beat i
 *    enters it at g_i = max(g_{i-1}+1, a_{i-1}) (g_0 = 0), and the input
 *    stage at a_i = max(g_i+1, a_{i-1}+1, c_{i-2}+1) (a_0 = 1). Every cycle
 *    below then comes one later (L = 1 below; L = 0 without the stage).
 *  - The first key's arrival clears the set at cycle 1+L; keys are taken
 *    from cycle 2+L. A kept key taken at c goes into the loader (two places,
 *    in order), which passes it to its lane at f = max(c + 1, f' + 1, the
 *    lane's free cycle), f' the previous kept key's pass; the loader takes
 *    the next kept key no earlier than f'' + 1, f'' the pass of the kept key
 *    before the previous one (a place is free). A key with planes is staged into
 *    its lane's bank, one STAGE_B-byte word a cycle, so the lane is free
 *    again at f + W, W = D / STAGE_B;
 *    its value is written into the value banks in the TT cycles after c, and
 *    the next kept key is taken no earlier than c + TT. Keys beyond max_seq
 *    are taken without waiting.
 *  - The set is ready at R = max(c_last+1+F, c_last+1+CC, f_last+1,
 *    s_last+W+1, v_last+TT+1) + 1, where F is fin_cycles, CC comp_cycles
 *    (0 without --comp), f_last the last kept key's pass to its lane,
 *    s_last the last staged key's and v_last the take of the last key with
 *    planes.
 *  - Blocks hold `block` queries (cols unless more are sent); nq = min(block,
 *    cols) of them are computed. A query of block b+1 is taken no earlier
 *    than start_b + 1, the cycle after the controller decides to start it.
 *    That start is registered: the block's Q.K^T begins at s_b = start_b +
 *    1. Each block runs three phases, below as if alone from s_b; how the
 *    blocks' phases overlap comes after them.
 *    With trace_i every block runs alone: start_b = max(its last query + 1,
 *    R, done_{b-1}).
 *  - Q.K^T: tile k issues L_k = D * P_k operations from f_k, the first at
 *    s_b + 1, the others the cycle after the previous tile's last. Its
 *    last operation (the capture) issues at
 *        l_k = max(f_k + L_k - 1, f_k + 1 [if a tile follows in the block],
 *                  l_cap + LANE_LAT + 2 + v_cap)
 *    where l_cap is the previous capture (any phase, any block) and v_cap the
 *    highest lane that held a row in it: the drain chain must be empty
 *    first. The rows of a capture at l leave the drain one per cycle, lane
 *    i's at l + LANE_LAT + 1 + i (LANE_LAT = 5, arch.h: the capture stage).
 *    A block without tiles issues one empty capture at s_b + 1, which
 *    leaves at l + LANE_LAT + 1. Let x be the cycle the block's last
 *    row (or empty beat) leaves.
 *  - Softmax over the K listed keys (kept, with planes), each issued once
 *    per member of an exponent unit (SM_SHARE slots a key), with h = 1 for
 *    the virtual key (--comp design, comp_i, a pruned kept key), else 0:
 *    starts at G = x + 3 + MOVE_LAT (MOVE_LAT = 1: the block moves to the
 *    softmax the cycle after its last score is written) and issues from
 *    y = G + 1, exponentials done at
 *    e = y + SM_SHARE * (K + h) + SM_LAT + 1 + h (e = y if K + h = 0),
 *    reciprocals done at z = e + SM_SHARE * RECIP_LAT + 1; with trace_i the
 *    probability rows take 5 cycles a key, so the softmax ends at
 *    M = z + 5K + 1, else at M = z; the block moves to P.V at
 *    w = M + MOVE_LAT. (SM_LAT, RECIP_LAT, OUT_LAT: arch.h's latencies.)
 *  - P.V: TT t-tiles, each of V = sum of the listed values' planes
 *    operations, from w + 1, captured under the rule above with v_cap = its
 *    live lanes - 1 (D - (TT-1)*rows for the last t-tile, else rows). The
 *    rows reach the output stage at v_t = l + LANE_LAT + 1 + i (lane i of the capture
 *    at l; with the virtual key and K = 0, D rows of zeros at w + 2 + t),
 *    row t's first requantizer slot is s_t = max(v_t + 1, s_(t-1) +
 *    SM_SHARE), and the first O row is offered at
 *    o = s_(D-1) + SM_SHARE - 1 + OUT_LAT (o = w + 2 if K = 0 without the
 *    virtual key); the nq rows leave at o+1 .. o+nq, the last one's take is
 *    od_b = o + nq, and done_b = od_b + 1.
 *  - Overlap, without trace_i (gen/rtl/phase.v). The Q.K^T above ends at
 *    x3 = x + 3 (the last score written); the softmax starts at G_b and
 *    ends at M_b, its formula shifted to y = G_b + 1; P.V starts at V_b
 *    (its w) and its sequencer is idle at PI_b = l_last + LANE_LAT + 1
 *    (V_b + 1 with an empty value list); the Q.K^T sequencer is idle at
 *    SI_b = l_last + LANE_LAT + 1.
 *      G_b = max(x3_b, V_{b-1}) + MOVE_LAT    (the softmax slot is empty:
 *                                              a move is decided from
 *                                              registered slots only)
 *      c_b = max(its last query + 1, R, G_{b-1} + 1, PI of the last P.V
 *            placed)
 *    P.V of block b-1 goes first if it can start by c_b:
 *      V_{b-1} = max(M_{b-1} + MOVE_LAT, od_{b-2} + MOVE_LAT, SI_{b-1})
 *      if that is <= c_b; then start_b = max(c_b, PI_{b-1});
 *    else start_b = c_b and V_{b-1} = max(M_{b-1} + MOVE_LAT, od_{b-2} +
 *    MOVE_LAT, SI_{b-1}, SI_b), after this block's Q.K^T (P.V does not
 *    start at s_b either, where the Q.K^T begins). The last block's P.V
 *    starts at max(M + MOVE_LAT, od of the one before + MOVE_LAT, SI). The
 *    head ends at done of the last block. The array runs every phase in
 *    the order of its start, so the drain rule above holds across them. The phase counters count, per
 *    block, s_b+1 .. x3 (Q.K^T), G+1 .. M (softmax) and V+1 .. od (P.V);
 *    they overlap (with trace_i G = x3 + 1 and V = M + 1).
 *  - busy_o is high from cycle 2+L to E = done of the last block (to R
 *    without blocks); perf_cycles counts cycles 2+L..E; the span ends at E.
 * Busy lane-cycles are D times the planes of every computed key, per block,
 * in Q.K^T, and as many again in P.V (each operation of a t-tile keeps its
 * live lanes busy); a Q.K^T lane whose key has fewer planes than its tile
 * stalls D cycles per missing plane; the rest of rows * perf_cycles is idle. The model is exact when the
 * input has no gaps and the output no back-pressure. */
#ifndef VSSA_PLAN_H
#define VSSA_PLAN_H

#include <stdint.h>

#include "arch.h"

typedef struct {
    int planes;  /* planes the tile runs */
    int fill;    /* lanes holding a key, pruned ones included */
    int rows;    /* keys with planes: output rows */
    int work;    /* sum of its keys' planes */
    int top;     /* highest lane holding a key with planes */
} vssa_tile;

typedef struct {
    uint64_t cycles, busy, stall, idle, tiles, wait;  /* the perf_* counters */
    uint64_t ready;   /* cycle the key set is ready (R above) */
    uint64_t span;    /* cycles from the first input beat to the last output
                         beat, both included; 0 without output */
    int dropped;      /* keys beyond max_seq */
    uint64_t qk, sm, pv;  /* cycles of the blocks in their Q.K^T, softmax and
                             P.V phases (perf_qk_o, perf_sm_o, perf_pv_o):
                             s_b+1 .. x3, G+1 .. M, V+1 .. od (with
                             trace_i G = x3 + 1, V = M + 1); they
                             overlap */
} vssa_timing;

/* Planes of a tag (the arch's tag table). */
int vssa_tag_planes(const vssa_arch *a, int tag);

/* Tiles formed from tags[0..n-1] (arrival order), in execution order.
 * tiles needs room for n + nclass entries; lane (n entries) gets the lane
 * that stages each key, or -1 (pruned keys and dropped ones). Returns the
 * tile count; *dropped gets the keys beyond max_seq. */
int vssa_plan_tiles(const vssa_arch *a, const int *tags, int n, vssa_tile *tiles,
                    int *lane, int *dropped);

/* Cycle model of one head: n keys, then m queries sent in blocks of `block`
 * (cols, or more: a block's queries beyond cols are dropped but still take
 * their beat), with trace_i and comp_i high or low. Each value has its key's
 * tag. -1 on allocation failure. */
int vssa_plan_head(const vssa_arch *a, const int *tags, int n, int m, int block, int trace,
                   int comp, vssa_timing *t);

/* Cycles of one ranking of n counters (vssa.h section 14, gen/rtl/rank.v),
 * from its start to its done pulse, without back-pressure, on a's ncut cut
 * points, imp_w-bit counters and kcnt_w-bit key count: the cut points, one
 * cycle per quotient bit (kcnt_w + 10 of them) plus RANK_CUT_LAT (5: add,
 * clamp, multiply, add 500, store); ceil(imp_w / 4) search passes of
 * n + IMP_RD_LAT + 19 (a cycle to clear the histograms, n reads, the read
 * latency (2), one to compare, one to count, 16 to pick the digit); the
 * class pass of n + IMP_RD_LAT + 3 (n reads, the read latency, one to
 * compare, one to present, the done cycle). With n = 0 a pass takes 18 and
 * the class pass 2. */
uint64_t vssa_rank_cycles(const vssa_arch *a, int n);

/* A command beat (--precision hw; op 1 clear, 2 rank, 3 top) offered when
 * the design is idle: cycles from the one the input takes it to busy_o's
 * last high cycle, without back-pressure. The beat reaches the controller
 * two cycles after the input takes it and starts its command there; busy_o
 * falls two cycles after the command ends. A clear takes max_seq cycles, a
 * rank of n tokens vssa_rank_cycles() and its done cycle, a top one cycle. */
uint64_t vssa_command_cycles(const vssa_arch *a, int op, int n);

#endif
