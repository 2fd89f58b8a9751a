#!/usr/bin/env bash
# synth.sh - the synthesis report behind `make synth`.
#
#   B=build SYNTH_CFGS="cfg..." SYNTH_GENERIC_CFGS="cfg..." \
#     SYNTH_PNR_TARGET=cfg tests/synth.sh
#
# Each cfg is a design rtl_out/<cfg>.v with its header rtl_out/<cfg>.h, made
# by `make rtl_out/<cfg>.v` from tests/configs.mk.
#
# For every design in SYNTH_CFGS:
#   1. Yosys generic synthesis, kept hierarchical: the script of `synth -top
#      vssa` without its memory_map step, so memories stay $mem_v2 cells (the
#      RAM an FPGA or ASIC flow would use) instead of becoming flip-flops,
#      then `stat`. Figures count through the hierarchy (tests/synth.py).
#   2. `synth_ice40 -top vssa` (flattened): LUTs, flip-flops, block RAMs. The
#      BRAM budget is 1.15 x the sum over the memories of step 1 (every
#      instance in every lane) of the blocks each needs at least,
#      max(ceil(bits / 4096), ceil(width / 16)); target: BRAMs <= budget.
#   3. When step 2 fits an iCE40-HX8K (7680 LCs, 32 BRAMs), or the design is
#      SYNTH_PNR_TARGET (always attempted): a wrapper top generated from the
#      design's ports (tests/synth.py wrap: inputs from a shift register,
#      outputs into a registered parity tree), synth_ice40, and nextpnr-ice40
#      --hx8k --package ct256 --freq 100 --seed 1; Fmax is the last "Max
#      frequency for clock" of its log. Targets for SYNTH_PNR_TARGET: it
#      places and routes, and Fmax >= SYNTH_FMAX_MIN MHz (default 70).
# Every design in SYNTH_GENERIC_CFGS gets only step 1, timed, under `timeout
# SYNTH_TIMEOUT` (900 s); target: wall time <= SYNTH_TIME_MAX s (600). These
# run in the background while the others are processed.
#
# SYNTH_REUSE=1 runs no tool whose results the last run left in $B/synth/:
# it takes the generic netlists (recounting their figures with the current
# tests/synth.py), the iCE40 statistics and the place-and-route logs as
# they are, and rebuilds the table, the CSV and the target lines (times of
# reused iCE40 steps print as "reused").
#
# Output: a table, the PASS/FAIL target lines, and $B/synth/synth.csv with one
# row per design. Its columns:
#   name          configuration name without its `syn_` prefix and variant
#   variant       vssa, fixed8 (--arch fixed8) or int8 (fixed8 with --digit 8)
#   rows, cols    array shape
#   cells         generic: all cells through the hierarchy ($mem_v2 included)
#   ffs           generic: flip-flop cells ($_DFF*, $_DFFE*, $_SDFF*, ...)
#   mems          generic: $mem/$mem_v2 cells, each instance counted
#   mem_bits      generic: their total WIDTH x SIZE bits
#   pe_cells      generic: cells of all <top>_pe instances (pes x pe_cells_each)
#   ice40_lc      synth_ice40: SB_LUT4 cells (logic cells)
#   ice40_ff      synth_ice40: SB_DFF* cells
#   ice40_bram    synth_ice40: SB_RAM40_4K cells
#   bram_budget   1.15 x sum over memories of max(ceil(bits / 4096), ceil(width / 16))
#   fmax_mhz      nextpnr's post-route Fmax of the wrapped design (empty if not routed)
#   device        the place-and-route device when attempted (ice40-hx8k-ct256)
#   pes           number of PEs
#   pe_cells_each generic cells of one PE
#   sched_cells   generic cells of the dispatcher, tile table and sequencer
#   ice40_carry   synth_ice40: SB_CARRY cells
#   pnr           routed, failed, timeout, does-not-fit, none (synth_ice40
#                 failed) or generic-only
#   generic_s     wall time of the generic synthesis in seconds
#   generic_cpu_s Yosys's own CPU time (user + system) for it, which other
#                 load on the machine does not inflate
#   config        the configuration name in tests/configs.mk
# ice40 columns are empty for generic-only designs. All logs, netlists,
# statistics and the wrappers stay in $B/synth/.
set -u
cd "$(dirname "$0")/.."
B=${B:-build}
out=$B/synth
mkdir -p "$out"
SYNTH_CFGS=${SYNTH_CFGS:-}
SYNTH_GENERIC_CFGS=${SYNTH_GENERIC_CFGS:-}
SYNTH_PNR_TARGET=${SYNTH_PNR_TARGET:-}
SYNTH_FMAX_MIN=${SYNTH_FMAX_MIN:-70}
SYNTH_TIME_MAX=${SYNTH_TIME_MAX:-600}
SYNTH_TIMEOUT=${SYNTH_TIMEOUT:-900}
SYNTH_REUSE=${SYNTH_REUSE:-0}
PNR_TIMEOUT=${PNR_TIMEOUT:-900}
TOP=vssa
HX8K_LC=7680
HX8K_BRAM=32
CSV_HEAD=name,variant,rows,cols,cells,ffs,mems,mem_bits,pe_cells,ice40_lc,ice40_ff,ice40_bram,bram_budget,fmax_mhz,device,pes,pe_cells_each,sched_cells,ice40_carry,pnr,generic_s,generic_cpu_s,config

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
hdr() { sed -n "s/^#define VSSA_$2 //p" "rtl_out/$1.h" | tr -d '"'; }

