/* SPDX-License-Identifier: MIT */
/* arch.c - option checks and derived parameters of a design (see arch.h). */
#include "arch.h"

#include <stdio.h>
#include <string.h>

static const char *const sched_names[] = {"lockstep", "group", "fuse"};
static const char *const kind_names[] = {"vssa", "fixed8", "int8"};
static const char *const round_names[] = {"floor", "mid"};
static const char *const precision_names[] = {"hw", "host"};

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

const char *vssa_sched_name(vssa_sched s)
{
    return (unsigned)s < COUNT(sched_names) ? sched_names[s] : "?";
}

const char *vssa_archkind_name(vssa_archkind k)
{
    return (unsigned)k < COUNT(kind_names) ? kind_names[k] : "?";
}

const char *vssa_round_name(vssa_round r)
{
    return (unsigned)r < COUNT(round_names) ? round_names[r] : "?";
}

static int find_name(const char *const *names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(name, names[i]) == 0)
            return (int)i;
    return -1;
}

int vssa_sched_parse(const char *name, vssa_sched *out)
{
    int i = find_name(sched_names, COUNT(sched_names), name);
    if (i < 0)
        return -1;
    *out = (vssa_sched)i;
    return 0;
}

int vssa_archkind_parse(const char *name, vssa_archkind *out)
{
    int i = find_name(kind_names, COUNT(kind_names), name);
    if (i < 0)
        return -1;
    *out = (vssa_archkind)i;
    return 0;
}

const char *vssa_precision_name(vssa_precision p)
{
    return (unsigned)p < COUNT(precision_names) ? precision_names[p] : "?";
}

int vssa_precision_parse(const char *name, vssa_precision *out)
{
    int i = find_name(precision_names, COUNT(precision_names), name);
    if (i < 0)
        return -1;
    *out = (vssa_precision)i;
    return 0;
}

int vssa_round_parse(const char *name, vssa_round *out)
{
    int i = find_name(round_names, COUNT(round_names), name);
    if (i < 0)
        return -1;
    *out = (vssa_round)i;
    return 0;
}

/* Bits needed to hold values 0 .. n-1, at least 1. */
static int clog2_min1(long n)
{
    int w = 0;
    while ((1L << w) < n)
        w++;
    return w ? w : 1;
}

void vssa_arch_defaults(vssa_arch *a)
{
    memset(a, 0, sizeof *a);
    a->rows = 8;
    a->cols = 8;
    a->nclass = 3;
    a->bits[0] = 8;
    a->bits[1] = 4;
    a->bits[2] = 0;
    a->digit = 4;
    a->head_dim = 64;
    a->max_seq = 512;
    a->sched = VSSA_SCHED_FUSE;
    a->round = VSSA_ROUND_MID;
    a->precision = VSSA_PRECISION_HW;
    a->imp_rows = 65536;
    strcpy(a->top, "vssa");
}

/* Bounds the command line already enforces; checked again because the
 * harness and the tests fill the struct directly, and every array index and
 * division below relies on them. */
