/* SPDX-License-Identifier: MIT */
/* plan.c - tile formation and the cycle model (see plan.h). */
#include "plan.h"

#include <stdlib.h>

/* A tag outside the table reads as its last code, as the hardware's would. */
static int tag_index(const vssa_arch *a, int tag)
{
    return tag >= 0 && tag < (1 << a->tag_w) ? tag : (1 << a->tag_w) - 1;
}

int vssa_tag_planes(const vssa_arch *a, int tag)
{
    return a->tag_planes[tag_index(a, tag)];
}

static int tag_class(const vssa_arch *a, int tag)
{
    return a->tag_class[tag_index(a, tag)];
}

static void tile_add(vssa_tile *t, int planes, int lane)
{
    if (planes > t->planes)
        t->planes = planes;
    if (planes > 0 && lane > t->top)
        t->top = lane;
    t->fill++;
    t->rows += planes > 0;
    t->work += planes;
}

static const vssa_tile empty_tile = {0, 0, 0, 0, -1};

static int plan_lockstep(const vssa_arch *a, const int *tags, int n,
                         vssa_tile *tiles, int *lane)
{
    int ntiles = 0;
    vssa_tile cur = empty_tile;
    for (int j = 0; j < n; j++) {
        int planes = vssa_tag_planes(a, tags[j]);
        lane[j] = planes ? cur.fill : -1;
        tile_add(&cur, planes, cur.fill);
        if (cur.fill == a->rows || j == n - 1) {
            if (cur.planes > 0)
                tiles[ntiles++] = cur;
            cur = empty_tile;
        }
    }
    return ntiles;
}

static int plan_grouped(const vssa_arch *a, const int *tags, int n,
                        vssa_tile *tiles, int *lane)
{
    int ntiles = 0;
    int fuse = a->sched == VSSA_SCHED_FUSE;
    vssa_tile open[VSSA_MAX_CLASSES];
    for (int c = 0; c < VSSA_MAX_CLASSES; c++)
        open[c] = empty_tile;
    for (int j = 0; j < n; j++) {
        int planes = vssa_tag_planes(a, tags[j]);
        lane[j] = -1;
        if (planes == 0)
            continue;
        int cls = tag_class(a, tags[j]);
        vssa_tile *t = &open[cls];
        lane[j] = fuse && cls % 2 ? a->rows - 1 - t->fill : t->fill;
        tile_add(t, planes, lane[j]);
        if (t->fill == a->rows) {
            tiles[ntiles++] = *t;
            *t = empty_tile;
        }
    }
    for (int cls = 0; cls < a->nz; cls++) {
        vssa_tile *t = &open[cls];
        if (t->fill == 0)
            continue;
        vssa_tile *pair = cls + 1 < a->nz ? &open[cls + 1] : NULL;
        if (fuse && cls % 2 == 0 && pair && pair->fill && t->fill + pair->fill <= a->rows) {
            tiles[ntiles++] = (vssa_tile){t->planes, t->fill + pair->fill,
                                          t->rows + pair->rows, t->work + pair->work,
                                          pair->top};
            *pair = empty_tile;
        } else {
            tiles[ntiles++] = *t;
        }
    }
    return ntiles;
}

int vssa_plan_tiles(const vssa_arch *a, const int *tags, int n, vssa_tile *tiles,
                    int *lane, int *dropped)
{
    int kept = n < a->max_seq ? n : a->max_seq;
    *dropped = n - kept;
    for (int j = kept; j < n; j++)
        lane[j] = -1;
    return a->sched == VSSA_SCHED_LOCKSTEP ? plan_lockstep(a, tags, kept, tiles, lane)
                                           : plan_grouped(a, tags, kept, tiles, lane);
}

static uint64_t max2(uint64_t x, uint64_t y) { return x > y ? x : y; }

/* The input stage and the controller's order: one beat taken per cycle.
 * Under --precision hw the class stage comes first: it holds one beat,
 * passing it on in the cycle the input stage takes it. */
typedef struct {
    uint64_t g1, a1, c1, c2;   /* previous beat's class stage entry and input stage
                                  entry, the last two takes */
    int count, lat;            /* lat: 1 with the class stage */
} beat_clock;

