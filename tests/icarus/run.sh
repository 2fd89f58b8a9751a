#!/bin/sh
# SPDX-License-Identifier: MIT
# run.sh CONFIG [vssa-sim options...]: the whole design of CONFIG under a
# second simulator. vssa-sim runs it under Verilator with the options given
# and records every input port at every edge (--stim-out); Icarus replays
# that stimulus into the same rtl_out/CONFIG.v (tests/icarus/tb_top.v). The
# output beats taken and the final counters, err_o and status digest must be
# identical, cycle for cycle. Prints one line; on a difference, the first
# differing line of each run, keeps the run's files and exits 1.
# Environment: B, the build directory holding sim/CONFIG/vssa-sim [build];
# KEEP=1 keeps the files of a passing run too.
set -u
B=${B:-build}
[ $# -ge 1 ] || { echo "usage: tests/icarus/run.sh CONFIG [vssa-sim options...]" >&2; exit 2; }
cfg=$1
shift
v=rtl_out/$cfg.v
sim=$B/sim/$cfg/vssa-sim
for f in "$v" "$sim"; do
    [ -f "$f" ] || { echo "tests/icarus/run.sh: error: no $f (make B=$B $sim)" >&2; exit 2; }
done
mkdir -p "$B/icarus" || exit 2
d=$(mktemp -d "$B/icarus/$cfg.XXXXXX") || exit 2
what="icarus $cfg $*"

fail() {
    echo "FAIL $what: $1 (files in $d)"
    exit 1
}

# A parameter of the top module vssa, from its header in the generated file.
param() {
    awk -v n="$1" '/^module vssa #\(/ { m = 1 }
        m && $0 ~ "parameter integer " n " *=" { gsub(/[ ,]/, ""); sub(/.*=/, ""); print; exit }
        m && /^\) \(/ { exit }' "$v"
}
P=""
for n in TAG_W IDX_W D RATIO_W OUT_DW; do
    val=$(param $n)
    [ -n "$val" ] || fail "no parameter $n in the top of $v"
    P="$P -Ptb_top.$n=$val"
done

"$sim" "$@" --stim-out "$d/stim" --beats-out "$d/verilator.beats" \
    --counters-out "$d/verilator.counters" >"$d/vssa-sim.log" 2>&1 ||
    fail "vssa-sim failed: $(grep -m1 -E '^(MISMATCH|FAIL)|error:' "$d/vssa-sim.log")"
# ICARUS_ALTER=1 (a self-test of the comparison): out_ready_i low in the
# cycle of the first beat taken, in the stimulus Icarus replays only.
if [ -n "${ICARUS_ALTER:-}" ]; then
    c=$(awk 'NR == 1 { print $1 }' "$d/verilator.beats")
    [ -n "$c" ] || fail "ICARUS_ALTER: no beat to delay"
    awk -v l=$((c + 1)) 'NR == l { $14 = 0 } { print }' "$d/stim" >"$d/stim.altered" &&
        mv "$d/stim.altered" "$d/stim" || exit 2
fi
# shellcheck disable=SC2086
iverilog -g2005 -o "$d/tb.vvp" -s tb_top $P tests/icarus/tb_top.v "$v" >"$d/iverilog.log" 2>&1 ||
    fail "iverilog: $(head -n1 "$d/iverilog.log")"
vvp -n "$d/tb.vvp" +stim="$d/stim" +beats="$d/icarus.beats" +counters="$d/icarus.counters" \
    >"$d/vvp.log" 2>&1 || fail "vvp: $(grep -m1 -v '^VCD' "$d/vvp.log")"

for k in beats counters; do
    out=$(cmp "$d/verilator.$k" "$d/icarus.$k" 2>&1) && continue
    line=$(echo "$out" | sed -n 's/.* line \([0-9]*\).*/\1/p')
    if [ -z "$line" ]; then   # one is a prefix of the other
        n=$(wc -l <"$d/verilator.$k")
        m=$(wc -l <"$d/icarus.$k")
        line=$(( (n < m ? n : m) + 1 ))
    fi
    echo "  verilator $k line $line: $(sed -n "${line}p" "$d/verilator.$k")"
    echo "  icarus    $k line $line: $(sed -n "${line}p" "$d/icarus.$k")"
    fail "the $k differ from line $line"
done
echo "ok   $what: $(wc -l <"$d/verilator.beats") beats, $(sed -n 's/^cycles //p' "$d/verilator.counters") cycles identical"
[ -n "${KEEP:-}" ] || rm -rf "$d"