static int check_ranges(const vssa_arch *a, char *err)
{
    const struct { const char *name; int value, lo, hi; } r[] = {
        {"rows", a->rows, 1, VSSA_DIM_LIMIT},
        {"cols", a->cols, 1, VSSA_DIM_LIMIT},
        {"digit", a->digit, 1, 8},
        {"head_dim", a->head_dim, 1, VSSA_HEAD_DIM_LIMIT},
        {"max_seq", a->max_seq, 1, VSSA_SEQ_LIMIT},
        {"acc_width", a->acc_width, 0, 64},
        {"nclass", a->nclass, 1, VSSA_MAX_CLASSES},
        {"sched", (int)a->sched, VSSA_SCHED_LOCKSTEP, VSSA_SCHED_FUSE},
        {"kind", (int)a->kind, VSSA_ARCH_VSSA, VSSA_ARCH_INT8},
        {"round", (int)a->round, VSSA_ROUND_FLOOR, VSSA_ROUND_MID},
        {"precision", (int)a->precision, VSSA_PRECISION_HW, VSSA_PRECISION_HOST},
        {"comp", a->comp, 0, 1},
        {"share", a->share, 0, VSSA_DIM_LIMIT},
    };
    for (size_t i = 0; i < COUNT(r); i++) {
        if (r[i].value < r[i].lo || r[i].value > r[i].hi) {
            snprintf(err, VSSA_ERR_MAX, "%s must be from %d to %d (got %d)",
                     r[i].name, r[i].lo, r[i].hi, r[i].value);
            return -1;
        }
    }
    if (a->share > a->cols) {
        snprintf(err, VSSA_ERR_MAX, "share must be from 1 to cols = %d (got %d)", a->cols,
                 a->share);
        return -1;
    }
    if (a->imp_rows < 1 || a->imp_rows > (1L << 47)) {
        snprintf(err, VSSA_ERR_MAX, "imp_rows must be from 1 to 2^47 (got %ld)", a->imp_rows);
        return -1;
    }
    int ok = a->bits[0] > 0;
    for (int i = 0; ok && i < a->nclass; i++)
        ok = a->bits[i] >= 0 && a->bits[i] <= 8 && (i == 0 || a->bits[i] < a->bits[i - 1]);
    if (!ok) {
        snprintf(err, VSSA_ERR_MAX,
                 "precisions must be distinct, from 0 to 8, descending, the first non-zero");
        return -1;
    }
    return 0;
}

static int check_precisions(const vssa_arch *a, char *err)
{
    if (8 % a->digit != 0) {
        snprintf(err, VSSA_ERR_MAX, "--digit must divide 8 (1, 2, 4 or 8; got %d)",
                 a->digit);
        return -1;
    }
    /* int8 computes every kept key at 8 bits: a class's precision only says
     * whether its keys are pruned. */
    for (int i = 0; a->kind != VSSA_ARCH_INT8 && i < a->nclass; i++) {
        if (a->bits[i] % a->digit != 0) {
            snprintf(err, VSSA_ERR_MAX,
                     "precision %d is not a multiple of the digit width %d",
                     a->bits[i], a->digit);
            return -1;
        }
    }
    if (a->comp && (a->kind == VSSA_ARCH_FIXED8 || a->bits[a->nclass - 1] != 0)) {
        snprintf(err, VSSA_ERR_MAX, "--comp needs a 0-bit class to compensate for "
                                    "(and not --arch fixed8)");
        return -1;
    }
    return 0;
}

/* int8 runs every kept key as one 8-bit plane: its digit is 8. */
static int settle_digit(vssa_arch *a, char *err)
{
    if (a->kind != VSSA_ARCH_INT8)
        return 0;
    if (a->digit_given && a->digit != 8) {
        snprintf(err, VSSA_ERR_MAX,
                 "--arch int8 computes every kept key as one 8-bit plane: it needs --digit 8 "
                 "(got %d)", a->digit);
        return -1;
    }
    a->digit = 8;
    return 0;
}

/* fixed8 runs tokens in arrival order: lockstep is its only policy. int8
 * places its kept keys in arrival order, pruned ones in no lane: group with
 * every non-zero class as one (derive_tags). */
static int settle_sched(vssa_arch *a, char *err)
{
    if (a->kind == VSSA_ARCH_VSSA)
        return 0;
    vssa_sched want = a->kind == VSSA_ARCH_FIXED8 ? VSSA_SCHED_LOCKSTEP : VSSA_SCHED_GROUP;
    if (a->sched_given && a->sched != want) {
        snprintf(err, VSSA_ERR_MAX, a->kind == VSSA_ARCH_FIXED8
                     ? "--arch fixed8 ignores precision and has no scheduler choice (drop --sched %s)"
                     : "--arch int8 skips pruned keys in arrival order and has no scheduler "
                       "choice (drop --sched %s)",
                 vssa_sched_name(a->sched));
        return -1;
    }
    a->sched = want;
    return 0;
}