# Generic synthesis: synth's own script with memory_map left out.
generic_script() {
    echo "synth -top $TOP -run begin:fine; opt -fast -full; opt -full; techmap; opt -fast;" \
         "abc -fast; opt -fast; hierarchy -check; tee -q -o $out/$1.generic.stat stat; check;" \
         "write_json $out/$1.generic.json"
}

# run_generic CFG [TIMEOUT]: step 1; writes $out/CFG.generic.res as
# "status seconds cpu_seconds cells ffs mems mem_bits bram_budget pes pe_cells
# pe_each sched".
run_generic() {
    local cfg=$1 limit=${2:-0} t0 rc st figs
    rm -f "$out/$cfg.generic.json" "$out/$cfg.generic.stat"
    t0=$(now)
    if [ "$limit" -gt 0 ]; then
        timeout "$limit" yosys -p "$(generic_script "$cfg")" "rtl_out/$cfg.v" >"$out/$cfg.generic.log" 2>&1
    else
        yosys -p "$(generic_script "$cfg")" "rtl_out/$cfg.v" >"$out/$cfg.generic.log" 2>&1
    fi
    rc=$?
    st=ok; [ $rc = 124 ] && st=timeout; [ $rc != 0 ] && [ $rc != 124 ] && st=failed
    local secs; secs=$(elapsed "$t0")
    figs="- - - - - - - - -"
    if [ $st = ok ]; then
        figs=$(python3 tests/synth.py generic "$out/$cfg.generic.json" "$TOP") || st=failed
    fi
    local cpu
    cpu=$(sed -n 's/.*CPU: user \([0-9.]*\)s system \([0-9.]*\)s.*/\1 \2/p' "$out/$cfg.generic.log" |
          awk '{ c = $1 + $2 } END { if (NR) printf "%.1f", c; else print "-" }')
    echo "$st $secs $cpu $figs" >"$out/$cfg.generic.res"
}

