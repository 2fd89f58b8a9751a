#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# integration.sh CHECK - vssagen's integration files through the tools that
# read them (docs/integration.md); `make test` runs each CHECK:
#   fusesoc-lint       --core, then `fusesoc run --target lint`: Verilator
#                      lints the design through FuseSoC
#   fusesoc-wrong-core a core whose top, design or file is wrong fails there
#   fusesoc-synth      `fusesoc run --target synth`: Yosys synth_ecp5
#   filelist           --filelist read by verilator -f and -F and iverilog -c
# Environment: B (build directory), VSSAGEN (the generator), FUSESOC (the
# fusesoc of build/venv-fusesoc). Exits 0 when the check passes, else 1 with
# the reason.
set -u
cd "$(dirname "$0")/.."
B=${B:-build}
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
GEN=$(abs "${VSSAGEN:-$B/vssagen}")
FUSESOC=$(abs "${FUSESOC:-$B/venv-fusesoc/bin/fusesoc}")
VERSION=$("$GEN" --version | awk '{ print $2 }')
# The smallest design: a lint in about a second, synth_ecp5 in about 15.
SMALL=(--rows 1 --cols 1 --head-dim 1 --max-seq 2)

die() { echo "$*"; exit 1; }

# fusesoc_run DIR TARGET TOP: the core under DIR/cores through FuseSoC, built
# in DIR/fsb, its cache and configuration kept in DIR, the log in DIR/TARGET.log.
fusesoc_run() {
    local d=$1
    (cd "$d" && env XDG_CACHE_HOME="$d/xdg/cache" XDG_CONFIG_HOME="$d/xdg/config" \
        XDG_DATA_HOME="$d/xdg/data" "$FUSESOC" --cores-root cores run --build-root fsb \
        --target "$2" "vssagen:vssa:$3:$VERSION") >"$d/$2.log" 2>&1
}

# new_core DIR TOP [--params]: the small design with top TOP, its core (and
# its header) in DIR/cores.
new_core() {
    local d=$1 top=$2 p=()
    [ "${3:-}" = --params ] && p=(--params "$d/cores/rtl/$top.h")
    "$GEN" "${SMALL[@]}" --top "$top" -o "$d/cores/rtl/$top.v" "${p[@]}" --core "$d/cores/$top.core" ||
        die "vssagen refused the core"
}

# run_ok DIR TARGET TOP: fusesoc_run, which must pass (else the log's tail).
run_ok() { fusesoc_run "$@" || { tail -n 20 "$1/$2.log"; die "fusesoc $2 failed"; }; }

# fresh NAME: an empty $B/integ/NAME with cores/rtl in it, its absolute path.
fresh() {
    local d
    d=$(abs "$B/integ/$1")
    rm -rf "$d" && mkdir -p "$d/cores/rtl" && echo "$d"
}

