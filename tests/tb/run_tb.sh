#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run_tb.sh - builds and runs the per-module Icarus testbenches in tests/tb,
# each compiled directly against the module templates in gen/rtl it needs.
# Prints one line per testbench run, "ok   tb/NAME" or "FAIL tb/NAME" (then
# the last lines of its output), and exits non-zero if any failed.
#
#   tests/tb/run_tb.sh            run them all (from anywhere; B=build)
#   tests/tb/run_tb.sh NAME...    run only these (as --list prints them)
#   tests/tb/run_tb.sh --list     print the names, one a line
#
# Builds and logs go to $B/tb/ (B defaults to build, relative to the
# repository root). RTL=DIR takes the modules from DIR instead of gen/rtl
# (to try the testbenches on a deliberately broken copy). SEED=N runs every
# testbench with +seed=N, which tb_common.vh's tb_seed adds to the bench's
# own seed (N = 0 or unset: the seeds the benches were written for).
# Each testbench includes tests/tb/tb_common.vh (clock, reset, seed, error
# count, final line, random choices). A run passes when the testbench's last
# output line is "PASS tb_<module>: ..."; a must-fail run (the PE with an
# accumulator one bit too narrow) passes when that line is "FAIL tb_pe: ...".
set -u
cd "$(dirname "$0")/../.."
B=${B:-build}
R=${RTL:-gen/rtl}
T=tests/tb

# NAME | expect (pass/fail) | testbench top | iverilog -P overrides | sources
TESTS=()
add() { TESTS+=("$1|$2|$3|$4|$5"); }

# The templates' default shape first, then shapes of tests/configs.mk (odd
# lane and column counts, short heads), with widths derived as golden/arch.c
# derives them.
add ram          pass tb_ram        "" "$T/tb_ram.v $R/ram.v"
add skid         pass tb_skid       "" "$T/tb_skid.v $R/skid.v"
add delay        pass tb_delay      "" "$T/tb_delay.v $R/delay.v"
add capline      pass tb_capline    "" "$T/tb_capline.v $R/capline.v $R/delay.v"
add capline/lat3 pass tb_capline    "L=3" "$T/tb_capline.v $R/capline.v $R/delay.v"
add capline/lat8 pass tb_capline    "L=8" "$T/tb_capline.v $R/capline.v $R/delay.v"
add sel          pass tb_sel        "" "$T/tb_sel.v $R/sel.v"
add tile_table   pass tb_tile_table "" "$T/tb_tile_table.v $R/tile_table.v $R/ram.v"
add loader       pass tb_loader     "" "$T/tb_loader.v $R/loader.v"
add qbuf         pass tb_qbuf       "" "$T/tb_qbuf.v $R/qbuf.v"
add qbuf/cols5-d5 pass tb_qbuf      "COLS=5 D=5 COL_W=3 IDX_W=5" "$T/tb_qbuf.v $R/qbuf.v"
add perf         pass tb_perf       "" "$T/tb_perf.v $R/perf.v"
add perf/rows3   pass tb_perf       "ROWS=3 FILL_W=3" "$T/tb_perf.v $R/perf.v"
add drain        pass tb_drain      "" "$T/tb_drain.v $R/drain.v"
add drain/rows8-cols2 pass tb_drain "ROWS=8 COLS=2 PLANE_W=4" "$T/tb_drain.v $R/drain.v"
add drain/rows1  pass tb_drain      "ROWS=1 COLS=2 IDX_W=4 PLANE_W=1" "$T/tb_drain.v $R/drain.v"
add ctrl         pass tb_ctrl       "" "$T/tb_ctrl.v $R/ctrl.v"
add ctrl/cols5   pass tb_ctrl       "COLS=5 MAX_SEQ=7 KCNT_W=3 COL_W=3 QCNT_W=4 IDX_W=5" "$T/tb_ctrl.v $R/ctrl.v"
add ctrl/commands pass tb_ctrl_cmd  "" "$T/tb_ctrl_cmd.v $R/ctrl.v"
add ctrl/commands-seq9 pass tb_ctrl_cmd "MAX_SEQ=9 KCNT_W=4 COLS=3 COL_W=2 QCNT_W=2 IDX_W=4" "$T/tb_ctrl_cmd.v $R/ctrl.v"
# The PE at every digit width (MAX_PLANES = 8/DIGIT, PLANE_W holds
# 0..MAX_PLANES), with ACC_W = 20 = vssa_score_width(16) = vssa_pv_width(16)
# (the testbench's sums have 16 terms); one bit less must be caught.
pe_params() { echo "DIGIT=$1 MAX_PLANES=$((8 / $1)) PLANE_W=$2 ACC_W=$3"; }
add pe/digit1    pass tb_pe "$(pe_params 1 4 20)" "$T/tb_pe.v $R/pe.v"
add pe/digit2    pass tb_pe "$(pe_params 2 3 20)" "$T/tb_pe.v $R/pe.v"
add pe/digit4    pass tb_pe "$(pe_params 4 2 20)" "$T/tb_pe.v $R/pe.v"
add pe/digit8    pass tb_pe "$(pe_params 8 1 20)" "$T/tb_pe.v $R/pe.v"
add pe/narrow-accumulator-caught fail tb_pe "$(pe_params 4 2 19)" "$T/tb_pe.v $R/pe.v"
# The lane against its reference model (tb_lane.v): the template's default
# shape, every digit width, short heads (STAGE_B = 1 and 2, and keys of one
# bank word), one column, lanes other than 0 (2^FILL_W - 1 above LANE, so
# that lo and hi can put the lane on slot a, slot b or neither), the
# t3x5d2 shape's lane 2, and sums wider than a 16-bit ACC_W (they wrap).
LANE_RTL="$R/lane.v $R/pe.v $R/ram.v $R/delay.v"
LANE_SRC="$T/tb_lane.v $LANE_RTL"
add lane         pass tb_lane "" "$LANE_SRC"
add lane/digit2  pass tb_lane "DIGIT=2 MAX_PLANES=4 PLANE_W=3" "$LANE_SRC"
add lane/digit8  pass tb_lane "DIGIT=8 MAX_PLANES=1 PLANE_W=1" "$LANE_SRC"
add lane/digit1  pass tb_lane "DIGIT=1 MAX_PLANES=8 PLANE_W=4 TILES=300" "$LANE_SRC"
add lane/d3      pass tb_lane "D=3 STAGE_B=1 T_W=2 KADDR_W=6" "$LANE_SRC"
add lane/d6      pass tb_lane "D=6 STAGE_B=2 T_W=3 KADDR_W=7" "$LANE_SRC"
add lane/d1      pass tb_lane "D=1 STAGE_B=1 T_W=1 KADDR_W=5" "$LANE_SRC"
add lane/d4-one-word pass tb_lane "D=4 T_W=2 KADDR_W=7" "$LANE_SRC"
add lane/cols1   pass tb_lane "COLS=1" "$LANE_SRC"
add lane/lane3   pass tb_lane "LANE=3 FILL_W=3" "$LANE_SRC"
add lane/lane7   pass tb_lane "LANE=7 FILL_W=4" "$LANE_SRC"
add lane/t3x5d2  pass tb_lane "LANE=2 COLS=5 D=5 DIGIT=2 MAX_PLANES=4 PLANE_W=3 ACC_W=21 SLOTS=7 SLOT_W=3 KADDR_W=6 T_W=3 IDX_W=5 FILL_W=3 VDEPTH=40 VADDR_W=6 STAGE_B=1" "$LANE_SRC"
add lane/acc16-wraps pass tb_lane "ACC_W=16" "$LANE_SRC"
# The array (tb_array.v, the same model per lane): the default shape, one
# operand register per lane and groups that do not divide ROWS, and the
# t3x5d2, t8x2 (8 lanes, D = 2) and t1x2d1 (one lane, digit 1) shapes.
ARRAY_SRC="$T/tb_array.v $R/array.v $LANE_RTL"
add array        pass tb_array "" "$ARRAY_SRC"
add array/grp1   pass tb_array "LANE_GRP=1" "$ARRAY_SRC"
add array/grp3   pass tb_array "LANE_GRP=3" "$ARRAY_SRC"
add array/digit8 pass tb_array "DIGIT=8 MAX_PLANES=1 PLANE_W=1" "$ARRAY_SRC"
add array/t3x5d2 pass tb_array "ROWS=3 COLS=5 D=5 DIGIT=2 MAX_PLANES=4 PLANE_W=3 ACC_W=21 SLOTS=7 SLOT_W=3 KADDR_W=6 T_W=3 IDX_W=5 LANE_W=2 FILL_W=3 VDEPTH=40 VADDR_W=6 STAGE_B=1 LANE_GRP=2" "$ARRAY_SRC"
add array/t8x2   pass tb_array "ROWS=8 COLS=2 D=2 SLOTS=8 SLOT_W=3 KADDR_W=4 T_W=1 LANE_W=3 FILL_W=4 VDEPTH=64 VADDR_W=6 STAGE_B=2" "$ARRAY_SRC"
add array/t1x2d1 pass tb_array "ROWS=1 COLS=2 D=3 DIGIT=1 MAX_PLANES=8 PLANE_W=4 SLOTS=9 SLOT_W=4 KADDR_W=5 T_W=2 IDX_W=4 LANE_W=1 FILL_W=1 VDEPTH=27 VADDR_W=5 STAGE_B=1 TILES=300" "$ARRAY_SRC"
# Dispatchers: every policy at every precision set (see tb_dispatch.v), then
# odd lane counts.
DISPATCH_SRC="$T/tb_dispatch.v $R/dispatch_lockstep.v $R/dispatch_group.v"
psets=(8-4-0 8-6-4-2-0 8-3-1 8-4)
scheds=(lockstep group fuse)
for s in 0 1 2; do
    for p in 0 1 2 3; do
        add "dispatch/${scheds[s]}/${psets[p]}" pass tb_dispatch "SCHED=$s PSET=$p" "$DISPATCH_SRC"
    done
