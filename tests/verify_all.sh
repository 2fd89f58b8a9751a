#!/usr/bin/env bash
# verify_all.sh - `make verify`: the long regression, part by part, then the
# reliability table. Parts (VERIFY_PARTS, default all, in this order):
#   matrix   the waveform-backed matrix (tests/verify.sh)
#   icarus   small designs under Icarus against Verilator, and X seeds
#            (make icarus-verify)
#   randcfg  RANDCFG_N random valid configurations generated, read back,
#            linted and co-simulated, RANDCFG_INVALID invalid ones refused
#   fuzz     every libFuzzer target for a fixed number of inputs
#            (FUZZ_VERIFY_RUNS each; the slower vssagen target
#            FUZZ_VERIFY_RUNS_VSSAGEN)
# Every part runs even if an earlier one failed. Each part's log is
# $B/verify/part-NAME.log; the table goes to $B/verify/reliability.md and
# .csv (what, figure, target, date) and to stdout, with each part's time
# and the total. Exits non-zero if any part failed.
set -u
cd "$(dirname "$0")/.."
B=${B:-build}
MAKE=${MAKE:-make}
PARTS=${VERIFY_PARTS:-matrix icarus randcfg fuzz}
RANDCFG_N=${RANDCFG_N:-200}
RANDCFG_INVALID=${RANDCFG_INVALID:-500}
FUZZ_VERIFY_RUNS=${FUZZ_VERIFY_RUNS:-400000}
FUZZ_VERIFY_RUNS_VSSAGEN=${FUZZ_VERIFY_RUNS_VSSAGEN:-20000}
out=$B/verify
mkdir -p "$out"
today=$(date -u +%Y-%m-%d)
t_all=$(date +%s)
status=0
rows=()   # what|figure|target

row() { rows+=("$1|$2|$3"); }
elapsed() { local s=$1; printf '%d min %02d s' $((s / 60)) $((s % 60)); }

part() {   # part NAME CMD...: run, log, time
    local name=$1 t0 rc
    shift
    echo "== verify: $name"
    t0=$(date +%s)
    "$@" 2>&1 | tee "$out/part-$name.log"
    rc=${PIPESTATUS[0]}
    secs[$name]=$(($(date +%s) - t0))
    echo "== verify: $name $( [ "$rc" -eq 0 ] && echo passed || echo FAILED ) in $(elapsed "${secs[$name]}")"
    [ "$rc" -eq 0 ] || status=1
    return "$rc"
}
declare -A secs

for p in $PARTS; do
    case $p in
    matrix)
        part matrix "$MAKE" B="$B" verify-matrix
        line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out/part-matrix.log" | tail -n 1)
        row "waveform-backed matrix (every mix, order, seed; FST read back)" "${line:-no summary}, $(elapsed "${secs[matrix]}")" "make verify-matrix"
        ;;
    icarus)
        part icarus "$MAKE" B="$B" icarus-verify
        line=$(grep -E '^icarus-verify: ' "$out/part-icarus.log" | tail -n 1)
        ic=$(sed -n 's/^icarus-verify: \([0-9]*\) runs identical.*/\1/p' <<<"$line")
        xd=$(sed -n 's/.*, \([0-9]*\) designs identical under X seeds {\([^}]*\)}.*/\1 designs, seeds \2/p' <<<"$line")
        pf=$(sed -n 's/.*; \([0-9]* passed, [0-9]* failed\).*/\1/p' <<<"$line")
        row "Icarus against Verilator (every beat and its cycle, the counters)" "${ic:-?} runs identical (${pf:-no summary})" "make icarus-verify"
        row "X seeds (Verilator random initial values)" "${xd:-?}: every beat identical to seed 0" "make icarus-verify"
        ;;
    randcfg)
        part randcfg "$MAKE" B="$B" randcfg RANDCFG_N="$RANDCFG_N" RANDCFG_INVALID="$RANDCFG_INVALID" \
            RANDCFG_COSIM="$RANDCFG_N"
        line=$(grep -E '^randcfg: ' "$out/part-randcfg.log" | tail -n 1)
        v=$(sed -n 's/^randcfg: \([0-9]*\) valid passed, \([0-9]*\) failed;.*/\1 passed, \2 failed/p' <<<"$line")
        i=$(sed -n 's/.*; \([0-9]*\) invalid refused, \([0-9]*\) not$/\1 refused, \2 not/p' <<<"$line")
        row "random valid configurations (generated, read back, linted, co-simulated on 4 workloads)" "$RANDCFG_N tried: ${v:-no summary}" "make randcfg RANDCFG_COSIM=$RANDCFG_N"
        row "random invalid configurations (exit 2, one line, nothing written)" "$RANDCFG_INVALID tried: ${i:-no summary}" "make randcfg"
        ;;
    fuzz)
        part fuzz bash -c "$MAKE B='$B' fuzz-build && B='$B' tests/fuzz/run_fuzz.sh runs $FUZZ_VERIFY_RUNS \
            '$out/fuzz-parsers.csv' npy beats model; a=\$?; B='$B' tests/fuzz/run_fuzz.sh runs \
            $FUZZ_VERIFY_RUNS_VSSAGEN '$out/fuzz-vssagen.csv' vssagen; b=\$?; [ \$a -eq 0 ] && [ \$b -eq 0 ]"
        total=0
        for f in "$out/fuzz-parsers.csv" "$out/fuzz-vssagen.csv"; do
            [ -f "$f" ] || continue
            while IFS=, read -r t _ _ ex cr sec _; do
                [ "$t" = target ] && continue
                row "fuzzing: $t (libFuzzer, ASan and UBSan)" "$ex executions, $cr crashes, $sec s" "make verify"
                total=$((total + ex))
            done <"$f"
        done
        row "fuzzing: all targets" "$total executions" "make verify"
        ;;
    *)
        echo "verify_all.sh: unknown part '$p' (matrix icarus randcfg fuzz)" >&2
        exit 2
        ;;
    esac
done

t_total=$(($(date +%s) - t_all))
{
    echo "| check | last run ($today) | make target |"
    echo "| --- | --- | --- |"
    for r in "${rows[@]}"; do
        IFS='|' read -r what fig tgt <<<"$r"
        echo "| $what | $fig | \`$tgt\` |"
    done
    echo "| duration | $(elapsed "$t_total") on $(nproc) cores ($PARTS) | \`make verify\` |"
} >"$out/reliability.md"
{
    echo "what,figure,target,date"
    for r in "${rows[@]}"; do
        IFS='|' read -r what fig tgt <<<"$r"
        echo "\"$what\",\"$fig\",\"$tgt\",$today"
    done
} >"$out/reliability.csv"
echo
cat "$out/reliability.md"
echo "verify: $(elapsed "$t_total") in all; $( [ "$status" -eq 0 ] && echo PASSED || echo FAILED )"
exit "$status"
