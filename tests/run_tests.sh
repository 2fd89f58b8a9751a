#!/usr/bin/env bash
# run_tests.sh - the quick test suite behind `make test`: sanitized unit tests,
# co-simulation of the small configurations under random gaps and
# back-pressure, checks that a corrupted result is caught, and lint of the
# generated designs. Prints one line per check and "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
B=${B:-build}
pass=0
fail=0
failed=()
exec 3>&1   # unit test summaries go here, past check's capture

selected() {   # T=pattern (an extended regular expression) picks checks by name
    [ -z "${T:-}" ] || grep -Eq -- "$T" <<<"$1"
}

check() {   # check NAME CMD...: run CMD, count it, keep its output on failure
    local name=$1
    shift
    selected "$name" || return 0
    local out
    if out=$("$@" 2>&1); then
        pass=$((pass + 1))
        echo "ok   $name"
    else
        fail=$((fail + 1))
        failed+=("$name")
        echo "FAIL $name"
        printf '%s\n' "$out" | tail -n 25 | sed 's/^/     /'
    fi
}

expect_fail() {   # the simulator must exit 1 and name the mismatch's query, key and cycle
    local out rc
    out=$("$@" 2>&1)
    rc=$?
    [ "$rc" -eq 1 ] || { echo "exit status $rc, expected 1"; return 1; }
    grep -Eq '^MISMATCH query [0-9]+ key [0-9]+ column [0-9]+ cycle [0-9]+: expected -?[0-9]+, got -?[0-9]+$' <<<"$out" ||
        { echo "no MISMATCH line naming query, key and cycle"; printf '%s\n' "$out"; return 1; }
    grep -q '^RESULT: FAIL' <<<"$out" || { echo "no RESULT: FAIL line"; return 1; }
}

wave_checked() {   # record an FST, then recompute the counters from it
    local f=$1
    shift
    rm -f "$f"
    "$@" --wave "$f" >/dev/null || return 1
    [ -s "$f" ] || { echo "no waveform written"; return 1; }
    "$B/vssa-fstcheck" "$f" vssa
}

wave_model_checked() {   # ... and, without back-pressure, against the cycle model too
    local f=$1
    shift
    rm -f "$f" "$f.model"
    "$@" --wave "$f" --model-out "$f.model" >/dev/null || return 1
    "$B/vssa-fstcheck" "$f" vssa --model "$f.model"
}

echo "== unit tests (AddressSanitizer + UBSan)"
unit() {   # cmocka prints its summary on stderr; show it with the check
    local log="$B/test_$1.log"
    "$B/test_$1" "${VSSAGEN:-$B/vssagen}" >"$log" 2>&1
    local rc=$?
    grep -E '^\[  (PASSED|FAILED)  \]' "$log" | sed "s/^/     $1: /" >&3
    [ "$rc" -eq 0 ] || cat "$log"
    return "$rc"
}
for t in golden plan arch cli; do
    check "unit/$t" unit "$t"
done

echo "== co-simulation"
param() { sed -n "s/^#define VSSA_$2 //p" "rtl_out/$1.h"; }
for cfg in $TEST_CFGS; do
    sim=$B/sim/$cfg/vssa-sim
    maxseq=$(param "$cfg" MAX_SEQ)
    cols=$(param "$cfg" COLS)
    for mix in all8 mostly4 with0 skew0 even; do
        for order in random alternate; do
            for seed in 1 2; do
                # no gaps and no back-pressure: the cycle model must be exact too
                check "cosim/$cfg/$mix/$order/s$seed/ideal" \
                    "$sim" --quiet --seed "$seed" --mix "$mix" --order "$order" --heads 2
                check "cosim/$cfg/$mix/$order/s$seed/gaps30-bp40" \
                    "$sim" --quiet --seed "$seed" --mix "$mix" --order "$order" --heads 2 \
                    --gaps 30 --backpressure 40
            done
        done
    done
    check "cosim/$cfg/full-capacity" "$sim" --quiet --keys "$maxseq" --mix half --gaps 10 --backpressure 10
    check "cosim/$cfg/keys-beyond-max-seq-dropped" "$sim" --quiet --keys $((maxseq + 3)) --heads 2 --backpressure 20
    check "cosim/$cfg/queries-beyond-cols-dropped" "$sim" --quiet --block $((cols + 1)) --queries $((2 * cols + 2)) --gaps 10
    check "cosim/$cfg/unused-tag-codes" "$sim" --quiet --unused-tags --mix skew0 --backpressure 20
    check "cosim/$cfg/block-before-any-keys" "$sim" --quiet --queries-first --heads 2 --gaps 10
    check "cosim/$cfg/open-block-closed-by-key" "$sim" --quiet --open-first --backpressure 10
    check "cosim/$cfg/every-key-pruned" "$sim" --quiet --mix pruned --heads 2 --backpressure 20
    check "cosim/$cfg/key-set-without-queries" "$sim" --quiet --queries 0 --heads 2
    check "cosim/$cfg/corrupt-expect-caught" expect_fail "$sim" --corrupt-expect
    check "cosim/$cfg/corrupt-rtl-caught" expect_fail "$sim" --corrupt-rtl --backpressure 20
    check "cosim/$cfg/fst-readback" wave_checked "$B/test-$cfg.fst" "$sim" --quiet --heads 2 --gaps 20 --backpressure 20
    check "cosim/$cfg/fst-readback-model" wave_model_checked "$B/test-$cfg.fst" "$sim" --quiet --heads 2 --mix skew0
done

echo "== co-simulation, harness under AddressSanitizer + UBSan"
for cfg in $SAN_CFGS; do
    check "cosim-san/$cfg" "$B/sim-san/$cfg/vssa-sim" --quiet --mix with0 --heads 2 --gaps 25 --backpressure 25
done

echo "== module testbenches (Icarus)"
if [ -x tests/tb/run_tb.sh ]; then
    while IFS= read -r line; do
        case $line in
        "ok   "*) selected "${line#ok   }" && { pass=$((pass + 1)); echo "$line"; } ;;
        "FAIL "*) selected "${line#FAIL }" && { fail=$((fail + 1)); failed+=("${line#FAIL }"); echo "$line"; } ;;
        *) echo "$line" ;;
        esac
    done < <(if [ -n "${T:-}" ]; then
                 names=$(tests/tb/run_tb.sh --list | while read -r n; do selected "$n" && echo "$n"; done)
                 [ -z "$names" ] || B=$B tests/tb/run_tb.sh $names
             else
                 B=$B tests/tb/run_tb.sh
             fi 2>&1)
else
    fail=$((fail + 1)); failed+=("tb: tests/tb/run_tb.sh missing"); echo "FAIL tb: tests/tb/run_tb.sh missing"
fi

echo "== generated Verilog"
for cfg in $TEST_CFGS l32x32 l32x32f; do
    check "lint/verilator-Wall/$cfg" bash -c "out=\$(verilator --lint-only -Wall rtl_out/$cfg.v 2>&1) && [ -z \"\$out\" ] || { echo \"\$out\"; exit 1; }"
    check "lint/iverilog-2005/$cfg" iverilog -g2005 -o /dev/null "rtl_out/$cfg.v"
done
check "synth/yosys/s8x8_fuse" bash -c "yosys -q -p 'synth -top vssa' rtl_out/s8x8_fuse.v > $B/s8x8.yosys.log 2>&1 || { tail -20 $B/s8x8.yosys.log; exit 1; }"

echo
if [ "$fail" -gt 0 ]; then
    printf 'failed: %s\n' "${failed[@]}"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