done
for s in 0 1 2; do
    add "dispatch/${scheds[s]}/8-6-4-2-0/rows3" pass tb_dispatch "SCHED=$s PSET=1 ROWS=3" "$DISPATCH_SRC"
done
add dispatch/fuse/8-4-0/rows1 pass tb_dispatch "SCHED=2 PSET=0 ROWS=1" "$DISPATCH_SRC"
# Sequencer: the default D = 16, and short heads where captures crowd.
SEQ_SRC="$T/tb_sequencer.v $R/sequencer.v $R/capline.v $R/delay.v"
add sequencer/d16 pass tb_sequencer "" "$SEQ_SRC"
add sequencer/d1  pass tb_sequencer "D=1 T_W=1 KADDR_W=5" "$SEQ_SRC"
add sequencer/d3  pass tb_sequencer "D=3 T_W=2 KADDR_W=6" "$SEQ_SRC"
add sequencer/d5-digit2 pass tb_sequencer "D=5 T_W=3 KADDR_W=7 PLANE_W=3 MAXP=4" "$SEQ_SRC"
add sequencer/rows8-d2 pass tb_sequencer "ROWS=8 D=2 T_W=1 SLOTS=8 SLOT_W=3 TILE_W=4 FILL_W=4 KADDR_W=4" "$SEQ_SRC"
add sequencer/lat3 pass tb_sequencer "D=3 T_W=2 KADDR_W=6 L=3" "$SEQ_SRC"

