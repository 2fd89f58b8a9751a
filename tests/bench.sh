#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# bench.sh - the benchmark behind `make bench`. For each shape in
# BENCH_BASES (d = 64), sequence length n (n keys and n queries: the keys
# load once, the queries stream through in blocks, each block through Q.K^T,
# the softmax and P.V), precision mix and arrival order it co-simulates the
# three dispatch policies, the fixed8 baseline, the conventional int8
# array (int8: fixed8 at digit 8, every key at 8 bits, pruned ones too) and
# the int8 array that skips pruned keys (int8skip: --arch int8) with
# trace_i low (O rows only), then reports, end to end (first input beat to
# last output beat, equal to the cycle model's) and per phase (the RTL's
# phase counters, equal to the model's): cycles, the ideal (digit-MAC work
# / PEs), utilization, speedup over fixed8, stalled lane-cycles and the
# bound sum(8)/sum(p). Then fuse against both int8 baselines (see "fuse
# against the int8 baselines" below), at equal PE count and, with
# $B/synth/synth.csv from `make synth`, at equal area. Writes
# $B/bench/bench.csv, baselines.csv and bench.png, and checks the targets.
# BENCH_REUSE=1 takes every co-simulation whose log the last run left in
# $B/bench/ as it is (for new areas in $B/synth/synth.csv, say), and runs
# only the missing ones.
set -u
cd "$(dirname "$0")/.."
B=${B:-build}
out=$B/bench
mkdir -p "$out"
# The run prints through tee into its report; then docs/results/bench.md is
# written from the report and the CSV files.
if [ -z "${BENCH_INNER:-}" ]; then
    BENCH_INNER=1 "$0" "$@" | tee "$out/report.txt"
    status=${PIPESTATUS[0]}
    img=; [ -f "$out/bench.png" ] && img="IMAGE=$out/bench.png"
    cmd="make bench BENCH_BASES='$BENCH_BASES'"
    [ "${BENCH_REUSE:-0}" = 1 ] && cmd="$cmd BENCH_REUSE=1 (the co-simulations of the last run, reused)"
    tests/results_page.sh bench "$cmd" "${RUN_START:-$(date +%s)}" \
        "$out/report.txt" "Every run=$out/bench.csv" \
        "fuse against the int8 baselines, n = 512=$out/baselines.csv" $img
    exit "$status"
fi
raw=$out/raw.csv
: >"$raw"
for base in $BENCH_BASES; do
    cols=$(sed -n 's/^#define VSSA_COLS //p' "rtl_out/${base}_fuse.h")
    for n in 128 512; do
        for mix in all8 with0 skew0; do
            for order in random alternate; do
                for v in fixed8 int8 int8skip lockstep group fuse; do
                    log=$out/$base-$v-n$n-$mix-$order.log
                    if [ "${BENCH_REUSE:-0}" = 1 ] && grep -q '^csv: ' "$log" 2>/dev/null; then
                        sed -n "s/^csv: /$base,/p" "$log" >>"$raw"
                        continue
                    fi
                    if ! "$B/sim/${base}_$v/vssa-sim" --quiet --seed 1 --keys "$n" \
                        --queries "$n" --mix "$mix" --order "$order" --no-trace --csv >"$log" 2>&1; then
                        echo "bench: co-simulation failed, see $log" >&2
                        exit 1
                    fi
                    sed -n "s/^csv: /$base,/p" "$log" >>"$raw"
                done
            done
        done
    done
done