static uint64_t beat_take(beat_clock *b, uint64_t not_before)
{
    uint64_t g = b->count == 0 ? 0 : max2(b->g1 + 1, b->a1);
    uint64_t a = b->count == 0 ? (uint64_t)b->lat
                               : max2(b->a1 + 1, b->count >= 2 ? b->c2 + 1 : 0);
    if (b->lat)
        a = max2(a, g + 1);
    uint64_t c = max2(max2(a + 1, b->count ? b->c1 + 1 : 0), not_before);
    b->g1 = g;
    b->a1 = a;
    b->c2 = b->c1;
    b->c1 = c;
    b->count++;
    return c;
}

/* Keys: returns R, the cycle the set is ready. A kept key is taken into the
 * loader (two places, in order), which passes it to its lane at
 * f >= c + 1, after the key before it, once the lane is free; the loader
 * takes a key while fewer than two are held, so in the cycle after the
 * key two before it passed on. */
static uint64_t time_keys(const vssa_arch *a, const int *lane, int n, beat_clock *b,
                          uint64_t *free_at)
{
    uint64_t last = 0, staged = 0, passed = 0, passed2 = 0, vfree = 0, valued = 0;
    int any = 0, anyv = 0, placed = 0;
    for (int j = 0; j < n; j++) {
        int kept = j < a->max_seq;
        uint64_t first = 2 + (uint64_t)b->lat;   /* after the set's clear */
        uint64_t room = placed >= 2 ? passed2 + 1 : 0;
        last = beat_take(b, kept ? max2(max2(first, room), vfree) : first);
        if (!kept)
            continue;
        uint64_t f = max2(last + 1, placed ? passed + 1 : 0);
        if (lane[j] >= 0) {
            f = max2(f, free_at[lane[j]]);
            free_at[lane[j]] = f + (uint64_t)(a->head_dim / a->stage_b);
            staged = f;
            any = 1;
            /* its value (same tag) is written in tt cycles after the take */
            valued = last;
            vfree = last + (uint64_t)a->tt;
            anyv = 1;
        }
        passed2 = passed;
        passed = f;
        placed++;
    }
    uint64_t r = max2(last + 1 + (uint64_t)a->fin_cycles, passed + 1);
    r = max2(r, last + 1 + (uint64_t)a->comp_cycles);
    if (any)
        r = max2(r, staged + (uint64_t)(a->head_dim / a->stage_b) + 1);
    if (anyv)
        r = max2(r, valued + (uint64_t)a->tt + 1);
    return r + 1;
}

/* A P.V sequencer started on an empty value list is idle PV_NONE_IDLE
 * cycles after its start. */
enum { PV_NONE_IDLE = 1 };

/* A block's Q.K^T starts START_LAT cycles after the controller decides it
 * (gen/rtl/ctrl.v registers the start); the next block's queries are
 * taken from the cycle after the decision. */
enum { START_LAT = 1 };

/* A block moves to the softmax MOVE_LAT cycles after its last score is
 * written or after the previous block moved on to P.V, and to P.V MOVE_LAT
 * cycles after its softmax is done or after the previous block's last O
 * row is taken (gen/rtl/phase.v decides each move from registered state). */
enum { MOVE_LAT = 1 };

/* Lane i's row of a capture issued in cycle l leaves the drain in
 * l + LANE_LAT + 1 + i: the capture is in stage 1 in l + 1 and in the
 * capture stage in l + LANE_LAT; the chain holds its rows from the next
 * cycle, when the drain offers the head, and shifts a lane a cycle. The
 * next capture issues a cycle after the last row left. */
static uint64_t row_out(const vssa_arch *a, uint64_t l, uint64_t i)
{
    return l + (uint64_t)a->lane_lat + 1 + i;
}

/* A sequencer is idle LANE_LAT + 1 cycles after its last operation (the
 * capture) issues: the operation passes stages 1 to LANE_LAT first. */
static uint64_t seq_idle(const vssa_arch *a, uint64_t l)
{
    return l + (uint64_t)a->lane_lat + 1;
}

typedef struct {
    uint64_t lcap, vcap;   /* last capture and its highest row lane */
    int have_cap;
} drain_state;

/* One capture group (a tile or a t-tile) of len operations from f: returns
 * the cycle of its last operation, the capture, which waits until the drain
 * chain is empty. follows: another group comes next from the same table. */
static uint64_t time_capture(const vssa_arch *a, drain_state *dr, uint64_t f, uint64_t len,
                             int follows, uint64_t top, vssa_timing *t)
{
    uint64_t l = f + len - 1;
    if (follows)
        l = max2(l, f + 1);
    if (dr->have_cap)
        l = max2(l, row_out(a, dr->lcap, dr->vcap) + 1);
    t->wait += l - (f + len - 1);
    t->tiles++;
    dr->lcap = l;
    dr->vcap = top;
    dr->have_cap = 1;
    return l;
}