static int settle_acc_width(vssa_arch *a, char *err)
{
    a->score_w = vssa_score_width(a->head_dim);
    a->pv_w = vssa_pv_width(a->max_seq);
    a->acc_w_min = a->score_w > a->pv_w ? a->score_w : a->pv_w;
    if (a->acc_width && a->acc_width < a->acc_w_min) {
        snprintf(err, VSSA_ERR_MAX,
                 "--acc-width %d could overflow: scores of head dimension %d need %d bits, "
                 "P.V sums of %d tokens %d",
                 a->acc_width, a->head_dim, a->score_w, a->max_seq, a->pv_w);
        return -1;
    }
    a->acc_w = a->acc_width ? a->acc_width : a->acc_w_min;
    return 0;
}

static void derive_tags(vssa_arch *a)
{
    a->max_planes = 8 / a->digit;
    a->plane_w = clog2_min1(a->max_planes + 1);
    a->tag_w = clog2_min1(a->nclass);
    int int8 = a->kind == VSSA_ARCH_INT8;
    a->nz = 0;
    for (int i = 0; i < a->nclass; i++)
        a->nz += a->bits[i] != 0;
    /* int8's non-zero classes all run at 8 bits: they share one class of
     * tiles, filled in arrival order. */
    if (int8)
        a->nz = 1;
    for (int t = 0; t < (1 << a->tag_w); t++) {
        int bits = vssa_class_bits(a->bits, a->nclass, t);
        a->tag_class[t] = int8 && bits ? 0 : t < a->nclass ? t : a->nclass - 1;
        /* fixed8 reads every token at full precision, pruned ones included;
         * int8 every kept one, pruned ones not at all */
        a->tag_planes[t] = a->kind == VSSA_ARCH_FIXED8 || (int8 && bits) ? a->max_planes
                                                                          : bits / a->digit;
    }
}

static void derive_storage(vssa_arch *a)
{
    int grouped = a->sched != VSSA_SCHED_LOCKSTEP;
    a->idx_w = clog2_min1(a->max_seq);
    a->t_w = clog2_min1(a->head_dim);
    /* Grouped policies leave at most one partial tile per class. */
    a->slots = (a->max_seq + a->rows - 1) / a->rows + (grouped ? a->nz - 1 : 0);
    a->fin_cycles = grouped ? a->nz : 0;
    a->slot_w = clog2_min1(a->slots);
    a->tile_w = a->slot_w + 1;
    a->lane_w = clog2_min1(a->rows);
    a->fill_w = a->lane_w + 1;
    a->col_w = clog2_min1(a->cols);
    a->qcnt_w = a->col_w + 1;
    a->kaddr_w = clog2_min1((long)a->slots * a->head_dim);
    a->kcnt_w = clog2_min1((long)a->max_seq + 1);
    /* Wider staging lets a lane take its next key sooner; a slot must start
     * on a word, so the word divides D. */
    a->stage_b = a->head_dim % 4 == 0 ? 4 : a->head_dim % 2 == 0 ? 2 : 1;
}

static void derive_head(vssa_arch *a)
{
    /* Qsum lies in [-128 d, 127 d]: a sign bit over 128 d. */
    a->qs_w = clog2_min1(128L * a->head_dim + 1) + 1;
    a->esum_w = vssa_esum_width(a->max_seq);
    a->c_w = a->esum_w + 6;
    a->k_w = clog2_min1((long)a->esum_w + 1);
    a->tt = (a->head_dim + a->rows - 1) / a->rows;
    a->tt_w = clog2_min1(a->tt);
    a->vdepth = a->tt * a->max_seq;
    a->vaddr_w = clog2_min1(a->vdepth);
    int sw = a->cols * a->score_w, pw = a->cols * VSSA_PROB_BITS, ow = a->head_dim * 8;
    a->out_dw = sw > pw ? sw : pw;
    if (ow > a->out_dw)
        a->out_dw = ow;
    a->imp_w = vssa_imp_width((uint64_t)a->imp_rows);
    a->ncut = a->nclass - 1;
    /* With one class there is nothing to rank: no ranking hardware. */
    a->prec_hw = a->precision == VSSA_PRECISION_HW && a->ncut > 0;
    if (a->prec_hw && a->imp_w + a->tag_w > a->out_dw)
        a->out_dw = a->imp_w + a->tag_w;
    a->vs_w = 8 + a->kcnt_w;
    /* 25 quotient bits of 2^24 / c, then one kbar_t a cycle and the last
     * one's rounding (gen/rtl/comp.v). */
    a->comp_cycles = a->comp ? 26 + a->head_dim : 0;
}

