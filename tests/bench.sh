#!/usr/bin/env bash
# bench.sh - the scheduler benchmark behind `make bench`. For each shape in
# BENCH_BASES (d = 64), sequence length n (n keys and n queries: the keys
# load once, the queries stream through in blocks), precision mix and arrival
# order it co-simulates the three dispatch policies, the fixed8 baseline and
# the conventional int8 array, then reports end-to-end cycles (first input
# beat to last output beat, equal to the cycle model's), the ideal (digit-MAC
# work / PEs), utilization, stalled lane-cycles, speedup over fixed8 and the
# bound sum(8)/sum(p). With build/synth/synth.csv from `make synth` it also
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
                        --queries "$n" --mix "$mix" --order "$order" --csv >"$log" 2>&1; then
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
      if (design == "fuse") { ideal[key] = $15; bound[key] = $21 }
      if (!(key in seen)) { seen[key] = 1; order[++nk] = key } }
    END {
      print "shape,n,mix,order,design,cycles,model,ideal,utilization,stall,speedup_vs_fixed8,bound"
      split("fixed8 int8 lockstep group fuse", ds, " ")
      for (i = 1; i <= nk; i++) for (j = 1; j <= 5; j++) {
        k = order[i]; d = ds[j]
        printf "%s,%s,%d,%d,%.1f,%.4f,%d,%.4f,%.4f\n", k, d, cyc[k, d], model[k, d],
               ideal[k], ideal[k] / cyc[k, d], stall[k, d], cyc[k, "fixed8"] / cyc[k, d], bound[k]
      }
    }' "$raw" >"$out/bench.csv"

printf '%-7s %4s %-6s %-9s %-8s %7s %7s %6s %7s %7s %6s\n' shape n mix order design cycles ideal util stall speedup bound
awk -F, 'NR > 1 { printf "%-7s %4s %-6s %-9s %-8s %7d %7.0f %5.1f%% %7d %6.2fx %5.2fx\n",
                  $1, $2, $3, $4, $5, $6, $8, 100 * $9, $10, $11, $12 }' "$out/bench.csv"

echo
echo "== targets (32x32, n=512, d=64, 20/60/20 mix, random order)"
awk -F, '
    NR > 1 && $1 == "b32x32" && $2 == 512 && $3 == "with0" && $4 == "random" {
        util[$5] = $9; sp[$5] = $11; bound = $12; cyc[$5] = $6 }
    NR > 1 { c[$1 FS $2 FS $3 FS $4, $5] = $6; if (!($1 FS $2 FS $3 FS $4 in w)) { w[$1 FS $2 FS $3 FS $4] = 1; ws[++nw] = $1 FS $2 FS $3 FS $4 } }
    END {
        best = util["fuse"] >= util["group"] ? "fuse" : "group"
        ok1 = util[best] >= 0.85; ok2 = sp[best] >= 0.90 * bound
        printf "%s best scheduler %s: %.1f%% of ideal end to end, first input beat to last output beat (target >= 85%%)\n", ok1 ? "PASS" : "FAIL", best, 100 * util[best]
        printf "%s speedup over fixed8 %.3fx vs bound %.3fx: %.1f%% of the bound (target >= 90%%)\n",
               ok2 ? "PASS" : "FAIL", sp[best], bound, 100 * sp[best] / bound
        printf "info lockstep: %.1f%% of ideal, %.3fx over fixed8 (the stall problem)\n", 100 * util["lockstep"], sp["lockstep"]
        worst = 0; faster = 0
        for (i = 1; i <= nw; i++) {
            r = c[ws[i], "fuse"] / c[ws[i], "group"]
            if (r > worst) { worst = r; wk = ws[i] }
            if (c[ws[i], "fuse"] < c[ws[i], "group"]) faster++
        }
        ok3 = worst <= 1.01; ok4 = faster > 0
        printf "%s fuse never more than 1%% slower than group: worst ratio %.4f (%s)\n", ok3 ? "PASS" : "FAIL", worst, wk
        printf "%s fuse strictly faster than group on %d of %d workloads\n", ok4 ? "PASS" : "FAIL", faster, nw
        exit !(ok1 && ok2 && ok3 && ok4)
    }' "$out/bench.csv"
status=$?

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
