/* SPDX-License-Identifier: MIT */
/* arch.h - the architecture description: the options that define one design
 * and every parameter derived from them, computed in one place.
 *
 * The generator fills the options from its command line, the harness from
 * the parameter header the generator wrote, and the unit tests by hand; all
 * three then call vssa_arch_derive(). The Verilog, its header comment, the C
 * parameter header and the cycle model (plan.h) all read the derived fields,
 * so no two of them can disagree about a width, a slot count or a tag.
 *
 * Usage:
 *     vssa_arch a;
 *     char err[VSSA_ERR_MAX];
 *     vssa_arch_defaults(&a);
 *     a.rows = 16;                    (any options)
 *     if (vssa_arch_derive(&a, err))  (err holds one line)
 *         ...
 */
#ifndef VSSA_ARCH_H
#define VSSA_ARCH_H

#include <stddef.h>

#include "vssa.h"

#define VSSA_ERR_MAX 256     /* size of every err buffer below */
#define VSSA_TOP_MAX 48      /* longest top module name */
#define VSSA_MAX_TAGS 16     /* 2^tag_w for VSSA_MAX_CLASSES classes */
#define VSSA_PARAMS_MAX 64   /* room callers give vssa_arch_params() */

/* Dispatch policy; the value is the design's SCHED_ID. */
typedef enum { VSSA_SCHED_LOCKSTEP, VSSA_SCHED_GROUP, VSSA_SCHED_FUSE } vssa_sched;

/* VSSA: per-token precision. FIXED8: the same array with precision ignored,
 * the baseline speedups are measured against. INT8: an int8 array that skips
 * pruned keys (as SpAtten does): every kept key at 8 bits as one plane
 * (digit 8), keys of 0-bit classes never placed, the others in arrival
 * order. */
typedef enum { VSSA_ARCH_VSSA, VSSA_ARCH_FIXED8, VSSA_ARCH_INT8 } vssa_archkind;

/* Who decides a token's precision: the design itself, from the importance
 * counters it keeps (vssa.h sections 13 and 14), or the host, by in_tag_i. */
typedef enum { VSSA_PRECISION_HW, VSSA_PRECISION_HOST } vssa_precision;

