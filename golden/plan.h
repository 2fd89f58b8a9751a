/* plan.h - the golden model of dispatch and timing: which tiles a scheduler
 * forms from a pass's key tokens, and how many cycles the RTL then takes.
 *
 * Placement (lockstep): tokens fill tiles of `rows` lanes in arrival order;
 * a pruned token still takes its lane. A tile runs P = max planes of its
 * tokens; tiles of only pruned tokens are dropped. Tokens beyond
 * slots*rows are dropped (the RTL flags err_o[1]).
 *
 * Timing of one pass, cycle 0 being the cycle the last input beat moves:
 *   - the first operation issues at cycle 2;
 *   - tile k issues L_k = head_dim * P_k operations, one per cycle, back to
 *     back with the previous tile, except that its last operation (which
 *     captures the sums) waits until the drain is empty:
 *         l_k = max(f_k + L_k - 1, l_{k-1} + 2 + V_{k-1})    (k > 0)
 *     where f_k = l_{k-1} + 1 and V is the tile's count of unpruned rows;
 *   - the drain sends one row per cycle from l_k + 2 (out_ready held high);
 *   - the pass ends at cycle l_last + 2 + V_last; with no tile, at cycle 2.
 * perf_cycles counts cycles 1 .. end. Busy lane-cycles are head_dim times the
 * planes of every computed token; a lane whose token has fewer planes than
 * its tile stalls head_dim cycles per missing plane; all other lane-cycles
 * are idle. The model is exact only without output back-pressure. */
#ifndef VSSA_PLAN_H
#define VSSA_PLAN_H

#include <stdint.h>

typedef enum { VSSA_SCHED_LOCKSTEP } vssa_sched;

typedef struct {
    int rows;
    int head_dim;
    int digit;
    int nclass;
    const int *bits;   /* descending precision set */
    int slots;         /* tile slots per lane bank */
    vssa_sched sched;
} vssa_plan_cfg;

typedef struct {
    int planes;  /* planes the tile runs */
    int fill;    /* lanes 0 .. fill-1 hold its tokens */
    int rows;    /* unpruned tokens: output rows */
    int work;    /* sum of its tokens' planes */
} vssa_tile;

typedef struct {
    uint64_t cycles, busy, stall, idle, tiles, drain_wait;
    int dropped;  /* tokens beyond capacity */
} vssa_timing;

/* Planes of a tag: bits / digit of its class. */
int vssa_tag_planes(const vssa_plan_cfg *c, int tag);

/* Tiles formed from tags[0..n-1] (arrival order), in execution order.
 * tiles needs room for n + nclass entries. Returns the tile count; *dropped
 * gets the tokens that did not fit. */
int vssa_plan_tiles(const vssa_plan_cfg *c, const int *tags, int n,
                    vssa_tile *tiles, int *dropped);

/* Cycle model of one pass. Returns -1 on allocation failure. */
int vssa_plan_timing(const vssa_plan_cfg *c, const int *tags, int n, vssa_timing *t);

#endif