# Value loader, P.V sequencer, block phases and output-field widening: the
# default shape, then the lane/head shapes of tests/configs.mk (t3x5d2,
# t1x2d1, t8x2: two, three and one t-tiles, the last short where ROWS does
# not divide D), a three t-tile head whose last t-tile has one live lane of
# three, and one plane per token (digit 8).
add vload        pass tb_vload      "" "$T/tb_vload.v $R/vload.v $R/ram.v"
add vload/rows3-d5 pass tb_vload    "ROWS=3 D=5 TT=2 MAX_SEQ=20 VADDR_W=6 IDX_W=5 PLANE_W=3 KCNT_W=5 MAXP=4" "$T/tb_vload.v $R/vload.v $R/ram.v"
add vload/rows1-d3 pass tb_vload    "ROWS=1 D=3 TT=3 MAX_SEQ=9 VADDR_W=5 IDX_W=4 PLANE_W=4 KCNT_W=4 MAXP=8" "$T/tb_vload.v $R/vload.v $R/ram.v"
add vload/rows8-d2 pass tb_vload    "ROWS=8 D=2 TT=1 MAX_SEQ=64 VADDR_W=6 IDX_W=6 PLANE_W=2 KCNT_W=7 MAXP=2" "$T/tb_vload.v $R/vload.v $R/ram.v"
add pvseq        pass tb_pvseq      "" "$T/tb_pvseq.v $R/pvseq.v $R/capline.v $R/delay.v"
add pvseq/lat3   pass tb_pvseq      "L=3" "$T/tb_pvseq.v $R/pvseq.v $R/capline.v $R/delay.v"
add pvseq/rows3-d5 pass tb_pvseq    "ROWS=3 D=5 TT=2 MAX_SEQ=20 VADDR_W=6 IDX_W=5 PLANE_W=3 KCNT_W=5 FILL_W=3 TT_W=1 MAXP=4" "$T/tb_pvseq.v $R/pvseq.v $R/capline.v $R/delay.v"
add pvseq/rows3-d7 pass tb_pvseq    "ROWS=3 D=7 TT=3 MAX_SEQ=16 VADDR_W=6 IDX_W=4 PLANE_W=2 KCNT_W=5 FILL_W=3 TT_W=2 MAXP=2" "$T/tb_pvseq.v $R/pvseq.v $R/capline.v $R/delay.v"
add pvseq/rows1-d3 pass tb_pvseq    "ROWS=1 D=3 TT=3 MAX_SEQ=9 VADDR_W=5 IDX_W=4 PLANE_W=4 KCNT_W=4 FILL_W=2 TT_W=2 MAXP=8" "$T/tb_pvseq.v $R/pvseq.v $R/capline.v $R/delay.v"
add pvseq/rows8-d2 pass tb_pvseq    "ROWS=8 D=2 TT=1 MAX_SEQ=64 VADDR_W=6 IDX_W=6 PLANE_W=2 KCNT_W=7 FILL_W=4 TT_W=1 MAXP=2" "$T/tb_pvseq.v $R/pvseq.v $R/capline.v $R/delay.v"
add pvseq/digit8 pass tb_pvseq      "ROWS=4 D=6 TT=2 MAX_SEQ=40 VADDR_W=7 IDX_W=6 PLANE_W=1 KCNT_W=6 FILL_W=3 TT_W=1 MAXP=1" "$T/tb_pvseq.v $R/pvseq.v $R/capline.v $R/delay.v"
add phase        pass tb_phase      "" "$T/tb_phase.v $R/phase.v"
add cmd          pass tb_cmd        "" "$T/tb_cmd.v $R/cmd.v"
add cmd/host     pass tb_cmd        "PREC_HW=0" "$T/tb_cmd.v $R/cmd.v"
OUTARB_SRC="$T/tb_outarb.v $R/outarb.v $R/widen.v $R/skid.v"
add outarb       pass tb_outarb     "" "$OUTARB_SRC"
add outarb/host  pass tb_outarb     "PREC_HW=0 OUT_DW=128" "$OUTARB_SRC"
add outarb/s8x8  pass tb_outarb     "COLS=8 S_W=22 D=64 IDX_W=9 OUT_DW=512" "$OUTARB_SRC"
add outarb/t1x2d1-host pass tb_outarb "COLS=2 S_W=17 D=3 IDX_W=4 PREC_HW=0 OUT_DW=34" "$OUTARB_SRC"
add phase/qcnt2-idx4 pass tb_phase  "QCNT_W=2 IDX_W=4" "$T/tb_phase.v $R/phase.v"
add phase/qcnt6-idx9 pass tb_phase  "QCNT_W=6 IDX_W=9" "$T/tb_phase.v $R/phase.v"
add widen        pass tb_widen      "" "$T/tb_widen.v $R/widen.v"
add widen/80-128 pass tb_widen      "IN_W=80 OUT_W=128" "$T/tb_widen.v $R/widen.v"
add widen/same-128 pass tb_widen    "IN_W=128 OUT_W=128" "$T/tb_widen.v $R/widen.v"
add widen/1-33   pass tb_widen      "IN_W=1 OUT_W=33" "$T/tb_widen.v $R/widen.v"