typedef struct vssa_arch {
    /* ---- options: set these, then call vssa_arch_derive() ---- */
    int rows;          /* lanes: key tokens computed at once, 1..VSSA_DIM_LIMIT */
    int cols;          /* PE columns: queries per pass, 1..VSSA_DIM_LIMIT */
    int nclass;        /* entries of bits[], 1..VSSA_MAX_CLASSES */
    int bits[VSSA_MAX_CLASSES];  /* precision of each class tag, strictly
                                    descending: tag 0 is the most precise */
    int digit;         /* PE digit width b; must divide 8 and every bits[] */
    int digit_given;   /* digit was chosen explicitly: int8 then refuses any
                          digit but 8 instead of overriding it */
    int head_dim;      /* d: reduction steps per digit plane */
    int max_seq;       /* key tokens a pass accepts; sizes the key banks */
    int acc_width;     /* requested score width; 0 picks the minimum safe one,
                          anything narrower is refused */
    vssa_sched sched;
    int sched_given;   /* sched was chosen explicitly: fixed8 then refuses
                          any policy but lockstep instead of overriding it */
    vssa_archkind kind;
    vssa_round round;  /* reconstruction of truncated keys and values */
    vssa_precision precision;
    long imp_rows;     /* query rows the importance counters hold without
                          saturating, 1..2^47 */
    int share;         /* --share: columns per exponent unit, reciprocal and
                          requantizer, 1..cols; 0 derives it (sm_share) */
    int comp;          /* build the 0-bit compensation of section 15 (comp_i
                          then enables it at run time); needs a 0-bit class */
    char top[VSSA_TOP_MAX + 1];  /* top module name and module prefix */

    /* ---- derived by vssa_arch_derive(); read only ---- */
    int acc_w;         /* PE accumulator width actually built */
    int acc_w_min;     /* smallest accumulator that cannot overflow: the
                          larger of score_w and pv_w */
    int score_w;       /* score width: vssa_score_width(head_dim) */
    int pv_w;          /* P.V sum A: vssa_pv_width(max_seq) */
    int qs_w;          /* a query's element sum Qsum (signed) */
    int esum_w;        /* exponential row sum E: vssa_esum_width(max_seq) */
    int c_w;           /* midpoint sum C = sum e * 2^(7-p) <= 64 E */
    int k_w;           /* holds the reciprocal shift k, 0..esum_w */
    int tt;            /* t-tiles of P.V: ceil(head_dim / rows) */
    int tt_w;          /* t-tile counter width */
    int vdepth;        /* value bank words per lane: tt * max_seq */
    int vaddr_w;       /* value bank address width */
    int out_dw;        /* output data field: the widest of a score row
                          (cols * score_w), a probability row (cols * 16),
                          an output row (head_dim * 8) and, under
                          --precision hw, a token beat (imp_w + tag_w) */
    int max_planes;    /* digit planes of an 8-bit token: 8 / digit */
    int plane_w;       /* holds 0..max_planes */
    int tag_w;         /* precision tag width: holds 0..nclass-1 */
    int idx_w;         /* token index width: holds 0..max_seq-1 */
    int t_w;           /* reduction step counter: holds 0..head_dim-1 */
    int slots;         /* tiles a lane bank holds: ceil(max_seq/rows), plus
                          nz-1 under group and fuse, whose classes may each
                          leave one partial tile */
    int slot_w;        /* slot address width */
    int tile_w;        /* tile count width: one more bit than slot_w, so a
                          full table's count fits */
    int lane_w;        /* lane index width */
    int fill_w;        /* tile fill count: holds 0..rows */
    int col_w;         /* column index width */
    int qcnt_w;        /* query count: holds 0..cols */
    int kaddr_w;       /* key bank address: one byte per address, slot s at
                          s*head_dim .. s*head_dim+head_dim-1 */
    int kcnt_w;        /* key count of a set: holds 0..max_seq */
    int stage_b;       /* bytes a lane writes into its key bank a cycle: 4, 2
                          or 1, the largest dividing head_dim (a bank word) */
    int nz;            /* classes with a non-zero precision */
    int fin_cycles;    /* cycles the dispatcher needs after the last beat to
                          finish the tile table: 0 for lockstep, nz otherwise */
    int imp_w;         /* importance counter width: vssa_imp_width(imp_rows) */
    int ncut;          /* ranking cut points: nclass - 1 */
    int prec_hw;       /* the ranking hardware is built: --precision hw with
                          at least two classes */
    int vs_w;          /* a pruned-key sum ksum_t or vsum_t (section 15),
                          signed: |sum| <= 128 * max_seq */
    int comp_cycles;   /* cycles the compensation unit needs after the key
                          that closes a set: 26 + head_dim (0 without comp) */
    /* Pipeline latencies in cycles. The cycle model (plan.h) adds them up;
     * each RTL module takes its own as a parameter and checks it against
     * its stages. A multiply is split into DSP-sized partial products
     * (gen/rtl/mul.v), vssa_mul_latency() cycles. */
    int lane_lat;      /* an operation's capture stage in the array: 5 (its
                          issue register, the bank read, the byte's
                          register beside the RAM, the digit's beside the
                          PEs and the product, the accumulate); it
                          captures LANE_LAT - 1 cycles after stage 1 */
    int lane_grp;      /* lanes sharing one stage-4 register of the column
                          operands: 4 (the last group may be smaller) */
    int exp_mul_lat;   /* x * ES: vssa_mul_latency(score_w, 32) */
    int exp_lat;       /* exponent unit, x in to e out: exp_mul_lat + 2
                          (round and table, shift) */
    int sm_lat;        /* softmax, key-list read to exponential: exp_lat + 3
                          (score read, the member's M and S selected,
                          x = M - S) */
    int sm_share;      /* columns one exponent unit, one reciprocal and one
                          requantizer serve (share, or derived: see
                          vssa_sm_share()) */
    int g_mul_lat;     /* the gain r * OS as a pipelined multiply would
                          take it: vssa_mul_latency(17, 24); the
                          reciprocal forms it beside its divide steps and
                          keeps this wait */
    int recip_lat;     /* row reciprocal, start to done: 20 + g_mul_lat
                          (normalize, 17 quotient bits, the multiply's
                          wait, output) */
    int rq_mul_lat;    /* A * G: vssa_mul_latency(pv_w, 24) */
    int rq_lat;        /* requantizer, A in to O out: rq_mul_lat + 2 (shift,
                          round and saturate) */
    int imp_rd_lat;    /* importance counter read, address to data: 2 (the
                          RAM's read, its registered output) */
    int rank_cut_lat;  /* a ranking cut point's steps besides its quotient
                          bits: 5 (add, clamp, multiply, add 500, store) */
    int out_lat;       /* output stage, a requantizer slot to its O row
                          offered: rq_lat + 4 (the word read, the member's
                          select, the add of C, the byte's shift; +1 under
                          comp: the virtual key's add) */
    /* Indexed by every tag value 0 .. 2^tag_w - 1, because the hardware
     * decodes every code of in_tag_i: unused codes read as the last class. */
    int tag_planes[VSSA_MAX_TAGS];  /* planes a token runs (max_planes for
                                       every tag under fixed8, and for every
                                       tag of a non-zero class under int8) */
    int tag_class[VSSA_MAX_TAGS];   /* class a tag belongs to */
} vssa_arch;