# One row per (shape, n, mix, order, design), with fixed8's cycles alongside.
awk -F, -v OFS=, '
    { key = $1 FS $8 FS $10 FS $11
      design = ($6 == "fixed8") ? ($5 == 8 ? "int8" : "fixed8") : ($6 == "int8") ? "int8skip" : $7
      cyc[key, design] = $22; model[key, design] = $23; stall[key, design] = $17
      qk[key, design] = $24; sm[key, design] = $25; pv[key, design] = $26
      if (design == "fuse") { ideal[key] = $15; bound[key] = $21 }
      if (!(key in seen)) { seen[key] = 1; order[++nk] = key } }
    END {
      print "shape,n,mix,order,design,cycles,model,ideal,utilization,stall,speedup_vs_fixed8,bound," \
            "qk,qk_utilization,qk_speedup,softmax,pv,pv_utilization,pv_speedup"
      split("fixed8 int8 int8skip lockstep group fuse", ds, " ")
      for (i = 1; i <= nk; i++) for (j = 1; j <= 6; j++) {
        k = order[i]; d = ds[j]; h = ideal[k] / 2   # Q.K^T and P.V do equal work
        printf "%s,%s,%d,%d,%.1f,%.4f,%d,%.4f,%.4f,%d,%.4f,%.4f,%d,%d,%.4f,%.4f\n", k, d,
               cyc[k, d], model[k, d], ideal[k], ideal[k] / cyc[k, d], stall[k, d],
               cyc[k, "fixed8"] / cyc[k, d], bound[k], qk[k, d], h / qk[k, d],
               qk[k, "fixed8"] / qk[k, d], sm[k, d], pv[k, d], h / pv[k, d],
               pv[k, "fixed8"] / pv[k, d]
      }
    }' "$raw" >"$out/bench.csv"

printf '%-7s %4s %-6s %-9s %-8s | %7s %6s %6s | %7s %6s %6s | %6s | %7s %6s %6s | %7s %6s\n' \
    shape n mix order design "Q.K^T" util speedup "softmax" "" "" "" "P.V+O" util speedup \
    "head" util
awk -F, 'NR > 1 { printf "%-7s %4s %-6s %-9s %-8s | %7d %5.1f%% %5.2fx | %7d %6s %6s | %6s | %7d %5.1f%% %5.2fx | %7d %5.1f%%  %5.2fx (bound %.2fx)\n",
                  $1, $2, $3, $4, $5, $13, 100 * $14, $15, $16, "", "", "", $17, 100 * $18, $19,
                  $6, 100 * $9, $11, $12 }' "$out/bench.csv"

echo
echo "== targets (32x32, n=512, d=64, 20/60/20 mix, random order): the scheduler, in the Q.K^T phase"
awk -F, '
    NR > 1 && $1 == "b32x32" && $2 == 512 && $3 == "with0" && $4 == "random" {
        have32 = 1; util[$5] = $14; sp[$5] = $15; bound = $12; head[$5] = $9; hsp[$5] = $11
        sm[$5] = $16; pvu[$5] = $18; pvs[$5] = $19; cyc[$5] = $6 }
    NR > 1 { c[$1 FS $2 FS $3 FS $4, $5] = $6; qc[$1 FS $2 FS $3 FS $4, $5] = $13; if (!($1 FS $2 FS $3 FS $4 in w)) { w[$1 FS $2 FS $3 FS $4] = 1; ws[++nw] = $1 FS $2 FS $3 FS $4 } }
    END {
        best = util["fuse"] >= util["group"] ? "fuse" : "group"
        ok1 = util[best] >= 0.85; ok2 = sp[best] >= 0.90 * bound
        # BENCH_BASES without b32x32: its two targets are not measured
        if (!have32) { ok1 = ok2 = 1; print "skip the 32x32 targets: b32x32 is not in BENCH_BASES" }
        else {
        printf "%s best scheduler %s: Q.K^T phase at %.1f%% of ideal (target >= 85%%)\n", ok1 ? "PASS" : "FAIL", best, 100 * util[best]
        printf "%s Q.K^T speedup over fixed8 %.3fx vs bound %.3fx: %.1f%% of the bound (target >= 90%%)\n",
               ok2 ? "PASS" : "FAIL", sp[best], bound, 100 * sp[best] / bound
        printf "info lockstep: Q.K^T at %.1f%% of ideal, %.3fx over fixed8 (the stall problem)\n", 100 * util["lockstep"], sp["lockstep"]
        printf "info P.V (no lane waits for another): %s at %.1f%% of ideal, %.3fx over fixed8\n", best, 100 * pvu[best], pvs[best]
        printf "info whole head, first input to last O row: %s %d cycles, %.1f%% of ideal, %.3fx over fixed8; softmax %d cycles (%.1f%%)\n",
               best, cyc[best], 100 * head[best], hsp[best], sm[best], 100 * sm[best] / cyc[best]
        }
        worst = 0; faster = 0; qworst = 0
        for (i = 1; i <= nw; i++) {
            r = c[ws[i], "fuse"] / c[ws[i], "group"]
            if (r > worst) { worst = r; wk = ws[i] }
            if (c[ws[i], "fuse"] < c[ws[i], "group"]) faster++
            r = qc[ws[i], "fuse"] / qc[ws[i], "group"]
            if (r > qworst) { qworst = r; qk = ws[i] }
        }
        ok3 = worst <= 1.01; ok4 = faster > 0
        printf "%s fuse never more than 1%% slower than group end to end: worst ratio %.4f (%s)\n", ok3 ? "PASS" : "FAIL", worst, wk
        printf "%s fuse strictly faster than group end to end on %d of %d workloads\n", ok4 ? "PASS" : "FAIL", faster, nw
        printf "info in the Q.K^T phase alone fuse is up to %.1f%% slower than group (%s): a fused tile'"'"'s odd class sits in the top lanes, so its last row drains later\n", 100 * (qworst - 1), qk
        exit !(ok1 && ok2 && ok3 && ok4)
    }' "$out/bench.csv"