/* Q.K^T of one block from its start s; returns the cycle its last row (or
 * empty beat) leaves the drain. */
static uint64_t time_qk(const vssa_arch *a, const vssa_tile *tiles, int nt, uint64_t s,
                        drain_state *dr, vssa_timing *t)
{
    uint64_t d = (uint64_t)a->head_dim, f = s + 1, l = s;
    int count = nt ? nt : 1;
    for (int k = 0; k < count; k++) {
        uint64_t len = nt ? d * (uint64_t)tiles[k].planes : 1;
        l = time_capture(a, dr, f, len, k + 1 < count, nt ? (uint64_t)tiles[k].top : 0, t);
        if (nt) {
            t->busy += d * (uint64_t)tiles[k].work;
            t->stall += d * ((uint64_t)tiles[k].planes * (uint64_t)tiles[k].rows -
                             (uint64_t)tiles[k].work);
        }
        f = l + 1;
    }
    return row_out(a, l, dr->vcap);
}

/* The softmax of a block that moves to it (sm_start) at g, over keys
 * listed keys and the virtual key when virt; returns the cycle it is done
 * (M). Each key takes sm_share slots, one a cycle (a member each); the
 * last slot's exponential joins the sums sm_lat + 1 cycles after its list
 * read, the virtual key's c * e_z one cycle later; then the members'
 * reciprocals run one after another. */
static uint64_t time_softmax(const vssa_arch *a, int keys, int virt, int trace, uint64_t g)
{
    uint64_t y = g + 1;                                      /* first issue */
    uint64_t share = (uint64_t)a->sm_share;
    uint64_t slots = share * (uint64_t)(keys + virt);
    uint64_t lat = (uint64_t)a->sm_lat + 1;
    uint64_t end = y + (slots ? slots + lat + (uint64_t)virt : 0);   /* exponentials done */
    uint64_t z = end + share * (uint64_t)a->recip_lat + 1;  /* reciprocals done */
    return trace ? z + 5 * (uint64_t)keys + 1 : z;
}

/* The output stage's slots (gen/rtl/outq.v): a row arriving in cycle v
 * has its first slot at max(v + 1, the previous row's + sm_share). */
typedef struct {
    uint64_t s;    /* the last row's first slot */
    int have;
} rq_state;

static void rq_row(rq_state *q, const vssa_arch *a, uint64_t v)
{
    uint64_t s = v + 1;
    if (q->have)
        s = max2(s, q->s + (uint64_t)a->sm_share);
    q->s = s;
    q->have = 1;
}

/* The first O row: OUT_LAT after the last row's last slot. */
static uint64_t rq_offered(const rq_state *q, const vssa_arch *a)
{
    return q->s + (uint64_t)a->sm_share - 1 + (uint64_t)a->out_lat;
}

/* P.V from its start w over the value list (vplanes planes in all, keys
 * tokens), with the virtual key when virt; returns the cycle the first O
 * row is offered. Lane i's row of a capture at l leaves the drain at
 * row_out(l, i); without keys, the virtual key's D rows of zeros come from
 * w + 2 on. */
static uint64_t time_pv(const vssa_arch *a, int keys, int virt, uint64_t vplanes, uint64_t w,
                        drain_state *dr, vssa_timing *t)
{
    rq_state q = {0, 0};
    if (!keys) {
        if (!virt)
            return w + 2;
        for (int i = 0; i < a->head_dim; i++)
            rq_row(&q, a, w + 2 + (uint64_t)i);
        return rq_offered(&q, a);
    }
    uint64_t f = w + 1, l = w;
    for (int tt = 0; tt < a->tt; tt++) {
        int live = tt + 1 < a->tt ? a->rows : a->head_dim - (a->tt - 1) * a->rows;
        l = time_capture(a, dr, f, vplanes, 0, (uint64_t)(live - 1), t);
        t->busy += vplanes * (uint64_t)live;
        for (int i = 0; i < live; i++)
            rq_row(&q, a, row_out(a, l, (uint64_t)i));
        f = l + 1;
    }
    return rq_offered(&q, a);
}

/* The ranker's pipeline (gen/rtl/rank.v), with the importance counters'
 * read latency and a cut point's steps from the architecture. */