# The DSP-sized multiplier against exact products; LATENCY = 1 + ceil(log2
# partial products), the products ceil(A_W/17) * ceil(B_W/17) (golden/arch.c,
# vssa_mul_latency). The template's default; the instances the design makes:
# exp's x (S_W = 17 at d = 2, 22 at the default, 26 at d = 1024) by an
# unsigned 32-bit ES, requant's signed A (PV_W = 16 at 1 key, 25 at the
# default, 32 at 65536 keys) by an unsigned 24-bit G; then 1 to 16 partial
# products, either operand signed, widths at and one over the 17-bit digits,
# 1-bit operands. A wrong LATENCY must stop elaboration.
MUL_TB="$T/tb_mul.v $R/mul.v"
add mul              pass tb_mul "" "$MUL_TB"
add mul/exp-u17xu32  pass tb_mul "A_W=17 B_W=32 LATENCY=2" "$MUL_TB"
add mul/exp-u22xu32  pass tb_mul "A_W=22 B_W=32 LATENCY=3" "$MUL_TB"
add mul/exp-u26xu32  pass tb_mul "A_W=26 B_W=32 LATENCY=3" "$MUL_TB"
add mul/rq-s16xu24   pass tb_mul "A_W=16 B_W=24 A_SIGNED=1 LATENCY=2" "$MUL_TB"
add mul/rq-s25xu24   pass tb_mul "A_W=25 B_W=24 A_SIGNED=1 LATENCY=3" "$MUL_TB"
add mul/rq-s32xu24   pass tb_mul "A_W=32 B_W=24 A_SIGNED=1 LATENCY=3" "$MUL_TB"
add mul/u8xu5        pass tb_mul "A_W=8 B_W=5 LATENCY=1" "$MUL_TB"
add mul/s17xs17      pass tb_mul "A_W=17 B_W=17 A_SIGNED=1 B_SIGNED=1 LATENCY=1" "$MUL_TB"
add mul/s18xs18      pass tb_mul "A_W=18 B_W=18 A_SIGNED=1 B_SIGNED=1 LATENCY=3" "$MUL_TB"
add mul/s17xu18      pass tb_mul "A_W=17 B_W=18 A_SIGNED=1 LATENCY=2" "$MUL_TB"
add mul/u18xs17      pass tb_mul "A_W=18 B_W=17 B_SIGNED=1 LATENCY=2" "$MUL_TB"
add mul/u24xs25      pass tb_mul "A_W=24 B_W=25 B_SIGNED=1 LATENCY=3" "$MUL_TB"
add mul/u34xu35      pass tb_mul "A_W=34 B_W=35 LATENCY=4" "$MUL_TB"
add mul/s35xs34      pass tb_mul "A_W=35 B_W=34 A_SIGNED=1 B_SIGNED=1 LATENCY=4" "$MUL_TB"
add mul/s35xu51      pass tb_mul "A_W=35 B_W=51 A_SIGNED=1 LATENCY=5" "$MUL_TB"
add mul/u51xs35      pass tb_mul "A_W=51 B_W=35 B_SIGNED=1 LATENCY=5" "$MUL_TB"
add mul/u17xs85      pass tb_mul "A_W=17 B_W=85 B_SIGNED=1 LATENCY=4" "$MUL_TB"
add mul/s68xs68      pass tb_mul "A_W=68 B_W=68 A_SIGNED=1 B_SIGNED=1 LATENCY=5" "$MUL_TB"
add mul/s1xu17       pass tb_mul "A_W=1 B_W=17 A_SIGNED=1 LATENCY=1" "$MUL_TB"
add mul/u1xs35       pass tb_mul "A_W=1 B_W=35 B_SIGNED=1 LATENCY=3" "$MUL_TB"
add mul/s1xs1        pass tb_mul "A_W=1 B_W=1 A_SIGNED=1 B_SIGNED=1 LATENCY=1" "$MUL_TB"
add mul/wrong-latency stop:parameters tb_mul "A_W=35 B_W=51 A_SIGNED=1 LATENCY=4" "$MUL_TB"

# Arithmetic of the whole head, against vectors the golden model's own
# routines compute (tests/tb/vectors.c): the widths of the small and the
# 32x32 designs, and extremes.
mkdir -p "$B/tb"
cc -std=c11 -Wall -Wextra -Werror -Igolden -o "$B/tb/vectors" $T/vectors.c golden/attention.c golden/vssa.c golden/tiers.c -lm ||
    { echo "FAIL tb/vectors: the vector generator does not build"; exit 1; }
vec() {   # vec NAME ARGS...: writes $B/tb/vec_NAME.hex, prints "N=<lines> VEC=<path>"
    "$B/tb/vectors" "${@:2}" >"$B/tb/vec_$1.hex" || exit 1
    echo "N=$(wc -l <"$B/tb/vec_$1.hex") VEC=\"$B/tb/vec_$1.hex\""
}
# Widths and latencies of these units come from the design vssagen derives
# (`vssagen --params`): gp "NAME..." OPTION... prints NAME=value for each.
[ -x "$B/vssagen" ] || make -s B="$B" "$B/vssagen" >/dev/null ||
    { echo "FAIL tb/vssagen: does not build"; exit 1; }
