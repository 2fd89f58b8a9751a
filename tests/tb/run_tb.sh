#!/usr/bin/env bash
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
# (to try the testbenches on a deliberately broken copy). A run passes when the testbench's last output line is
# "PASS tb_<module>: ..."; a must-fail run (the PE with an accumulator one bit
# too narrow) passes when that line is "FAIL tb_pe: ...".
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
add tile_table   pass tb_tile_table "" "$T/tb_tile_table.v $R/tile_table.v $R/ram.v"
add loader       pass tb_loader     "" "$T/tb_loader.v $R/loader.v"
add qbuf         pass tb_qbuf       "" "$T/tb_qbuf.v $R/qbuf.v"
add qbuf/cols5-d5 pass tb_qbuf      "COLS=5 D=5 COL_W=3" "$T/tb_qbuf.v $R/qbuf.v"
add perf         pass tb_perf       "" "$T/tb_perf.v $R/perf.v"
add perf/rows3   pass tb_perf       "ROWS=3 FILL_W=3" "$T/tb_perf.v $R/perf.v"
add drain        pass tb_drain      "" "$T/tb_drain.v $R/drain.v"
add drain/rows8-cols2 pass tb_drain "ROWS=8 COLS=2" "$T/tb_drain.v $R/drain.v"
add drain/rows1  pass tb_drain      "ROWS=1 COLS=2 IDX_W=4" "$T/tb_drain.v $R/drain.v"
add ctrl         pass tb_ctrl       "" "$T/tb_ctrl.v $R/ctrl.v"
add ctrl/cols5   pass tb_ctrl       "COLS=5 MAX_SEQ=7 KCNT_W=3 COL_W=3 QCNT_W=4 IDX_W=5" "$T/tb_ctrl.v $R/ctrl.v"
# The PE at every digit width (MAX_PLANES = 8/DIGIT, PLANE_W holds
# 0..MAX_PLANES), with ACC_W = 20 = vssa_score_width(16); one bit less must
# be caught.
pe_params() { echo "DIGIT=$1 MAX_PLANES=$((8 / $1)) PLANE_W=$2 ACC_W=$3"; }
add pe/digit1    pass tb_pe "$(pe_params 1 4 20)" "$T/tb_pe.v $R/pe.v"
add pe/digit2    pass tb_pe "$(pe_params 2 3 20)" "$T/tb_pe.v $R/pe.v"
add pe/digit4    pass tb_pe "$(pe_params 4 2 20)" "$T/tb_pe.v $R/pe.v"
add pe/digit8    pass tb_pe "$(pe_params 8 1 20)" "$T/tb_pe.v $R/pe.v"
add pe/narrow-accumulator-caught fail tb_pe "$(pe_params 4 2 19)" "$T/tb_pe.v $R/pe.v"
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
SEQ_SRC="$T/tb_sequencer.v $R/sequencer.v"
add sequencer/d16 pass tb_sequencer "" "$SEQ_SRC"
add sequencer/d1  pass tb_sequencer "D=1 T_W=1 KADDR_W=5" "$SEQ_SRC"
add sequencer/d3  pass tb_sequencer "D=3 T_W=2 KADDR_W=6" "$SEQ_SRC"
add sequencer/d5-digit2 pass tb_sequencer "D=5 T_W=3 KADDR_W=7 PLANE_W=3 MAXP=4" "$SEQ_SRC"
add sequencer/rows8-d2 pass tb_sequencer "ROWS=8 D=2 T_W=1 SLOTS=8 SLOT_W=3 TILE_W=4 FILL_W=4 KADDR_W=4" "$SEQ_SRC"

# Arithmetic of the whole head, against vectors the golden model's own
# routines compute (tests/tb/vectors.c): the widths of the small and the
# 32x32 designs, and extremes.
mkdir -p "$B/tb"
cc -std=c11 -Wall -Wextra -Werror -Igolden -o "$B/tb/vectors" $T/vectors.c golden/attention.c golden/vssa.c -lm ||
    { echo "FAIL tb/vectors: the vector generator does not build"; exit 1; }
vec() {   # vec NAME ARGS...: writes $B/tb/vec_NAME.hex, prints "N=<lines> VEC=<path>"
    "$B/tb/vectors" "${@:2}" >"$B/tb/vec_$1.hex" || exit 1
    echo "N=$(wc -l <"$B/tb/vec_$1.hex") VEC=\"$B/tb/vec_$1.hex\""
}
add exp/x21      pass tb_exp     "X_W=21 $(vec exp21 exp 3000 1 21)" "$T/tb_exp.v $R/exp.v"
add exp/x17      pass tb_exp     "X_W=17 $(vec exp17 exp 1000 2 17)" "$T/tb_exp.v $R/exp.v"
add exp/x27      pass tb_exp     "X_W=27 $(vec exp27 exp 1000 3 27)" "$T/tb_exp.v $R/exp.v"
add recip/sum17  pass tb_recip   "SUM_W=17 K_W=5 $(vec recip17 recip 300 1 17)" "$T/tb_recip.v $R/recip.v"
add recip/sum14  pass tb_recip   "SUM_W=14 K_W=4 $(vec recip14 recip 200 2 14)" "$T/tb_recip.v $R/recip.v"
add recip/sum24  pass tb_recip   "SUM_W=24 K_W=5 $(vec recip24 recip 200 3 24)" "$T/tb_recip.v $R/recip.v"
add requant/a25  pass tb_requant "A_W=25 K_W=5 $(vec requant25 requant 3000 1 25 17)" "$T/tb_requant.v $R/requant.v"
add requant/a22  pass tb_requant "A_W=22 K_W=4 $(vec requant22 requant 1000 2 22 14)" "$T/tb_requant.v $R/requant.v"
add requant/a32  pass tb_requant "A_W=32 K_W=5 $(vec requant32 requant 1000 3 32 24)" "$T/tb_requant.v $R/requant.v"

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
    local args=(-g2005 -o "$base.vvp")
    for p in $params; do args+=("-P$top.$p"); done
    # shellcheck disable=SC2086  # srcs is a list of paths without spaces
    iverilog "${args[@]}" $srcs || { echo "compile error"; return 1; }
    vvp -n "$base.vvp" >"$base.log" 2>&1
    cat "$base.log"
    local last
    last=$(tail -n 1 "$base.log")
    if [ "$expect" = pass ]; then
        [[ "$last" == "PASS $top: "* ]] && [ "$(grep -c '^\(PASS\|FAIL\) tb_' "$base.log")" -eq 1 ]
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