uint64_t vssa_rank_cycles(const vssa_arch *a, int n)
{
    uint64_t rd = (uint64_t)a->imp_rd_lat;
    uint64_t digits = (uint64_t)(a->imp_w + VSSA_RANK_DIGIT - 1) / VSSA_RANK_DIGIT;
    uint64_t cuts = (uint64_t)a->ncut * (uint64_t)(a->kcnt_w + 10 + a->rank_cut_lat);
    if (n == 0)
        return cuts + digits * 18 + 2;
    /* a pass: clear, n reads, RD_LAT + 2 to drain, 16 picks; the class
     * pass: n reads, RD_LAT + 2 to drain, the done cycle */
    return cuts + digits * ((uint64_t)n + rd + 19) + (uint64_t)n + rd + 3;
}

uint64_t vssa_command_cycles(const vssa_arch *a, int op, int n)
{
    if (op == 1)
        return (uint64_t)a->max_seq + 5;
    if (op == 2)
        return vssa_rank_cycles(a, n) + 4;
    return 5;
}

/* What the block loops share: the head, its tiles and lists, the drain and
 * beat clocks, and the counters. */
typedef struct {
    const vssa_arch *a;
    const vssa_tile *tiles;
    int nt, keys, virt;
    uint64_t vplanes;
    int trace;
    drain_state *dr;
    vssa_timing *t;
    beat_clock *b;
    uint64_t ready;
} head_blocks;

/* The queries of the block [q0, q1) are taken, the first no earlier than
 * not_before; returns the cycle after the last take. */
static uint64_t take_block(head_blocks *h, int q0, int q1, uint64_t not_before)
{
    uint64_t last = 0;
    for (int i = q0; i < q1; i++)
        last = beat_take(h->b, not_before);
    return last + 1;
}

/* With trace_i every block runs alone: Q.K^T, the softmax, P.V and its O
 * rows, then the next block. Returns the cycle after the last O row. */
static uint64_t time_blocks_serial(head_blocks *h, int m, int block)
{
    const vssa_arch *a = h->a;
    uint64_t start = 0, done = 0;
    for (int q0 = 0, blk = 0; q0 < m; q0 += block, blk++) {
        int q1 = q0 + block < m ? q0 + block : m;
        int nq = q1 - q0 < a->cols ? q1 - q0 : a->cols;
        uint64_t loaded = take_block(h, q0, q1, blk ? start + 1 : 0);
        start = max2(max2(loaded, h->ready), done);
        uint64_t x = time_qk(a, h->tiles, h->nt, start + START_LAT, h->dr, h->t);
        uint64_t g = x + 3 + MOVE_LAT;   /* the move to the softmax */
        uint64_t w = time_softmax(a, h->keys, h->virt, h->trace, g);
        uint64_t v = w + MOVE_LAT;       /* the move to P.V */
        uint64_t e0 = time_pv(a, h->keys, h->virt, h->vplanes, v, h->dr, h->t);
        done = e0 + (uint64_t)nq + 1;   /* the next block may start */
        h->t->qk += x + 3 - (start + START_LAT);
        h->t->sm += w - g;
        h->t->pv += done - 1 - v;
    }
    return done;
}

/* The earliest pv_start of a block whose softmax is done at m, once the
 * previous block's last O row was taken at od and the Q.K^T sequencer is
 * idle at si. */
static uint64_t pv_free(uint64_t m, uint64_t od, uint64_t si)
{
    return max2(max2(m, od) + MOVE_LAT, si);
}

/* P.V of a block whose pv_start comes at v: its O rows' last is taken at
 * *od; returns the cycle the P.V sequencer is idle again. */
static uint64_t run_pv(head_blocks *h, uint64_t v, int nq, uint64_t *od)
{
    uint64_t o = time_pv(h->a, h->keys, h->virt, h->vplanes, v, h->dr, h->t);
    *od = o + (uint64_t)nq;
    h->t->pv += *od - v;
    return h->keys ? seq_idle(h->a, h->dr->lcap) : v + PV_NONE_IDLE;
}

/* Without trace_i the blocks overlap (gen/rtl/phase.v): block b's softmax
 * runs while the array computes Q.K^T of block b+1, then P.V of block b.
 * Per block: S its start, G its move to the softmax (MOVE_LAT after its
 * last score X3 and after the previous block's move to P.V), M the
 * softmax's end, V its P.V start (MOVE_LAT after M and after the previous
 * block's last O row, with no Q.K^T in the array), OD its last O row. A
 * block may start once the previous one has moved to the softmax and no
 * P.V is in the array or starting; P.V wins a tie. Returns the cycle after
 * the last O row. */