status=$?

echo
echo "== targets (32x32, d=64, 20/60/20 mix, random order): the whole head, first input to last O row"
awk -F, '
    NR > 1 && $1 == "b32x32" && $3 == "with0" && $4 == "random" && $5 == "fuse" { u[$2] = $9; c[$2] = $6; have = 1 }
    END {
        if (!have) { print "skip the whole-head targets: b32x32 is not in BENCH_BASES"; exit 0 }
        ok1 = u[512] >= 0.92; ok2 = u[128] >= 0.85
        printf "%s fuse, n = 512: %d cycles, %.1f%% of ideal (target >= 92%%)\n", ok1 ? "PASS" : "FAIL", c[512], 100 * u[512]
        printf "%s fuse, n = 128: %d cycles, %.1f%% of ideal (target >= 85%%)\n", ok2 ? "PASS" : "FAIL", c[128], 100 * u[128]
        exit !(ok1 && ok2)
    }' "$out/bench.csv" || status=1

# A multi-layer run under --precision hw --comp (32x32, d = 64): HW_LAYERS
# layers of 12 heads (all-MiniLM-L6-v2's count), 512 keys and 512 queries
# each, the 20/60/20 mix as the ranking ratios, comp_i high, trace off. Layer
# 0 runs at 8 bits; each layer ends with a ranking, and the next begins with
# a clear. The ranking's share of a layer: its cycles over the layer's (its
# heads, first input to last O row, plus its clear and ranking). The same
# run with comp_i low gives the compensation's cycles.
HW_LAYERS=${HW_LAYERS:-2}
hwsim=$B/sim/b32x32_hw/vssa-sim
if [ -x "$hwsim" ]; then
    hwlog=$out/b32x32_hw-layers.log
    t0=$(date +%s)
    if "$hwsim" --keys 512 --queries 512 --heads 12 --layers "$HW_LAYERS" --mix with0 --no-trace \
            --comp >"$hwlog" 2>&1 &&
       "$hwsim" --keys 512 --queries 512 --heads 12 --layers "$HW_LAYERS" --mix with0 --no-trace \
            >"$hwlog.off" 2>&1; then
        echo
        echo "== multi-layer run (32x32, --precision hw --comp, comp_i on, $HW_LAYERS layers x 12 heads, n = 512, d = 64; both runs $(($(date +%s) - t0)) s)"
        awk -v layers="$HW_LAYERS" '
            /^head:/ { for (i = 1; i <= NF; i++) if ($i == "output" && $(i + 1) ~ /^[0-9]+$/) span[h++] = $(i + 1) }
            /^commands:/ { rank = $4 / $2; clear = $10 / $8 }
            END {
                ok = 1
                for (l = 0; l < layers; l++) {
                    heads = 0
                    for (i = 12 * l; i < 12 * l + 12; i++) heads += span[i]
                    total = heads + rank + clear
                    share = rank / total
                    ok = ok && share <= 0.05
                    printf "info layer %d: heads %d cycles, clear %d, ranking %d: %d cycles, ranking %.2f%% of the layer\n",
                           l, heads, clear, rank, total, 100 * share
                }
                printf "%s ranking at most 5%% of a 512-token layer'"'"'s cycles\n", ok ? "PASS" : "FAIL"
                exit !ok
            }' "$hwlog" || status=1
        awk '/^end to end:/ { span[FILENAME] = $4 }
             END { on = span[ARGV[1]]; off = span[ARGV[2]]
                   printf "info compensation: %d cycles end to end with comp_i, %d without (%+.2f%%), both bit-exact\n",
                          on, off, 100 * (on - off) / off }' "$hwlog" "$hwlog.off"
    else
        echo "bench: the multi-layer run failed, see $hwlog" >&2
        status=1
    fi