# reuse_generic CFG: the last run's step 1, its figures counted again.
reuse_generic() {
    local cfg=$1 st secs cpu figs
    read -r st secs cpu _ <"$out/$cfg.generic.res"
    figs="- - - - - - - - -"
    if [ "$st" = ok ]; then
        figs=$(python3 tests/synth.py generic "$out/$cfg.generic.json" "$TOP") || st=failed
    fi
    echo "$st $secs $cpu $figs" >"$out/$cfg.generic.res"
}
reusable() { [ "$SYNTH_REUSE" = 1 ] && [ -s "$1" ]; }

# ice40_stat FILE: "luts carries ffs brams" of the last statistics block.
ice40_stat() {
    awk '/Number of cells:/ { lut = carry = ff = ram = 0 }
         $1 == "SB_LUT4" { lut = $2 } $1 == "SB_CARRY" { carry = $2 }
         $1 ~ /^SB_DFF/ { ff += $2 } $1 == "SB_RAM40_4K" { ram = $2 }
         END { print lut + 0, carry + 0, ff + 0, ram + 0 }' "$1"
}

csv=$out/synth.csv
rows=$out/rows.csv
: >"$rows"
failures=$out/failures.txt
: >"$failures"

# The generic-only designs run in the background.
declare -A bg_pid
for cfg in $SYNTH_GENERIC_CFGS; do
    if reusable "$out/$cfg.generic.res"; then
        echo "synth: $cfg: generic synthesis of the last run reused"
        reuse_generic "$cfg" &
    else
        echo "synth: $cfg: generic synthesis in the background (limit ${SYNTH_TIME_MAX} s, timeout ${SYNTH_TIMEOUT} s)"
        run_generic "$cfg" "$SYNTH_TIMEOUT" &
    fi
    bg_pid[$cfg]=$!
done