/* Cycles from the operands to the product of an a_w x b_w multiply built as
 * gen/rtl/mul.v builds it: 17-bit digits, their products in one stage, then
 * a binary tree of two-input adds, one level a stage. */
int vssa_mul_latency(int a_w, int b_w);

/* Columns one exponent unit, one reciprocal and one requantizer serve when
 * --share is not given: floor(head_dim * p / rows), p the fewest digit
 * planes a kept token runs, within 1..cols. A key's softmax slots (one per
 * member) then take no longer than its Q.K^T work on a lane, so the softmax
 * of a block hides behind the next block's Q.K^T; a P.V row's requantizer
 * slots keep up with the drain while a t-tile's P.V runs at least
 * rows * sm_share cycles. Needs the derived tag planes. */
int vssa_sm_share(const vssa_arch *a);

/* Defaults: 8x8, bits 8,4,0, digit 4, d 64, max_seq 512, fuse, round mid,
 * precision hw, imp_rows 65536, no comp, top "vssa";
 * derived fields zero until vssa_arch_derive(). */
void vssa_arch_defaults(vssa_arch *a);

/* Checks the options against each other, then fills the derived fields.
 * Under fixed8 the policy becomes lockstep; under int8 it becomes group and
 * the digit 8. Returns 0, or -1 with a one-line
 * message in err (VSSA_ERR_MAX bytes) and the derived fields unspecified. */
int vssa_arch_derive(vssa_arch *a, char *err);

/* One derived parameter: NAME is the Verilog template placeholder ${NAME},
 * the C header's VSSA_NAME and the header comment's row. */
typedef struct {
    const char *name;
    long value;
    const char *meaning;
} vssa_param;

/* Writes up to max rows of the parameter table of a derived arch, always in
 * the same order (VSSA_PARAM_VALUES in the C header follows it), and returns
 * the table's full length, which never exceeds VSSA_PARAMS_MAX. */
size_t vssa_arch_params(const vssa_arch *a, vssa_param *out, size_t max);

/* Lower-case names as the command line spells them ("fuse", "fixed8"). */
const char *vssa_sched_name(vssa_sched s);
const char *vssa_archkind_name(vssa_archkind k);
const char *vssa_round_name(vssa_round r);
const char *vssa_precision_name(vssa_precision p);

/* By name; 0 on success, -1 (out untouched) for an unknown name. */
int vssa_sched_parse(const char *name, vssa_sched *out);
int vssa_archkind_parse(const char *name, vssa_archkind *out);
int vssa_round_parse(const char *name, vssa_round *out);
int vssa_precision_parse(const char *name, vssa_precision *out);

#endif