fi

# fuse against the int8 baselines: int8, the conventional array (fixed8 at
# digit 8: every key at 8 bits, pruned ones included), and int8skip (--arch
# int8: every kept key at 8 bits, pruned keys never placed, as SpAtten
# does). End to end (first input beat to last O row), on every workload at
# n = 512 in baselines.csv; printed for the 20/60/20 mix in random order.
# Each speedup stands beside its bound: the same ratio with both designs at
# their ideal cycles (digit-MAC work / PEs, from their plane counts).
#  - Equal PE count: the cycle ratio of the two designs of the bench shape.
#  - Equal area: the cycle ratio times the area ratio (baseline / fuse),
#    that is throughput per unit of area, assuming a design's throughput
#    scales with its area. The areas are those of the default 8x8 designs
#    (d = 64, 512 keys, --precision hw) in $B/synth/synth.csv, whatever the
#    bench shape: one PE's generic cells (pe_cells_each: the PE area alone,
#    no other logic); the whole design's generic cells without its memories
#    (cells - mems); the same plus every memory bit counted as one cell
#    (cells - mems + mem_bits); and each ECP5 resource of the wrapped head
#    (ecp5_lut4, ecp5_ff, ecp5_dp16kd, ecp5_mult18) on its own, then LUT4s
#    with each design's routed Fmax (ecp5_fmax_mhz) when both have one.
synth_csv=$B/synth/synth.csv
[ -f "$synth_csv" ] || synth_csv=/dev/null
awk -F, -v OFS=, -v bases="$BENCH_BASES" -v csv="$out/baselines.csv" -v have_synth="$([ "$synth_csv" = /dev/null ] && echo 0 || echo 1)" '
    function num(v) { return v == "" ? -1 : v + 0 }
    FILENAME == ARGV[1] {   # synth.csv (or /dev/null): the default 8x8 designs
        if (FNR == 1) { for (i = 1; i <= NF; i++) col[$i] = i; next }
        if ($col["name"] != "default") next
        v = $col["variant"]; v = v == "vssa" ? "fuse" : v
        c = num($col["cells"]); m = num($col["mems"]); b = num($col["mem_bits"])
        if (c > 0) { area["pe", v] = num($col["pe_cells_each"]); area["logic", v] = c - m
                     area["mem", v] = c - m + b }
        split("ecp5_lut4 ecp5_ff ecp5_dp16kd ecp5_mult18 ecp5_fmax_mhz", ec, " ")
        for (i = 1; i <= 5; i++)
            if (ec[i] in col) { area[ec[i], v] = num($col[ec[i]]); if (area[ec[i], v] > 0) has_ecp5 = 1 }
        next
    }
    {   key = $1 FS $8 FS $10 FS $11
        design = ($6 == "fixed8") ? ($5 == 8 ? "int8" : "fixed8") : ($6 == "int8") ? "int8skip" : $7
        cyc[key, design] = $22; idl[key, design] = $15
        if ($8 == 512 && !(key in seen)) { seen[key] = 1; keys[++nk] = key } }
    # ratio of resource r, baseline over fuse; -1 when either is unknown
    function ratio(r, b) { return area[r, b] > 0 && area[r, "fuse"] > 0 ? area[r, b] / area[r, "fuse"] : -1 }
    function cell(x) { return x < 0 ? "" : sprintf("%.4f", x) }
    END {
        nm = split("pe logic mem ecp5_lut4 ecp5_ff ecp5_dp16kd ecp5_mult18 lut4_fmax", ms, " ")
        what["pe"] = "equal PE area (PE cells only, no other logic)"
        what["logic"] = "equal design area, cells without memories"
        what["mem"] = "equal design area, cells + memory bits"
        what["ecp5_lut4"] = "equal ECP5 LUT4"; what["ecp5_ff"] = "equal ECP5 FFs"
        what["ecp5_dp16kd"] = "equal ECP5 DP16KD"; what["ecp5_mult18"] = "equal ECP5 MULT18X18D"
        what["lut4_fmax"] = "equal ECP5 LUT4, each at its routed Fmax"
        for (b = 1; b <= 2; b++) {
            base = b == 1 ? "int8" : "int8skip"
            for (i = 1; i <= nm; i++) {
                r = ms[i]
                ar[r, base] = ratio(r, base)
                if (r == "lut4_fmax") {   # time is cycles / Fmax
                    ar[r, base] = -1
                    if (ratio("ecp5_lut4", base) > 0 && ratio("ecp5_fmax_mhz", base) > 0)
                        ar[r, base] = ratio("ecp5_lut4", base) / ratio("ecp5_fmax_mhz", base)
                }
            }
        }
        printf "shape,n,mix,order,baseline,cycles_fuse,cycles_baseline,ideal_fuse,ideal_baseline," \
               "pe_count,pe_count_bound" > csv
        for (i = 1; i <= nm; i++) printf ",%s,%s_bound", ms[i], ms[i] > csv
        printf "\n" > csv
        for (k = 1; k <= nk; k++) for (b = 1; b <= 2; b++) {
            key = keys[k]; base = b == 1 ? "int8" : "int8skip"
            if (!((key, base) in cyc) || !((key, "fuse") in cyc)) continue
            sp = cyc[key, base] / cyc[key, "fuse"]; bd = idl[key, base] / idl[key, "fuse"]
            printf "%s,%s,%d,%d,%.1f,%.1f,%.4f,%.4f", key, base, cyc[key, "fuse"], cyc[key, base],
                   idl[key, "fuse"], idl[key, base], sp, bd > csv
            for (i = 1; i <= nm; i++) {
                x = ar[ms[i], base]
                printf ",%s,%s", cell(x < 0 ? -1 : sp * x), cell(x < 0 ? -1 : bd * x) > csv
            }
            printf "\n" > csv
        }
        nb = split(bases, bs, " ")
        for (s = 1; s <= nb; s++) {
            key = bs[s] FS 512 FS "with0" FS "random"
            if (!((key, "fuse") in cyc)) continue
            printf "\n== fuse against the int8 baselines (%s, n = 512, 20/60/20 mix, random order, end to end)\n", bs[s]
            printf "info cycles: fuse %d; int8 (conventional: every key at 8 bits, pruned ones too) %d; int8skip (--arch int8: kept keys at 8 bits, pruned keys skipped) %d\n",
                   cyc[key, "fuse"], cyc[key, "int8"], cyc[key, "int8skip"]
            printf "info speedup of fuse; at equal area, the cycle ratio times the area ratio (baseline / fuse, 8x8 designs)\n"
            printf "info (bound: the same with both designs at their ideal cycles, from their plane counts):\n"
            printf "info   %-46s %6.3fx int8 (bound %.3fx)                   %6.3fx int8skip (bound %.3fx)\n",
                   "equal PE count (cycle ratio)",
                   cyc[key, "int8"] / cyc[key, "fuse"], idl[key, "int8"] / idl[key, "fuse"],
                   cyc[key, "int8skip"] / cyc[key, "fuse"], idl[key, "int8skip"] / idl[key, "fuse"]
            if (!have_synth) { printf "info   equal area: no %s (run make synth first)\n", "synth.csv"; continue }
            for (i = 1; i <= nm; i++) {
                r = ms[i]
                if (r ~ /^ecp5_|lut4_fmax/ && !has_ecp5) {
                    if (r == "ecp5_lut4") printf "info   equal ECP5 resources: absent, synth.csv has no ECP5 figures for the 8x8 designs (ecp5_lut4, ecp5_ff, ecp5_dp16kd, ecp5_mult18, ecp5_fmax_mhz)\n"
                    continue
                }
                line = sprintf("info   %-46s", what[r])
                for (b = 1; b <= 2; b++) {
                    base = b == 1 ? "int8" : "int8skip"; x = ar[r, base]
                    if (x < 0) line = line sprintf("   %s: no figure for both designs", base)
                    else line = line sprintf(" %6.3fx %s (bound %.3fx, area ratio %.3f)", x * cyc[key, base] / cyc[key, "fuse"],
                                             base, x * idl[key, base] / idl[key, "fuse"], x)
                }
                print line
            }
        }
        if (have_synth) {
            printf "info 8x8 areas (synth.csv, default designs): fuse/int8/int8skip PE cells %s/%s/%s, cells without memories %s/%s/%s, with memory bits %s/%s/%s\n",
                   area["pe", "fuse"], area["pe", "int8"], area["pe", "int8skip"],
                   area["logic", "fuse"], area["logic", "int8"], area["logic", "int8skip"],
                   area["mem", "fuse"], area["mem", "int8"], area["mem", "int8skip"]
            if (has_ecp5)
                printf "info 8x8 ECP5 (fuse/int8/int8skip): LUT4 %s/%s/%s, FF %s/%s/%s, DP16KD %s/%s/%s, MULT18X18D %s/%s/%s, Fmax %s/%s/%s MHz (-1: none)\n",
                       area["ecp5_lut4", "fuse"], area["ecp5_lut4", "int8"], area["ecp5_lut4", "int8skip"],
                       area["ecp5_ff", "fuse"], area["ecp5_ff", "int8"], area["ecp5_ff", "int8skip"],
                       area["ecp5_dp16kd", "fuse"], area["ecp5_dp16kd", "int8"], area["ecp5_dp16kd", "int8skip"],
                       area["ecp5_mult18", "fuse"], area["ecp5_mult18", "int8"], area["ecp5_mult18", "int8skip"],
                       area["ecp5_fmax_mhz", "fuse"], area["ecp5_fmax_mhz", "int8"], area["ecp5_fmax_mhz", "int8skip"]
        }
    }' "$synth_csv" "$raw"
