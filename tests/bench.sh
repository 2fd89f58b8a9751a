#!/usr/bin/env bash
# bench.sh - the benchmark behind `make bench`. For each shape in
# BENCH_BASES (d = 64), sequence length n (n keys and n queries: the keys
# load once, the queries stream through in blocks, each block through Q.K^T,
# the softmax and P.V), precision mix and arrival order it co-simulates the
# three dispatch policies, the fixed8 baseline and the conventional int8
# array with trace_i low (O rows only), then reports, end to end (first
# input beat to last output beat, equal to the cycle model's) and per phase
# (the RTL's phase counters, equal to the model's): cycles, the ideal
# (digit-MAC work / PEs), utilization, speedup over fixed8, stalled
# lane-cycles and the bound sum(8)/sum(p). With build/synth/synth.csv from `make synth` it also
# reports the speedup over an int8 array of the same PE area. Writes
# build/bench/bench.csv and bench.png, and checks the targets.
set -u
cd "$(dirname "$0")/.."
B=${B:-build}
out=$B/bench
mkdir -p "$out"
raw=$out/raw.csv
: >"$raw"
for base in $BENCH_BASES; do
    cols=$(sed -n 's/^#define VSSA_COLS //p' "rtl_out/${base}_fuse.h")
    for n in 128 512; do
        for mix in all8 with0 skew0; do
            for order in random alternate; do
                for v in fixed8 int8 lockstep group fuse; do
                    log=$out/$base-$v-n$n-$mix-$order.log
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
    { key = $1 FS $8 FS $10 FS $11; design = ($6 == "fixed8") ? ($5 == 8 ? "int8" : "fixed8") : $7
      cyc[key, design] = $22; model[key, design] = $23; stall[key, design] = $17
      qk[key, design] = $24; sm[key, design] = $25; pv[key, design] = $26
      if (design == "fuse") { ideal[key] = $15; bound[key] = $21 }
      if (!(key in seen)) { seen[key] = 1; order[++nk] = key } }
    END {
      print "shape,n,mix,order,design,cycles,model,ideal,utilization,stall,speedup_vs_fixed8,bound," \
            "qk,qk_utilization,qk_speedup,softmax,pv,pv_utilization,pv_speedup"
      split("fixed8 int8 lockstep group fuse", ds, " ")
      for (i = 1; i <= nk; i++) for (j = 1; j <= 5; j++) {
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
        util[$5] = $14; sp[$5] = $15; bound = $12; head[$5] = $9; hsp[$5] = $11
        sm[$5] = $16; pvu[$5] = $18; pvs[$5] = $19; cyc[$5] = $6 }
    NR > 1 { c[$1 FS $2 FS $3 FS $4, $5] = $6; qc[$1 FS $2 FS $3 FS $4, $5] = $13; if (!($1 FS $2 FS $3 FS $4 in w)) { w[$1 FS $2 FS $3 FS $4] = 1; ws[++nw] = $1 FS $2 FS $3 FS $4 } }
    END {
        best = util["fuse"] >= util["group"] ? "fuse" : "group"
        ok1 = util[best] >= 0.85; ok2 = sp[best] >= 0.90 * bound
        printf "%s best scheduler %s: Q.K^T phase at %.1f%% of ideal (target >= 85%%)\n", ok1 ? "PASS" : "FAIL", best, 100 * util[best]
        printf "%s Q.K^T speedup over fixed8 %.3fx vs bound %.3fx: %.1f%% of the bound (target >= 90%%)\n",
               ok2 ? "PASS" : "FAIL", sp[best], bound, 100 * sp[best] / bound
        printf "info lockstep: Q.K^T at %.1f%% of ideal, %.3fx over fixed8 (the stall problem)\n", 100 * util["lockstep"], sp["lockstep"]
        printf "info P.V (no lane waits for another): %s at %.1f%% of ideal, %.3fx over fixed8\n", best, 100 * pvu[best], pvs[best]
        printf "info whole head, first input to last O row: %s %d cycles, %.1f%% of ideal, %.3fx over fixed8; softmax %d cycles (%.1f%%)\n",
               best, cyc[best], 100 * head[best], hsp[best], sm[best], 100 * sm[best] / cyc[best]
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

# Iso-area: an int8 array with the PE area of the VSSA has fewer PEs, in the
# ratio of their PE cells (Yosys generic synthesis of the default 8x8, d = 64,
# from `make synth`), and takes that many times longer.
synth_csv=$B/synth/synth.csv
if [ -f "$synth_csv" ]; then
    awk -F, -v OFS=, '
        NR == FNR { if (FNR == 1) for (i = 1; i <= NF; i++) col[$i] = i
                    else if ($col["name"] == "default") pe[$col["variant"]] = $col["pe_cells_each"]
                    next }
        FNR > 1 && $1 == "b32x32" && $2 == 512 && $3 == "with0" && $4 == "random" { cyc[$5] = $6 }
        END {
            r = pe["int8"] / pe["vssa"]
            printf "info PE cells (generic Yosys, 8x8, d = 64): vssa %d, int8 %d: an int8 PE is %.2fx the area\n", pe["vssa"], pe["int8"], r
            printf "info iso-area speedup of fuse over the int8 array: %.2fx (%.2fx at equal PE count)\n",
                   cyc["int8"] * r / cyc["fuse"], cyc["int8"] / cyc["fuse"]
        }' "$synth_csv" "$out/bench.csv"
else
    echo "info iso-area speedup: run make synth first for the PE cell counts"
fi

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