int vssa_mul_latency(int a_w, int b_w)
{
    int np = ((a_w + 16) / 17) * ((b_w + 16) / 17), levels = 0;
    while ((1 << levels) < np)
        levels++;
    return 1 + levels;
}

int vssa_sm_share(const vssa_arch *a)
{
    int pmin = a->max_planes;
    for (int t = 0; t < a->nclass; t++)
        if (a->tag_planes[t] > 0 && a->tag_planes[t] < pmin)
            pmin = a->tag_planes[t];
    int s = a->head_dim * pmin / a->rows;
    return s < 1 ? 1 : s > a->cols ? a->cols : s;
}

/* The widths come from derive_head; the stage counts from the templates. */
static void derive_latencies(vssa_arch *a)
{
    a->lane_lat = 5;
    a->lane_grp = 4;
    a->exp_mul_lat = vssa_mul_latency(a->score_w, VSSA_ESCALE_BITS);
    a->exp_lat = a->exp_mul_lat + 2;
    a->sm_lat = a->exp_lat + 3;
    a->g_mul_lat = vssa_mul_latency(VSSA_RECIP_BITS + 1, VSSA_OSCALE_BITS);
    a->recip_lat = 20 + a->g_mul_lat;
    a->rq_mul_lat = vssa_mul_latency(a->pv_w, VSSA_OSCALE_BITS);
    a->rq_lat = a->rq_mul_lat + 2;
    a->out_lat = a->rq_lat + 4 + a->comp;
    a->imp_rd_lat = 2;
    a->rank_cut_lat = 5;
    a->sm_share = a->share ? a->share : vssa_sm_share(a);
}

int vssa_arch_derive(vssa_arch *a, char *err)
{
    if (check_ranges(a, err) || settle_digit(a, err) || check_precisions(a, err) ||
        settle_sched(a, err) ||
        settle_acc_width(a, err))
        return -1;
    derive_tags(a);
    derive_storage(a);
    derive_head(a);
    derive_latencies(a);
    return 0;
}