# name and variant of a configuration, from its header and its name.
name_of() {
    local cfg=$1 v=$2 n=${1#syn_}
    echo "${n%_"$v"}"
}
variant_of() {
    local arch; arch=$(hdr "$1" ARCH_NAME)
    if [ "$arch" != fixed8 ]; then echo "$arch"
    elif [ "$(hdr "$1" DIGIT)" = 8 ]; then echo int8
    else echo fixed8; fi
}

for cfg in $SYNTH_CFGS; do
    variant=$(variant_of "$cfg"); name=$(name_of "$cfg" "$variant")
    r=$(hdr "$cfg" ROWS); c=$(hdr "$cfg" COLS)
    if reusable "$out/$cfg.generic.res"; then reuse_generic "$cfg"; else run_generic "$cfg"; fi
    read -r gst gsecs gcpu cells ffs mems mem_bits budget pes pe_cells pe_each sched <"$out/$cfg.generic.res"
    if [ "$gst" != ok ]; then
        echo "FAIL $name $variant: generic synthesis $gst, see $out/$cfg.generic.log" >>"$failures"
        echo "$name,$variant,$r,$c,,,,,,,,,,,,,,,,none,$gsecs,$gcpu,$cfg" >>"$rows"
        continue
    fi
    echo "synth: $cfg: generic ${gsecs} s: $cells cells, $ffs FFs, $mems memories ($mem_bits bits)"

    t0=$(now)
    if reusable "$out/$cfg.ice40.stat"; then
        irc=0
        isecs=reused
    else
        yosys -p "synth_ice40 -top $TOP; tee -q -o $out/$cfg.ice40.stat stat" "rtl_out/$cfg.v" \
            >"$out/$cfg.ice40.log" 2>&1
        irc=$?
        isecs="$(elapsed "$t0") s"
    fi
    lut=; carry=; iff=; bram=; fmax=; device=; pnr=none
    if [ $irc != 0 ]; then
        echo "FAIL $name $variant: synth_ice40 failed, see $out/$cfg.ice40.log" >>"$failures"
    else
        read -r lut carry iff bram < <(ice40_stat "$out/$cfg.ice40.stat")
        echo "synth: $cfg: synth_ice40 ${isecs}: $lut LUT4, $carry CARRY, $iff FFs, $bram BRAMs (budget $budget)"
        fits=1
        [ "$lut" -le $HX8K_LC ] && [ "$iff" -le $HX8K_LC ] && [ "$bram" -le $HX8K_BRAM ] || fits=0
        if [ $fits = 0 ] && [ "$cfg" != "$SYNTH_PNR_TARGET" ]; then
            pnr=does-not-fit
            echo "synth: $cfg: does not fit an HX8K ($lut/$HX8K_LC LCs, $iff/$HX8K_LC FFs, $bram/$HX8K_BRAM BRAMs): no place and route"
        else
            [ $fits = 0 ] && echo "synth: $cfg: does not fit an HX8K ($lut/$HX8K_LC LCs, $iff/$HX8K_LC FFs, $bram/$HX8K_BRAM BRAMs); place and route attempted anyway"
            device=ice40-hx8k-ct256
            pnr=failed
            t0=$(now)
            if reusable "$out/$cfg.nextpnr.log"; then
                grep -q '^ERROR' "$out/$cfg.nextpnr.log" || pnr=routed
                fmax=$(sed -n "s/.*Max frequency for clock.*: *\([0-9.]*\) MHz.*/\1/p" \
                       "$out/$cfg.nextpnr.log" | tail -1)
                [ $pnr = routed ] || fmax=
                why=$(grep -m1 '^ERROR' "$out/$cfg.nextpnr.log" 2>/dev/null)
                echo "synth: $cfg: nextpnr-ice40 of the last run: $pnr${fmax:+, Fmax $fmax MHz}${why:+ ($why)}"
            elif python3 tests/synth.py wrap "$out/$cfg.generic.json" "$TOP" \
                    "$out/$cfg.wrap.v" "$out/$cfg.pcf" >/dev/null &&
               yosys -p "synth_ice40 -top fpga_wrap -json $out/$cfg.pnr.json" \
                    "rtl_out/$cfg.v" "$out/$cfg.wrap.v" >"$out/$cfg.pnr-yosys.log" 2>&1; then
                timeout "$PNR_TIMEOUT" nextpnr-ice40 --hx8k --package ct256 --json "$out/$cfg.pnr.json" \
                    --pcf "$out/$cfg.pcf" --freq 100 --seed 1 --timing-allow-fail \
                    --asc "$out/$cfg.asc" --log "$out/$cfg.nextpnr.log" >/dev/null 2>&1
                prc=$?
                if [ $prc = 0 ]; then
                    pnr=routed
                    fmax=$(sed -n "s/.*Max frequency for clock.*: *\([0-9.]*\) MHz.*/\1/p" \
                           "$out/$cfg.nextpnr.log" | tail -1)
                    icepack "$out/$cfg.asc" "$out/$cfg.bin" >/dev/null 2>&1 ||
                        echo "synth: $cfg: note: icepack failed on $out/$cfg.asc"
                elif [ $prc = 124 ]; then
                    pnr=timeout
                fi
                why=$(grep -m1 '^ERROR' "$out/$cfg.nextpnr.log" 2>/dev/null)
                echo "synth: $cfg: nextpnr-ice40 $(elapsed "$t0") s: $pnr${fmax:+, Fmax $fmax MHz}${why:+ ($why)}"
            else
                echo "synth: $cfg: wrapper synthesis failed, see $out/$cfg.pnr-yosys.log"
            fi
        fi
    fi
    echo "$name,$variant,$r,$c,$cells,$ffs,$mems,$mem_bits,$pe_cells,$lut,$iff,$bram,$budget,$fmax,$device,$pes,$pe_each,$sched,$carry,$pnr,$gsecs,$gcpu,$cfg" >>"$rows"
done

for cfg in $SYNTH_GENERIC_CFGS; do
    wait "${bg_pid[$cfg]}"
    variant=$(variant_of "$cfg"); name=$(name_of "$cfg" "$variant")
    r=$(hdr "$cfg" ROWS); c=$(hdr "$cfg" COLS)
    read -r gst gsecs gcpu cells ffs mems mem_bits budget pes pe_cells pe_each sched <"$out/$cfg.generic.res"
    echo "synth: $cfg: generic synthesis $gst after $gsecs s"
    if [ "$gst" != ok ]; then
        echo "FAIL $name $variant: generic synthesis $gst after $gsecs s (limit $SYNTH_TIME_MAX s), see $out/$cfg.generic.log" >>"$failures"
        echo "$name,$variant,$r,$c,,,,,,,,,,,,,,,,generic-only,$gsecs,$gcpu,$cfg" >>"$rows"
    else
        echo "$name,$variant,$r,$c,$cells,$ffs,$mems,$mem_bits,$pe_cells,,,,$budget,,,$pes,$pe_each,$sched,,generic-only,$gsecs,$gcpu,$cfg" >>"$rows"
    fi
done

{ echo "$CSV_HEAD"; cat "$rows"; } >"$csv"
rm -f "$rows"

echo
printf '%-8s %-7s %5s %8s %7s %14s %8s %6s %7s %6s %6s %12s %12s %8s\n' \
    design variant shape cells FFs mems/bits PE-cells per-PE LCs iceFFs BRAMs budget Fmax generic
awk -F, 'NR > 1 {
    dash = "-"
    printf "%-8s %-7s %5s %8s %7s %14s %8s %6s %7s %6s %6s %12s %12s %7ss\n",
        $1, $2, $3 "x" $4, $5 == "" ? dash : $5, $6 == "" ? dash : $6,
        $7 == "" ? dash : $7 "/" $8, $9 == "" ? dash : $9, $17 == "" ? dash : $17,
        $10 == "" ? dash : $10, $11 == "" ? dash : $11, $12 == "" ? dash : $12,
        $13 == "" ? dash : ($12 == "" ? "" : ($12 <= $13 ? "<= " : "> ")) $13,
        $14 != "" ? $14 " MHz" : ($20 == "none" || $20 == "generic-only" ? dash : $20), $21
}' "$csv"