gp() {
    local names=$1 v
    shift
    "$B/vssagen" "$@" -o "$B/tb/gp.v" --params "$B/tb/gp.h" || exit 1
    for n in $names; do
        v=$(sed -n "s/^#define VSSA_$n //p" "$B/tb/gp.h")
        [ -n "$v" ] || { echo "FAIL tb/gp: no VSSA_$n" >&2; exit 1; }
        printf '%s=%s ' "$n" "$v"
    done
}
# x widths: d = 2 (17 bits), 32 (21), 1024 (26, the widest a head has).
exp_p() { gp "EXP_MUL_LAT EXP_LAT" --head-dim "$1"; }
MUL_SRC="$R/mul.v $R/delay.v"   # the multiplier, and the delay line beside it
add exp/x21      pass tb_exp     "X_W=21 $(exp_p 32) $(vec exp21 exp 3000 1 21)" "$T/tb_exp.v $R/exp.v $MUL_SRC"
add exp/x17      pass tb_exp     "X_W=17 $(exp_p 2) $(vec exp17 exp 1000 2 17)" "$T/tb_exp.v $R/exp.v $MUL_SRC"
add exp/x26      pass tb_exp     "X_W=26 $(exp_p 1024) $(vec exp26 exp 1000 3 26)" "$T/tb_exp.v $R/exp.v $MUL_SRC"
RECIP_P=$(gp "G_MUL_LAT RECIP_LAT")
add recip/sum17  pass tb_recip   "SUM_W=17 K_W=5 $RECIP_P $(vec recip17 recip 300 1 17)" "$T/tb_recip.v $R/recip.v $MUL_SRC"
add recip/sum14  pass tb_recip   "SUM_W=14 K_W=4 $RECIP_P $(vec recip14 recip 200 2 14)" "$T/tb_recip.v $R/recip.v $MUL_SRC"
add recip/sum24  pass tb_recip   "SUM_W=24 K_W=5 $RECIP_P $(vec recip24 recip 200 3 24)" "$T/tb_recip.v $R/recip.v $MUL_SRC"
# A widths (PV_W): 512 keys (25 bits), 64 (22), 65536 (32).
rq_p() { gp "RQ_MUL_LAT RQ_LAT" --max-seq "$1"; }
add requant/a25  pass tb_requant "A_W=25 K_W=5 $(rq_p 512) $(vec requant25 requant 3000 1 25 17)" "$T/tb_requant.v $R/requant.v $MUL_SRC"
add requant/a22  pass tb_requant "A_W=22 K_W=4 $(rq_p 64) $(vec requant22 requant 1000 2 22 14)" "$T/tb_requant.v $R/requant.v $MUL_SRC"
add requant/a32  pass tb_requant "A_W=32 K_W=5 $(rq_p 65536) $(vec requant32 requant 1000 3 32 24)" "$T/tb_requant.v $R/requant.v $MUL_SRC"
# The score, softmax and output stages a block at a time (the record modes
# of vectors.c): the templates' defaults, floor rounding, the t3x5d2 and
# t1x2d1 shapes (odd column counts, digits 2 and 1, short heads), the
# default 8x8 design (d = 64, 512 keys: k up to 17, K_W = 5), 8-bit digits
# (no midpoint term) and D = 1 (one output byte). The softmax gets the
# exponent table the generator emits, vssa_exp_lut.
SCORE_SRC="$T/tb_score.v $R/score.v $R/ram.v"
SOFTMAX_SRC="$T/tb_softmax.v $R/softmax.v $R/exp.v $R/recip.v $R/ram.v $R/sel.v $MUL_SRC"
OUTQ_SRC="$T/tb_outq.v $R/outq.v $R/requant.v $R/ram.v $R/sel.v $MUL_SRC"
# Latencies of the shape with these head dimension and key count.
sm_p() { gp "EXP_MUL_LAT EXP_LAT SM_LAT G_MUL_LAT RECIP_LAT" --head-dim "$1" --max-seq "$2"; }
SM_4x4=$(sm_p 16 64) SM_t3x5d2=$(sm_p 5 20) SM_t1x2d1=$(sm_p 3 9) SM_s8x8="$(sm_p 64 512) $(gp SM_SHARE --rows 8 --cols 8)"
oq_p() { gp "RQ_MUL_LAT RQ_LAT OUT_LAT" --max-seq "$1" $2; }
EXP_LUT="EXP_LUT=$("$B/tb/vectors" lut)"
add score          pass tb_score   "$(vec score score 24 1 4 16 4 64 1)" "$SCORE_SRC"
add score/mid0     pass tb_score   "MID=0 $(vec score_mid0 score 12 2 4 16 4 64 0)" "$SCORE_SRC"
add score/digit8   pass tb_score   "DIGIT=8 PLANE_W=1 $(vec score_digit8 score 12 3 4 16 8 64 1)" "$SCORE_SRC"
add score/t3x5d2   pass tb_score   "COLS=5 ACC_W=21 S_W=18 QS_W=11 DIGIT=2 PLANE_W=3 IDX_W=5 MAX_SEQ=20 $(vec score_t3x5d2 score 40 4 5 5 2 20 1)" "$SCORE_SRC"
add score/t1x2d1   pass tb_score   "COLS=2 ACC_W=20 S_W=17 QS_W=10 DIGIT=1 PLANE_W=4 IDX_W=4 MAX_SEQ=9 $(vec score_t1x2d1 score 40 5 2 3 1 9 1)" "$SCORE_SRC"
add score/s8x8     pass tb_score   "COLS=8 ACC_W=25 S_W=22 QS_W=15 IDX_W=9 MAX_SEQ=512 $(vec score_s8x8 score 6 6 8 64 4 512 1)" "$SCORE_SRC"
add softmax        pass tb_softmax "$EXP_LUT $SM_4x4 $(vec softmax softmax 40 1 4 20 4 64 1)" "$SOFTMAX_SRC"
add softmax/mid0   pass tb_softmax "$EXP_LUT $SM_4x4 MID=0 $(vec softmax_mid0 softmax 20 2 4 20 4 64 0)" "$SOFTMAX_SRC"
add softmax/t3x5d2 pass tb_softmax "$EXP_LUT $SM_t3x5d2 COLS=5 S_W=18 DIGIT=2 PLANE_W=3 IDX_W=5 KCNT_W=5 QCNT_W=4 MAX_SEQ=20 ESUM_W=13 C_W=19 $(vec softmax_t3x5d2 softmax 60 3 5 18 2 20 1)" "$SOFTMAX_SRC"
add softmax/t1x2d1 pass tb_softmax "$EXP_LUT $SM_t1x2d1 COLS=2 S_W=17 DIGIT=1 PLANE_W=4 IDX_W=4 KCNT_W=4 QCNT_W=2 MAX_SEQ=9 ESUM_W=12 C_W=18 $(vec softmax_t1x2d1 softmax 60 4 2 17 1 9 1)" "$SOFTMAX_SRC"
add softmax/share2 pass tb_softmax "$EXP_LUT $SM_4x4 SM_SHARE=2 $(vec softmax_share2 softmax 40 7 4 20 4 64 1)" "$SOFTMAX_SRC"
add softmax/share3 pass tb_softmax "$EXP_LUT $SM_4x4 SM_SHARE=3 $(vec softmax_share3 softmax 40 8 4 20 4 64 1)" "$SOFTMAX_SRC"
add softmax/t3x5d2-share2 pass tb_softmax "$EXP_LUT $SM_t3x5d2 SM_SHARE=2 COLS=5 S_W=18 DIGIT=2 PLANE_W=3 IDX_W=5 KCNT_W=5 QCNT_W=4 MAX_SEQ=20 ESUM_W=13 C_W=19 $(vec softmax_t3x5d2s softmax 60 9 5 18 2 20 1)" "$SOFTMAX_SRC"
add softmax/s8x8   pass tb_softmax "$EXP_LUT $SM_s8x8 COLS=8 S_W=22 IDX_W=9 KCNT_W=10 QCNT_W=4 MAX_SEQ=512 ESUM_W=17 C_W=23 K_W=5 $(vec softmax_s8x8 softmax 8 5 8 22 4 512 1)" "$SOFTMAX_SRC"
# Under COMP: blocks without the virtual key (plain vectors, zc_i = 0),
# then compensated heads (softmax-comp) in the same shapes; S_W is
# vssa_score_width(D).
add softmax/comp-off pass tb_softmax "$EXP_LUT $SM_4x4 COMP=1 $(vec softmax_comp_off softmax 20 6 4 20 4 64 1)" "$SOFTMAX_SRC"
add softmax/comp   pass tb_softmax "$EXP_LUT $SM_4x4 COMP=1 $(vec softmax_comp softmax-comp 40 1 4 16 4 64 1)" "$SOFTMAX_SRC"
add softmax/comp-mid0 pass tb_softmax "$EXP_LUT $SM_4x4 COMP=1 MID=0 $(vec softmax_comp_mid0 softmax-comp 20 2 4 16 4 64 0)" "$SOFTMAX_SRC"
add softmax/comp-t3x5d2 pass tb_softmax "$EXP_LUT $SM_t3x5d2 COMP=1 COLS=5 S_W=18 DIGIT=2 PLANE_W=3 IDX_W=5 KCNT_W=5 QCNT_W=4 MAX_SEQ=20 ESUM_W=13 C_W=19 $(vec softmax_comp_t3x5d2 softmax-comp 60 3 5 5 2 20 1)" "$SOFTMAX_SRC"
add softmax/comp-t1x2d1 pass tb_softmax "$EXP_LUT $SM_t1x2d1 COMP=1 COLS=2 S_W=17 DIGIT=1 PLANE_W=4 IDX_W=4 KCNT_W=4 QCNT_W=2 MAX_SEQ=9 ESUM_W=12 C_W=18 $(vec softmax_comp_t1x2d1 softmax-comp 60 4 2 3 1 9 1)" "$SOFTMAX_SRC"
add softmax/comp-share4 pass tb_softmax "$EXP_LUT $SM_4x4 COMP=1 SM_SHARE=4 $(vec softmax_comp_share4 softmax-comp 40 10 4 16 4 64 1)" "$SOFTMAX_SRC"
add softmax/comp-t3x5d2-share3 pass tb_softmax "$EXP_LUT $SM_t3x5d2 COMP=1 SM_SHARE=3 COLS=5 S_W=18 DIGIT=2 PLANE_W=3 IDX_W=5 KCNT_W=5 QCNT_W=4 MAX_SEQ=20 ESUM_W=13 C_W=19 $(vec softmax_comp_t3x5d2s softmax-comp 60 11 5 5 2 20 1)" "$SOFTMAX_SRC"
add softmax/comp-s8x8 pass tb_softmax "$EXP_LUT $SM_s8x8 COMP=1 COLS=8 S_W=22 IDX_W=9 KCNT_W=10 QCNT_W=4 MAX_SEQ=512 ESUM_W=17 C_W=23 K_W=5 $(vec softmax_comp_s8x8 softmax-comp 10 5 8 64 4 512 1)" "$SOFTMAX_SRC"
add outq           pass tb_outq    "$(oq_p 128 "") $(vec outq outq 30 1 4 16 4 128 1)" "$OUTQ_SRC"
add outq/t3x5d2    pass tb_outq    "$(oq_p 20 "") COLS=5 D=5 ACC_W=21 PV_W=21 C_W=19 IDX_W=5 T_W=3 QCNT_W=4 $(vec outq_t3x5d2 outq 40 2 5 5 2 20 1)" "$OUTQ_SRC"
add outq/t1x2d1    pass tb_outq    "$(oq_p 9 "") COLS=2 D=3 ACC_W=20 PV_W=20 C_W=18 IDX_W=4 T_W=2 QCNT_W=2 $(vec outq_t1x2d1 outq 40 3 2 3 1 9 1)" "$OUTQ_SRC"
add outq/share2    pass tb_outq    "$(oq_p 128 "") SM_SHARE=2 $(vec outq_share2 outq 30 7 4 16 4 128 1)" "$OUTQ_SRC"
add outq/t3x5d2-share3 pass tb_outq "$(oq_p 20 "") SM_SHARE=3 COLS=5 D=5 ACC_W=21 PV_W=21 C_W=19 IDX_W=5 T_W=3 QCNT_W=4 $(vec outq_t3x5d2s outq 40 8 5 5 2 20 1)" "$OUTQ_SRC"
add outq/s8x8      pass tb_outq    "$(oq_p 512 "") $(gp SM_SHARE --rows 8 --cols 8) COLS=8 D=64 ACC_W=25 PV_W=25 C_W=23 K_W=5 IDX_W=9 T_W=6 QCNT_W=4 $(vec outq_s8x8 outq 10 4 8 64 4 512 1)" "$OUTQ_SRC"
add outq/d1        pass tb_outq    "$(oq_p 128 "") COLS=3 D=1 T_W=1 $(vec outq_d1 outq 30 5 3 1 4 128 1)" "$OUTQ_SRC"
# The 0-bit compensation unit against vssa_comp_token(): the template's
# default with MAX_SEQ = 127 (the largest count KCNT_W holds), D = 1 with a
# 2-bit count, the t3x5d2 shape's D = 5 and MAX_SEQ = 20, and the default
# 8x8 design (d = 64, 512 keys); VS_W = 8 + KCNT_W, T_W holds 0..D-1.
COMP_SRC="$T/tb_comp.v $R/comp.v"
add comp           pass tb_comp    "$(vec comp comp 40 1 16 127)" "$COMP_SRC"
add comp/d1        pass tb_comp    "D=1 T_W=1 KCNT_W=2 VS_W=10 $(vec comp_d1 comp 40 2 1 3)" "$COMP_SRC"
add comp/d5        pass tb_comp    "D=5 T_W=3 KCNT_W=5 VS_W=13 $(vec comp_d5 comp 60 3 5 20)" "$COMP_SRC"
add comp/s8x8      pass tb_comp    "D=64 T_W=6 KCNT_W=10 VS_W=18 $(vec comp_s8x8 comp 10 4 64 512)" "$COMP_SRC"
# Under COMP (VS_W = 8 + KCNT_W of MAX_SEQ): the plain vectors (zon_i low,
# e_z = 0), then compensated heads (outq-comp) in the same shapes.
add outq/comp-off  pass tb_outq    "$(oq_p 128 "--comp --bits 8,4,0") COMP=1 VS_W=16 $(vec outq_comp_off outq 20 6 4 16 4 128 1)" "$OUTQ_SRC"
add outq/comp      pass tb_outq    "$(oq_p 128 "--comp --bits 8,4,0") COMP=1 VS_W=16 $(vec outq_comp outq-comp 40 1 4 16 4 128 1)" "$OUTQ_SRC"
add outq/comp-mid0 pass tb_outq    "$(oq_p 128 "--comp --bits 8,4,0") COMP=1 VS_W=16 $(vec outq_comp_mid0 outq-comp 20 2 4 16 4 128 0)" "$OUTQ_SRC"
add outq/comp-t3x5d2 pass tb_outq  "$(oq_p 20 "--comp --bits 8,4,0") COMP=1 COLS=5 D=5 ACC_W=21 PV_W=21 C_W=19 IDX_W=5 T_W=3 QCNT_W=4 VS_W=13 $(vec outq_comp_t3x5d2 outq-comp 60 3 5 5 2 20 1)" "$OUTQ_SRC"
add outq/comp-t1x2d1 pass tb_outq  "$(oq_p 9 "--comp --bits 8,4,0") COMP=1 COLS=2 D=3 ACC_W=20 PV_W=20 C_W=18 IDX_W=4 T_W=2 QCNT_W=2 VS_W=12 $(vec outq_comp_t1x2d1 outq-comp 60 4 2 3 1 9 1)" "$OUTQ_SRC"
add outq/comp-share4 pass tb_outq  "$(oq_p 128 "--comp --bits 8,4,0") COMP=1 VS_W=16 SM_SHARE=4 $(vec outq_comp_share4 outq-comp 40 7 4 16 4 128 1)" "$OUTQ_SRC"
add outq/comp-t3x5d2-share2 pass tb_outq "$(oq_p 20 "--comp --bits 8,4,0") COMP=1 SM_SHARE=2 COLS=5 D=5 ACC_W=21 PV_W=21 C_W=19 IDX_W=5 T_W=3 QCNT_W=4 VS_W=13 $(vec outq_comp_t3x5d2s outq-comp 60 8 5 5 2 20 1)" "$OUTQ_SRC"
add outq/comp-s8x8 pass tb_outq    "$(oq_p 512 "--comp --bits 8,4,0") $(gp SM_SHARE --rows 8 --cols 8) COMP=1 COLS=8 D=64 ACC_W=25 PV_W=25 C_W=23 K_W=5 IDX_W=9 T_W=6 QCNT_W=4 VS_W=18 $(vec outq_comp_s8x8 outq-comp 12 5 8 64 4 512 1)" "$OUTQ_SRC"
add outq/comp-d1   pass tb_outq    "$(oq_p 128 "--comp --bits 8,4,0") COMP=1 COLS=3 D=1 T_W=1 VS_W=16 $(vec outq_comp_d1 outq-comp 40 6 3 1 4 128 1)" "$OUTQ_SRC"
# The class stage of --precision hw: the default shape, a single class bit
# and an odd head length, and the 32x32 design's 512 tokens and five classes.
TAGGER_SRC="$T/tb_tagger.v $R/tagger.v $R/ram.v"
add tagger          pass tb_tagger "" "$TAGGER_SRC"
add tagger/tag1     pass tb_tagger "TAG_W=1 IDX_W=5 CNT_W=5 MAX_SEQ=20" "$TAGGER_SRC"
add tagger/seq512   pass tb_tagger "TAG_W=3 IDX_W=9 CNT_W=10 MAX_SEQ=512" "$TAGGER_SRC"
# The importance counters: the default shape, one column with narrow
# counters and a short head, five columns (a tree with padded leaves), the
# 32x32 design's 32 columns and 512 tokens, and MAX_SEQ = 48 of 64 indices
# (the other short heads too: adds past MAX_SEQ must be ignored).
IMP_SRC="$T/tb_imp.v $R/imp.v $R/ram.v $R/delay.v"
add imp            pass tb_imp "$(gp IMP_RD_LAT)" "$IMP_SRC"
add imp/cols1-w17  pass tb_imp "COLS=1 QCNT_W=1 IMP_W=17 MAX_SEQ=9 IDX_W=4" "$IMP_SRC"
add imp/cols5      pass tb_imp "COLS=5 QCNT_W=3 IMP_W=32 MAX_SEQ=20 IDX_W=5" "$IMP_SRC"
add imp/cols32     pass tb_imp "COLS=32 QCNT_W=6 IMP_W=32 MAX_SEQ=512 IDX_W=9 BURSTS=12" "$IMP_SRC"
add imp/seq48      pass tb_imp "MAX_SEQ=48 IDX_W=6" "$IMP_SRC"
# The ranking of the importance counters into classes, against
# vssa_rank_radix(): the default 8,4,0 set (2 cuts, 32-bit counters), five
# classes, a single cut with the narrowest counters and an odd key count,
# and 512 tokens.
RANK_SRC="$T/tb_rank.v $R/rank.v $R/delay.v"
RK_P=$(gp "IMP_RD_LAT RANK_CUT_LAT")
add rank           pass tb_rank "$RK_P $(vec rank rank 40 1 32 2 64)" "$RANK_SRC"
add rank/rd3       pass tb_rank "IMP_RD_LAT=3 $(vec rank_rd3 rank 20 5 32 2 64)" "$RANK_SRC"
add rank/ncut4     pass tb_rank "$RK_P NCUT=4 CLS_W=3 IMP_W=20 IDX_W=7 CNT_W=7 MAX_SEQ=100 $(vec rank_ncut4 rank 30 2 20 4 100)" "$RANK_SRC"
add rank/ncut1-w17 pass tb_rank "$RK_P NCUT=1 CLS_W=1 IMP_W=17 IDX_W=5 CNT_W=5 MAX_SEQ=20 $(vec rank_ncut1 rank 30 3 17 1 20)" "$RANK_SRC"
add rank/seq512    pass tb_rank "$RK_P IMP_W=32 IDX_W=9 CNT_W=10 MAX_SEQ=512 $(vec rank_seq512 rank 5 4 32 2 512)" "$RANK_SRC"