echo "baselines: $out/baselines.csv"

if command -v gnuplot >/dev/null; then
    for base in $BENCH_BASES; do
        awk -F, -v b="$base" 'NR > 1 && $1 == b && $2 == 512 {
            k = $3 "/" $4; if (!(k in s)) { s[k] = 1; ks[++n] = k }; sp[k, $5] = $11; bd[k] = $12 }
            END { for (i = 1; i <= n; i++) print ks[i], sp[ks[i], "lockstep"], sp[ks[i], "group"], sp[ks[i], "fuse"], bd[ks[i]] }' \
            "$out/bench.csv" >"$out/$base.dat"
    done
    gnuplot <<GP
set terminal pngcairo size 1200,560 font ",11"
set output "$out/bench.png"
set multiplot layout 1,2 title "End-to-end speedup over the fixed8 array, 512 keys and 512 queries, d = 64 (bars: co-simulated; line: bound sum 8 / sum p)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set yrange [0:*]
set offsets 0, 0, 0.4, 0
set xtics rotate by -30 scale 0
set ylabel "speedup over fixed8"
set key top left
set grid ytics
do for [b in "$BENCH_BASES"] {
  set title b
  plot "$out/".b.".dat" using 2:xtic(1) title "lockstep", "" using 3 title "group", \
       "" using 4 title "fuse", "" using 0:5 with linespoints lw 2 pt 7 title "bound"
}
unset multiplot
GP
    echo "chart: $out/bench.png"
else
    echo "chart: skipped (gnuplot not installed)"
fi
echo "table: $out/bench.csv"
exit $status
