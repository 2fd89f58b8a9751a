#!/bin/sh
# SPDX-License-Identifier: MIT
# xseed.sh CONFIG "SEEDS" [vssa-sim options...]: X-propagation under
# Verilator. vssa-sim runs CONFIG with the options given once with
# --x-seed 0 (every state the design does not reset starts at 0) and once
# per seed in SEEDS (that state random from the seed). Every run must pass
# its checks, and every output beat taken and the final counters, err_o and
# status digest must equal the seed-0 run's: nothing the design emits may
# depend on state that reset does not set. Prints one line; on a difference,
# the first differing line and the command that repeats the run, keeps the
# files and exits 1.
# Environment: B, the build directory holding sim/CONFIG/vssa-sim [build].
set -u
B=${B:-build}
[ $# -ge 2 ] || { echo "usage: tests/xseed.sh CONFIG \"SEEDS\" [vssa-sim options...]" >&2; exit 2; }
cfg=$1
seeds=$2
shift 2
sim=$B/sim/$cfg/vssa-sim
[ -f "$sim" ] || { echo "tests/xseed.sh: error: no $sim (make B=$B $sim)" >&2; exit 2; }
mkdir -p "$B/xseed" || exit 2
d=$(mktemp -d "$B/xseed/$cfg.XXXXXX") || exit 2
what="xseed $cfg {0 $seeds} $*"

for x in 0 $seeds; do
    if ! "$sim" "$@" --x-seed "$x" --beats-out "$d/$x.beats" --counters-out "$d/$x.counters" \
        >"$d/$x.log" 2>&1; then
        grep -m1 -E '^(MISMATCH|FAIL)|error:' "$d/$x.log"
        echo "FAIL $what: seed $x failed: $sim $* --x-seed $x (files in $d)"
        exit 1
    fi
    [ "$x" = 0 ] && continue
    for k in beats counters; do
        out=$(cmp "$d/0.$k" "$d/$x.$k" 2>&1) && continue
        line=$(echo "$out" | sed -n 's/.* line \([0-9]*\).*/\1/p')
        [ -n "$line" ] || line=$(( $(wc -l <"$d/0.$k") < $(wc -l <"$d/$x.$k") ?
                                   $(wc -l <"$d/0.$k") + 1 : $(wc -l <"$d/$x.$k") + 1 ))
        echo "  seed 0  $k line $line: $(sed -n "${line}p" "$d/0.$k")"
        echo "  seed $x $k line $line: $(sed -n "${line}p" "$d/$x.$k")"
        echo "FAIL $what: the $k of seed $x differ from line $line: $sim $* --x-seed $x (files in $d)"
        exit 1
    done
done
echo "ok   $what: $(wc -l <"$d/0.beats") beats, $(sed -n 's/^cycles //p' "$d/0.counters") cycles identical"
rm -rf "$d"