size_t vssa_arch_params(const vssa_arch *a, vssa_param *out, size_t max)
{
    /* One row per parameter; the order is part of the parameter header. */
    const vssa_param table[] = {
        {"ROWS", a->rows, "lanes: key tokens computed at once"},
        {"COLS", a->cols, "PE columns: queries per block"},
        {"D", a->head_dim, "head dimension: reduction steps per digit plane"},
        {"DIGIT", a->digit, "digit width b of the PE multiplier"},
        {"MAX_PLANES", a->max_planes, "digit planes of an 8-bit token (8/b)"},
        {"MAX_SEQ", a->max_seq, "key tokens a key set keeps; later ones are dropped"},
        {"ACC_W", a->acc_w, "PE accumulator width"},
        {"ACC_W_MIN", a->acc_w_min, "smallest overflow-free accumulator: max(S_W, PV_W)"},
        {"S_W", a->score_w, "score width for D (section 4)"},
        {"PV_W", a->pv_w, "P.V sum width for MAX_SEQ (section 10)"},
        {"QS_W", a->qs_w, "query element sum width (midpoint term)"},
        {"ESUM_W", a->esum_w, "exponential row sum width (section 8)"},
        {"C_W", a->c_w, "midpoint sum width (section 7)"},
        {"K_W", a->k_w, "reciprocal shift width (section 9)"},
        {"TT", a->tt, "P.V t-tiles: ceil(D/ROWS)"},
        {"TT_W", a->tt_w, "t-tile counter width"},
        {"VDEPTH", a->vdepth, "value bank bytes per lane: TT*MAX_SEQ"},
        {"VADDR_W", a->vaddr_w, "value bank address width"},
        {"OUT_DW", a->out_dw, "output data width: max(COLS*S_W, COLS*16, D*8[, IMP_W+TAG_W])"},
        {"MID", a->round == VSSA_ROUND_MID, "1: midpoint reconstruction (--round mid)"},
        {"PREC_HW", a->prec_hw, "1: the design ranks precision (--precision hw, 2+ classes)"},
        {"IMP_W", a->imp_w, "importance counter width (section 13)"},
        {"NCUT", a->ncut, "ranking cut points: NCLASS-1 (section 14)"},
        {"RATIO_W", 10L * (a->ncut > 0 ? a->ncut : 1), "ratio_i width: 10 bits a cut"},
        {"COMP", a->comp, "1: 0-bit compensation built (--comp, section 15)"},
        {"VS_W", a->vs_w, "pruned-key sum width (section 15)"},
        {"COMP_CYCLES", a->comp_cycles, "compensation cycles after a set's last key"},
        {"NCLASS", a->nclass, "precision classes"},
        {"NZ", a->nz, "classes with a non-zero precision (1 under int8: one 8-bit class)"},
        {"FIN_CYCLES", a->fin_cycles, "cycles to finish the tile table after the load"},
        {"SCHED_ID", (long)a->sched, "dispatch policy: 0 lockstep, 1 group, 2 fuse"},
        {"FIXED8", a->kind == VSSA_ARCH_FIXED8, "1: precision ignored, every token at 8 bits"},
        {"INT8", a->kind == VSSA_ARCH_INT8, "1: int8 array skipping pruned keys, kept ones at 8 bits"},
        {"TAG_W", a->tag_w, "precision tag width"},
        {"IDX_W", a->idx_w, "token index width"},
        {"SLOTS", a->slots, "tile slots per lane bank (ceil(MAX_SEQ/ROWS), +NZ-1 if grouped)"},
        {"SLOT_W", a->slot_w, "slot address width"},
        {"TILE_W", a->tile_w, "tile count width"},
        {"T_W", a->t_w, "reduction step counter width"},
        {"PLANE_W", a->plane_w, "plane counter width"},
        {"LANE_W", a->lane_w, "lane index width"},
        {"FILL_W", a->fill_w, "tile fill count width"},
        {"COL_W", a->col_w, "column index width"},
        {"QCNT_W", a->qcnt_w, "query count width"},
        {"KADDR_W", a->kaddr_w, "key bank address width (SLOTS*D bytes per lane)"},
        {"KCNT_W", a->kcnt_w, "key count width"},
        {"STAGE_B", a->stage_b, "key bank word: bytes a lane stages a cycle (4, 2 or 1, dividing D)"},
        {"LANE_LAT", a->lane_lat, "array: an operation's capture stage (stage 1 its issue)"},
        {"LANE_GRP", a->lane_grp, "lanes sharing one register of the column operands"},
        {"EXP_MUL_LAT", a->exp_mul_lat, "exponent multiply x*ES, cycles"},
        {"EXP_LAT", a->exp_lat, "exponent unit latency: EXP_MUL_LAT + 2"},
        {"SM_LAT", a->sm_lat, "softmax key-list read to exponential: EXP_LAT + 3"},
        {"SM_SHARE", a->sm_share, "columns one exponent unit, reciprocal and requantizer serve (--share)"},
        {"G_MUL_LAT", a->g_mul_lat, "gain multiply r*OS, cycles"},
        {"RECIP_LAT", a->recip_lat, "row reciprocal start to done: 20 + G_MUL_LAT"},
        {"RQ_MUL_LAT", a->rq_mul_lat, "requantizer multiply A*G, cycles"},
        {"RQ_LAT", a->rq_lat, "requantizer latency: RQ_MUL_LAT + 2"},
        {"IMP_RD_LAT", a->imp_rd_lat, "importance counter read, address to data"},
        {"RANK_CUT_LAT", a->rank_cut_lat, "ranking cut point: steps besides its quotient bits"},
        {"OUT_LAT", a->out_lat, "output slot to O row offered: RQ_LAT + 4 (+1 with COMP)"},
    };
    _Static_assert(COUNT(table) <= VSSA_PARAMS_MAX, "raise VSSA_PARAMS_MAX");
    for (size_t i = 0; i < COUNT(table) && i < max; i++)
        out[i] = table[i];
    return COUNT(table);
}