# The assertions and parameter checks of the templates: each broken rule
# stops the simulation with its message (tb_assert.v).
ASSERT_SRC="$T/tb_assert.v $R/skid.v $R/drain.v $R/ram.v $R/pe.v"
add assert/hold-withdrawn     stop:withdrew      tb_assert "MODE=0" "$ASSERT_SRC"
add assert/host-may-withdraw  pass               tb_assert "MODE=1" "$ASSERT_SRC"
add assert/hold-changed       stop:changed       tb_assert "MODE=2" "$ASSERT_SRC"
add assert/unknown-bits       stop:unknown       tb_assert "MODE=3" "$ASSERT_SRC"
add assert/capture-while-busy stop:capture       tb_assert "MODE=4" "$ASSERT_SRC"
add assert/write-past-buffer  stop:buffer        tb_assert "MODE=5" "$ASSERT_SRC"
add assert/ram-parameters     stop:parameters    tb_assert "MODE=6" "$ASSERT_SRC"
add assert/pe-digit-range     stop:range         tb_assert "MODE=7" "$ASSERT_SRC"
add assert/pe-digit-in-bubble pass               tb_assert "MODE=8" "$ASSERT_SRC"

name_of() { echo "${1%%|*}"; }
wanted() {   # wanted NAME: no names given, or NAME among them (with or without tb/)
    local s
    [ ${#selected[@]} -eq 0 ] && return 0
    for s in "${selected[@]}"; do
        [ "$s" = "tb/$1" ] || [ "$s" = "$1" ] && return 0
    done
    return 1
}

if [ "${1:-}" = "--list" ]; then
    for t in "${TESTS[@]}"; do echo "tb/$(name_of "$t")"; done
    exit 0
fi

# Runs one testbench; its compiler and simulator output goes to stdout.
run_one() {
    local name=$1 expect=$2 top=$3 params=$4 srcs=$5
    local base="$B/tb/${name//\//_}" p
    local args=(-g2005 -I "$T" -o "$base.vvp")   # -I: tb_common.vh
    for p in $params; do args+=("-P$top.$p"); done
    # shellcheck disable=SC2086  # srcs is a list of paths without spaces
    iverilog "${args[@]}" $srcs || { echo "compile error"; return 1; }
    vvp -n "$base.vvp" ${SEED:+"+seed=$SEED"} >"$base.log" 2>&1
    cat "$base.log"
    local last
    last=$(tail -n 1 "$base.log")
    if [ "$expect" = pass ]; then
        [[ "$last" == "PASS $top: "* ]] && [ "$(grep -c '^\(PASS\|FAIL\) tb_' "$base.log")" -eq 1 ]
    elif [[ "$expect" == stop:* ]]; then   # an assertion or parameter check stopped it
        ! grep -q '^\(PASS\|FAIL\) tb_' "$base.log" &&
            grep -Eq "^(FATAL|ERROR): .*${expect#stop:}" "$base.log" ||
            { echo "expected a stop naming '${expect#stop:}'"; return 1; }
    else
        [[ "$last" == "FAIL $top: "* ]] || { echo "expected the testbench to fail"; return 1; }
    fi
}

mkdir -p "$B/tb"
selected=("$@")
fail=0
for s in "${selected[@]}"; do   # every name given must be a testbench
    found=0
    for t in "${TESTS[@]}"; do
        n=$(name_of "$t")
        [ "$s" = "tb/$n" ] || [ "$s" = "$n" ] && found=1
    done
    [ "$found" -eq 1 ] || { echo "FAIL $s: no such testbench (see --list)"; fail=$((fail + 1)); }
done
for t in "${TESTS[@]}"; do
    IFS='|' read -r name expect top params srcs <<<"$t"
    wanted "$name" || continue
    if out=$(run_one "$name" "$expect" "$top" "$params" "$srcs" 2>&1); then
        echo "ok   tb/$name"
    else
        fail=$((fail + 1))
        echo "FAIL tb/$name"
        printf '%s\n' "$out" | tail -n 12 | sed 's/^/     /'
    fi
done
[ "$fail" -eq 0 ]
