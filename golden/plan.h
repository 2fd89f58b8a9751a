/* plan.h - the golden model of dispatch and timing: which tiles a scheduler
 * forms from a pass's key tokens, and how many cycles the RTL then takes.
 *
 * Every routine takes a derived architecture (arch.h) and reads its rows,
 * head_dim, slots, sched, fin_cycles and tag tables.
 *
 * Placement. A token's planes are bits/digit of its class (every token has
 * 8/digit planes under fixed8). Tokens with no planes are pruned.
 *   lockstep: tokens fill tiles of `rows` lanes in arrival order; a pruned
 *     token still takes its lane. A tile closes when full or at the last
 *     token, and is dropped if it holds only pruned tokens.
 *   group: pruned tokens take no lane. Each non-zero class c fills tiles of
 *     its own; a class opens a tile by taking the next free slot (tokens
 *     that find none are dropped) and a full tile joins the table at once.
 *     After the load, class c = 0, 1, ... in turn appends its partial tile.
 *   fuse: as group, but when classes 2i and 2i+1 both end with a partial
 *     tile and their fills add up to at most `rows`, one tile runs both at
 *     class 2i's planes (the higher precision).
 * Tokens beyond slots*rows (lockstep) or without a free slot are dropped;
 * the RTL flags err_o[1].
 *
 * Timing of one pass, cycle 0 being the cycle the last input beat moves:
 *   - the dispatcher needs F more cycles to finish the table (fin_cycles):
 *     0 for lockstep, one per non-zero class for group and fuse;
 *   - the first operation issues at cycle 2 + F;
 *   - tile k issues L_k = head_dim * P_k operations, one per cycle, back to
 *     back with the previous tile, except that its last operation (which
 *     captures the sums) waits until the drain is empty:
 *         l_k = max(f_k + L_k - 1, l_{k-1} + 2 + V_{k-1})    (k > 0)
 *     where f_k = l_{k-1} + 1 and V is the tile's count of output rows;
 *   - the drain sends one row per cycle from l_k + 2 (out_ready held high);
 *   - the pass ends at cycle l_last + 2 + V_last; with no tile, at 2 + F.
 * perf_cycles counts cycles 1 .. end. Busy lane-cycles are head_dim times the
 * planes of every computed token; a lane whose token has fewer planes than
 * its tile stalls head_dim cycles per missing plane; all other lane-cycles
 * are idle. The model is exact only without output back-pressure. */
#ifndef VSSA_PLAN_H
#define VSSA_PLAN_H

#include <stdint.h>

#include "arch.h"

typedef struct {
    int planes;  /* planes the tile runs */
    int fill;    /* lanes holding a token, pruned ones included */
    int rows;    /* tokens with planes: output rows */
    int work;    /* sum of its tokens' planes */
} vssa_tile;

typedef struct {
    uint64_t cycles, busy, stall, idle, tiles, drain_wait;
    int dropped;  /* tokens beyond capacity */
} vssa_timing;

/* Planes of a tag, from the arch's tag_planes table. A tag outside the table
 * reads as the last class, like every unused tag code. */
int vssa_tag_planes(const vssa_arch *a, int tag);

/* Tiles formed from tags[0..n-1] (arrival order), in execution order.
 * tiles needs room for n + nclass entries. Returns the tile count; *dropped
 * gets the tokens that did not fit. */
int vssa_plan_tiles(const vssa_arch *a, const int *tags, int n,
                    vssa_tile *tiles, int *dropped);

/* Cycle model of one pass. Returns -1 on allocation failure. */
int vssa_plan_timing(const vssa_arch *a, const int *tags, int n, vssa_timing *t);

#endif