static uint64_t time_blocks_overlapped(head_blocks *h, int m, int block)
{
    const vssa_arch *a = h->a;
    uint64_t s_prev = 0, g_prev = 0, m_prev = 0, si_prev = 0, od_prev = 0, pv_idle = 0;
    int nq_prev = 0, pending = 0;
    for (int q0 = 0, blk = 0; q0 < m; q0 += block, blk++) {
        int q1 = q0 + block < m ? q0 + block : m;
        int nq = q1 - q0 < a->cols ? q1 - q0 : a->cols;
        uint64_t c0 = max2(take_block(h, q0, q1, blk ? s_prev + 1 : 0), h->ready);
        if (blk)
            c0 = max2(c0, g_prev + 1);
        c0 = max2(c0, pv_idle);
        uint64_t v_prev = 0;
        if (pending) {   /* the previous block's P.V, if it can go first */
            uint64_t vfree = pv_free(m_prev, od_prev, si_prev);
            if (vfree <= c0) {
                v_prev = vfree;
                pv_idle = run_pv(h, v_prev, nq_prev, &od_prev);
                c0 = max2(c0, pv_idle);
                pending = 0;
            }
        }
        uint64_t s = c0 + START_LAT;
        uint64_t x = time_qk(a, h->tiles, h->nt, s, h->dr, h->t);
        uint64_t si = seq_idle(h->a, h->dr->lcap), x3 = x + 3;
        h->t->qk += x3 - s;
        if (pending) {   /* ... or after this block's Q.K^T */
            v_prev = max2(pv_free(m_prev, od_prev, si_prev), si);
            pv_idle = run_pv(h, v_prev, nq_prev, &od_prev);
            pending = 0;
        }
        uint64_t g = (blk ? max2(x3, v_prev) : x3) + MOVE_LAT;
        uint64_t mm = time_softmax(a, h->keys, h->virt, 0, g);
        h->t->sm += mm - g;
        s_prev = c0;
        g_prev = g;
        m_prev = mm;
        si_prev = si;
        nq_prev = nq;
        pending = 1;
    }
    if (pending)
        run_pv(h, pv_free(m_prev, od_prev, si_prev), nq_prev, &od_prev);
    return od_prev + 1;
}

int vssa_plan_head(const vssa_arch *a, const int *tags, int n, int m, int block, int trace,
                   int comp, vssa_timing *t)
{
    vssa_tile *tiles = malloc(sizeof *tiles * (size_t)(n + a->nclass + 1));
    int *lane = malloc(sizeof(int) * (size_t)(n + 1));
    uint64_t *free_at = calloc((size_t)a->rows, sizeof *free_at);   /* per lane */
    if (!tiles || !lane || !free_at) {
        free(tiles);
        free(lane);
        free(free_at);
        return -1;
    }
    *t = (vssa_timing){0};
    int nt = vssa_plan_tiles(a, tags, n, tiles, lane, &t->dropped);
    beat_clock b = {0, 0, 0, 0, 0, a->prec_hw};
    uint64_t ready = n ? time_keys(a, lane, n, &b, free_at) : 0, end = ready;
    drain_state dr = {0, 0, 0};
    int keys = 0, pruned = 0;
    uint64_t vplanes = 0;
    for (int j = 0; j < n && j < a->max_seq; j++) {
        int p = vssa_tag_planes(a, tags[j]);
        keys += p > 0;
        pruned += p == 0;
        vplanes += (uint64_t)p;
    }
    int z = a->comp && comp && pruned > 0;   /* the virtual key takes part */
    if (block < 1)
        block = a->cols;
    head_blocks hb = {a, tiles, nt, keys, z, vplanes, trace, &dr, t, &b, ready};
    uint64_t done = trace ? time_blocks_serial(&hb, m, block) : time_blocks_overlapped(&hb, m, block);
    if (m > 0) {
        end = done;
        t->span = done;
    }
    t->ready = ready;
    t->cycles = end >= 2 + (uint64_t)a->prec_hw ? end - 1 - (uint64_t)a->prec_hw : 0;
    t->idle = (uint64_t)a->rows * t->cycles - t->busy - t->stall;
    free(tiles);
    free(lane);
    free(free_at);
    return 0;
}
