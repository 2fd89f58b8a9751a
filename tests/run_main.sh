#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run_main.sh - the main job behind `make run`: a short multi-layer sequence
# on the default design, which ranks the tiers itself from its importance
# counters (--precision hw). Layer 0 runs every token at 8 bits; each layer
# ends with a ranking under the mix's ratios, and the next runs at the
# tiers it gave. Every output beat and every ranked token is checked
# against the golden model, the waveform is read back, and each layer's
# tokens per precision, phase cycles and speedups (cycle model, equal PE
# count) go to a table and a chart (B/run/layers.csv, B/run/layers.png).
#   tests/run_main.sh SIM FSTCHECK [vssa-sim options...]
# Ends with RESULT: PASS only if the co-simulation, the read-back and the
# chart all succeed.
set -u
cd "$(dirname "$0")/.."
B=${B:-build}
sim=$1 fstcheck=$2
shift 2
out=$B/run
mkdir -p "$out"
rm -f "$out/layers.csv" "$out/layers.png"

"$sim" "$@" --wave "$B/main.fst" --beats-out "$B/main.beats" >"$out/raw.txt" 2>&1
grep -v '^layer-csv: ' "$out/raw.txt" | sed 's/^RESULT: \(PASS\|FAIL\)/co-simulation: \1,/' \
    | tee "$out/report.txt"
sim_ok=$(grep -c '^RESULT: PASS' "$out/raw.txt")
sed -n 's/^layer-csv: //p' "$out/raw.txt" >"$out/layers.body"
classes=$(sed -n 's/^tokens of head 0: //p' "$out/report.txt" | grep -o '[0-9]*-bit' | tr '\n' ' ')
{
    printf 'layer,heads'
    for c in $classes; do printf ',tokens_%s' "$c"; done
    echo ',cycles,model,qk,softmax,pv_and_o,ranking,fixed8,int8,int8skip'
    cat "$out/layers.body"
} >"$out/layers.csv"
rm -f "$out/layers.body"

echo
echo "== waveform read-back ($B/main.fst)"
"$fstcheck" "$B/main.fst" vssa --beats "$B/main.beats"
wave_ok=$?

chart_ok=0
if command -v gnuplot >/dev/null && [ "$(wc -l <"$out/layers.csv")" -gt 1 ]; then
    ncol=$(head -n 1 "$out/layers.csv" | tr ',' '\n' | wc -l)
    gnuplot <<GP && chart_ok=1
set terminal pngcairo size 1000,520 font ",11"
set output "$out/layers.png"
set datafile separator ","
set title "Cycles per layer: phases of this design (co-simulated) and the baselines (cycle model)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set key outside right top
set ylabel "cycles"
set xlabel "layer"
set yrange [0:*]
set grid ytics
plot "< tail -n +2 $out/layers.csv" using (column($ncol - 6)):xtic(1) title "Q.K^T phase", \
     "" using (column($ncol - 5)) title "softmax phase", \
     "" using (column($ncol - 4)) title "P.V and O rows", \
     "" using (column($ncol - 8)) title "end to end", \
     "" using (column($ncol - 2)) title "fixed8", \
     "" using (column($ncol - 1)) title "int8", \
     "" using (column($ncol)) title "int8skip"
GP
fi
echo
echo "per layer: $out/layers.csv"
[ "$chart_ok" = 1 ] && echo "chart: $out/layers.png" || echo "chart: not written"
if [ "$sim_ok" = 1 ] && [ "$wave_ok" = 0 ] && [ "$chart_ok" = 1 ]; then
    echo "RESULT: PASS"
else
    echo "RESULT: FAIL"
    exit 1
fi