fusesoc_lint() {
    local d vc
    d=$(fresh lint) || exit 1
    new_core "$d" yes --params
    # top "yes" reads as a YAML boolean unless the core quotes it
    run_ok "$d" lint yes
    grep -q '^verilator -f ' "$d/lint.log" || die "fusesoc ran no verilator: $(cat "$d/lint.log")"
    vc=$(cat "$d"/fsb/*/lint/*.vc) || die "no Verilator command file in $d/fsb"
    for want in --lint-only -Wall '--top-module yes' "src/vssagen_vssa_yes_$VERSION/rtl/yes.v"; do
        grep -qx -- "$want" <<<"$vc" || die "the command file lacks '$want': $vc"
    done
    # the header travels with the design, but no tool reads it
    [ -f "$d/fsb/vssagen_vssa_yes_$VERSION/lint/src/vssagen_vssa_yes_$VERSION/rtl/yes.h" ] ||
        die "the parameter header was not exported"
    ! grep -q 'yes\.h' <<<"$vc" || die "the header went to Verilator"
}

# A core that FuseSoC runs must fail when it names the wrong top, a design
# with a lint warning or a file that is not there.
fusesoc_wrong_core() {
    local d c
    d=$(fresh wrong) || exit 1
    new_core "$d" acc
    c=$d/cores/acc.core
    run_ok "$d" lint acc
    sed -i 's/^    toplevel: "acc"$/    toplevel: "acc_pe_missing"/' "$c"
    grep -q acc_pe_missing "$c" || die "no toplevel line to alter"
    ! fusesoc_run "$d" lint acc || die "a missing top module passed"
    grep -q "top-module 'acc_pe_missing' was not found" "$d/lint.log" || die "other failure: $(tail -n 5 "$d/lint.log")"
    sed -i 's/acc_pe_missing/acc/' "$c"
    # a signal nothing drives or reads (no "unused" in its name, which Verilator
    # exempts), inside the top: -Wall must reach Verilator
    awk '/^endmodule/ { last = NR } { l[NR] = $0 } END { for (i = 1; i <= NR; i++) {
         if (i == last) print "    wire dangling_by_the_test;"; print l[i] } }' \
        "$d/cores/rtl/acc.v" >"$d/acc.v" && mv "$d/acc.v" "$d/cores/rtl/acc.v"
    ! fusesoc_run "$d" lint acc || die "a lint warning passed"
    grep -q 'UNUSEDSIGNAL.*dangling_by_the_test' "$d/lint.log" || die "other failure: $(tail -n 5 "$d/lint.log")"
    rm "$d/cores/rtl/acc.v"
    ! fusesoc_run "$d" lint acc || die "a missing design file passed"
    grep -q "Cannot find rtl/acc.v" "$d/lint.log" || die "other failure: $(tail -n 5 "$d/lint.log")"
}

fusesoc_synth() {
    local d log
    d=$(fresh synth) || exit 1
    new_core "$d" acc --params
    run_ok "$d" synth acc
    log=$d/fsb/vssagen_vssa_acc_$VERSION/synth/yosys.log
    grep -q '^synth_ecp5 *-top acc$' "$log" || grep -q 'Executing SYNTH_ECP5 pass' "$log" ||
        die "no synth_ecp5 in $log"
    grep -Eq '^ +LUT4 +[1-9][0-9]*$' "$log" && grep -Eq '^ +TRELLIS_FF +[1-9][0-9]*$' "$log" ||
        die "no LUT4 and TRELLIS_FF cells in $log"
    [ -s "$d/fsb/vssagen_vssa_acc_$VERSION/synth/vssagen_vssa_acc_$VERSION.json" ] ||
        die "no JSON netlist"
}

# The list names the design relative to its own directory: it is read from
# there with -f, from anywhere with Verilator's -F, and not from elsewhere
# with -f.
filelist() {
    local d out
    d=$(fresh filelist) || exit 1
    mkdir -p "$d/lists" "$d/rtl"
    "$GEN" "${SMALL[@]}" --top acc -o "$B/integ/filelist/rtl/acc.v" --filelist "$d/lists/acc.f" \
        || die "vssagen refused"
    [ "$(cat "$d/lists/acc.f")" = ../rtl/acc.v ] || die "acc.f holds '$(cat "$d/lists/acc.f")'"
    "$GEN" "${SMALL[@]}" --top acc -o "$d/rtl/acc.v" --filelist "$B/integ/filelist/rtl/beside.f" \
        || die "vssagen refused"
    [ "$(cat "$d/rtl/beside.f")" = acc.v ] || die "beside.f holds '$(cat "$d/rtl/beside.f")'"
    out=$(cd "$d/lists" && verilator --lint-only -Wall --top-module acc -f acc.f 2>&1) && [ -z "$out" ] ||
        die "verilator -f from the list's directory: $out"
    out=$(verilator --lint-only -Wall --top-module acc -F "$d/lists/acc.f" 2>&1) && [ -z "$out" ] ||
        die "verilator -F: $out"
    out=$(verilator --lint-only -Wall --top-module acc -F "$B/integ/filelist/rtl/beside.f" 2>&1) && [ -z "$out" ] ||
        die "verilator -F beside.f: $out"
    # not -o /dev/null: iverilog makes its output executable
    (cd "$d/lists" && iverilog -g2005 -s acc -o ../acc.vvp -c acc.f) || die "iverilog -c"
    ! verilator --lint-only -Wall --top-module acc -f "$d/lists/acc.f" >/dev/null 2>&1 ||
        die "-f from another directory found the design: the path is not relative to the list"
}

case ${1:-} in
fusesoc-lint) fusesoc_lint ;;
fusesoc-wrong-core) fusesoc_wrong_core ;;
fusesoc-synth) fusesoc_synth ;;
filelist) filelist ;;
*) echo "usage: $0 fusesoc-lint|fusesoc-wrong-core|fusesoc-synth|filelist" >&2; exit 2 ;;
esac
