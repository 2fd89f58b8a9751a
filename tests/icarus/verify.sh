#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# verify.sh - the second simulator and the X seeds behind `make icarus-verify`
# (part of `make verify`), over the small designs in ICARUS_CFGS:
#   - per design and seed, one vssa-sim run replayed under Icarus
#     (tests/icarus/run.sh): gaps and back-pressure, key orders that permute
#     and scatter the indices, more keys than MAX_SEQ on host designs,
#     several layers on --precision hw designs, comp_i high on --comp
#     designs, and Verilator's random initial values (--x-seed) as well;
#   - per design, the same workload under --x-seed 0 and under X_SEEDS
#     (tests/xseed.sh): identical beats and counters.
# One line per run, then a summary with the duration.
set -u
cd "$(dirname "$0")/../.."
B=${B:-build}
export B
SEEDS=${SEEDS:-"1 2 3"}
X_SEEDS=${X_SEEDS:-"1 2 3 4"}
t0=$(date +%s)
pass=0
fail=0
failed=()
icarus=0
xruns=0

run() {   # run KIND CMD...: count one comparison by its exit status
    local kind=$1 out
    shift
    out=$("$@" 2>&1)
    local rc=$?
    printf '%s\n' "$out"
    if [ "$rc" -eq 0 ]; then
        pass=$((pass + 1))
        [ "$kind" = icarus ] && icarus=$((icarus + 1)) || xruns=$((xruns + 1))
    else
        fail=$((fail + 1))
        failed+=("$kind ${*:2}")
    fi
}

param() { sed -n "s/^#define VSSA_$2 //p" "rtl_out/$1.h"; }
orders=(random permuted sparse)
mixes=(with0 skew0 mostly4)
for cfg in $ICARUS_CFGS; do
    maxseq=$(param "$cfg" MAX_SEQ)
    cols=$(param "$cfg" COLS)
    extra=()
    [ "$(param "$cfg" COMP)" = 1 ] && extra+=(--comp)
    hw=$(param "$cfg" PREC_HW)
    i=0
    for seed in $SEEDS; do
        keys=$((maxseq < 40 ? maxseq : 40))
        # host designs drop the keys past MAX_SEQ; hw designs must keep them all
        [ "$hw" != 1 ] && [ $((i % 2)) = 1 ] && keys=$((maxseq + 3))
        args=(--seed "$seed" --keys "$keys" --queries $((2 * cols + 1)) --heads 2
              --mix "${mixes[i % 3]}" --order "${orders[i % 3]}" --gaps 25 --backpressure 25
              --x-seed "$seed" "${extra[@]}")
        [ "$hw" = 1 ] && args+=(--layers 2)
        run icarus tests/icarus/run.sh "$cfg" "${args[@]}"
        i=$((i + 1))
    done
    args=(--keys $((maxseq < 24 ? maxseq : 24)) --queries $((cols + 1)) --heads 2 --gaps 20
          --backpressure 20 --order permuted "${extra[@]}")
    [ "$hw" = 1 ] && args+=(--layers 2)
    run xseed tests/xseed.sh "$cfg" "$X_SEEDS" "${args[@]}"
done
echo
[ "$fail" -gt 0 ] && printf 'failed: %s\n' "${failed[@]}"
echo "icarus-verify: $icarus runs identical under Icarus and Verilator, $xruns designs identical" \
     "under X seeds {$X_SEEDS}; $pass passed, $fail failed in $(($(date +%s) - t0)) s"
[ "$fail" -eq 0 ]