echo
echo "== targets"
cat "$failures"
awk -F, -v target="$SYNTH_PNR_TARGET" -v fmin="$SYNTH_FMAX_MIN" -v tmax="$SYNTH_TIME_MAX" \
    -v lcmax=$HX8K_LC -v brmax=$HX8K_BRAM '
    NR == 1 { next }
    $12 != "" {
        printf "%s %s %s: ice40 BRAMs %d <= budget %s (1.15 x %d 4-Kbit blocks of %d memories)\n",
            ($12 <= $13 + 0) ? "PASS" : "FAIL", $1, $2, $12, $13, $13 / 1.15 + 0.5, $7
    }
    $23 == target {
        seen = 1
        printf "%s %s %s places and routes on HX8K (%s/%d LCs, %s/%d BRAMs in synth_ice40): %s\n",
            ($20 == "routed") ? "PASS" : "FAIL", $1, $2, $10, lcmax, $12, brmax, $20
        printf "%s %s %s Fmax >= %d MHz on HX8K: %s\n",
            ($14 != "" && $14 + 0 >= fmin) ? "PASS" : "FAIL", $1, $2, fmin, ($14 != "") ? $14 " MHz" : "not routed"
    }
    $20 == "generic-only" && $5 != "" {
        printf "%s %s %s generic synthesis wall time %s s <= %d s (Yosys CPU time %s s)\n",
            ($21 <= tmax) ? "PASS" : "FAIL", $1, $2, $21, tmax, $22
    }
    END { if (target != "" && !seen) printf "FAIL no results for %s\n", target }
' "$csv" | tee "$out/targets.txt"
echo
echo "csv: $csv; logs: $out/"
if [ -s "$failures" ] || grep -q '^FAIL' "$out/targets.txt"; then
    exit 1
fi
exit 0
