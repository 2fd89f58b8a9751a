#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# top_protocol.sh CONFIG [ALTER]: runs tests/tb/tb_top_protocol.v against
# the generated top rtl_out/CONFIG.v, which must exist (make rtl_out/CONFIG.v;
# V=FILE takes another generated design). The testbench holds the design to
# the port-level figures docs/ports.md gives (beats accepted
# ahead of the controller, busy_o's latencies, when the settings may change,
# out_last_o on token beats). With ALTER 1 (or 2) the testbench disturbs the
# blocks' (the rankings') settings inside their windows and must fail: this
# script then passes only if it does. Prints the testbench's output; exits 0
# on the expected outcome. Build files go to $B/tb (B defaults to build).
set -u
cd "$(dirname "$0")/../.."
B=${B:-build}
[ $# -ge 1 ] || { echo "usage: tests/tb/top_protocol.sh CONFIG [ALTER]" >&2; exit 2; }
cfg=$1
alter=${2:-0}
v=${V:-rtl_out/$cfg.v}   # V=FILE: another generated design
[ -f "$v" ] || { echo "tests/tb/top_protocol.sh: error: no $v (make $v)" >&2; exit 2; }

# A parameter of the top module vssa, from the generated file.
param() {
    awk -v n="$1" '/^module vssa #\(/ { m = 1 }
        m && $0 ~ "parameter integer " n " *=" { gsub(/[ ,]/, ""); sub(/.*=/, ""); print; exit }
        m && /^\) \(/ { exit }' "$v"
}
P=(-Ptb_top_protocol.ALTER="$alter")
for n in D TAG_W IDX_W OUT_DW RATIO_W NCUT COLS MAX_SEQ PREC_HW; do
    val=$(param "$n")
    [ -n "$val" ] || { echo "FAIL tb_top_protocol: no parameter $n in the top of $v"; exit 1; }
    P+=("-Ptb_top_protocol.$n=$val")
done
mkdir -p "$B/tb"
base=$B/tb/top_protocol_$cfg.$alter
iverilog -g2005 -I tests/tb -s tb_top_protocol "${P[@]}" -o "$base.vvp" tests/tb/tb_top_protocol.v "$v" ||
    { echo "FAIL tb_top_protocol: compile error"; exit 1; }
vvp -n "$base.vvp" >"$base.log" 2>&1
cat "$base.log"
last=$(tail -n 1 "$base.log")
if [ "$alter" = 0 ]; then
    [[ "$last" == "PASS tb_top_protocol: "* ]]
else
    [[ "$last" == "FAIL tb_top_protocol: "* ]] || { echo "expected the altered run to fail"; exit 1; }
fi
