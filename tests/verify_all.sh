#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# verify_all.sh LIST - the report of `make verify`, from the results of its
# job list (tests/farm/jobs.sh verify; run by tests/farm/collect.sh after
# make -j or a Slurm array). Parts, in the list's order (VERIFY_PARTS):
#   matrix   the waveform-backed matrix (tests/verify.sh), a job per
#            configuration and mix
#   icarus   small designs under Icarus against Verilator, and X seeds
#            (tests/icarus/verify.sh), a job per design
#   randcfg  RANDCFG_N random valid configurations generated, read back,
#            linted and co-simulated (RANDCFG_CHUNK a job), RANDCFG_INVALID
#            invalid ones refused (one job)
#   fuzz     every libFuzzer target for a fixed number of inputs
#            (FUZZ_VERIFY_RUNS each; the slower vssagen target
#            FUZZ_VERIFY_RUNS_VSSAGEN), a job per target
# Each part's log, $B/verify/part-NAME.log, is its jobs' logs in list order
# with one summary line for them all; a job that failed without its own
# summary, or left no result, counts as a failure. The table goes to
# $B/verify/reliability.md and .csv (what, figure, target, date) and to
# stdout, with each part's time (its first job's start to its last one's
# end) and the total (the list's generation to now). Exits non-zero if any
# part failed.
set -u
cd "$(dirname "$0")/.." || exit 2
. tests/farm/lib.sh
list=${1:?usage: tests/verify_all.sh B/jobs/verify.jobs}
dir=${list%.jobs}
B=${list%/jobs/verify.jobs}
out=$B/verify
mkdir -p "$out"
today=$(date -u +%Y-%m-%d)
status=0
rows=()   # what|figure|target
PARTS=$(farm_names "$list" | sed 's/-.*//' | awk '!seen[$0]++' | tr '\n' ' ')
PARTS=${PARTS% }

row() { rows+=("$1|$2|$3"); }
elapsed() { local s=$1; printf '%d min %02d s' $((s / 60)) $((s % 60)); }
# the figures of two runs compare without their durations
summary() { echo "$1: $2" >>"$dir/summary.txt"; }

# part_log PART DROP SUMMARY: PART's job logs, in list order, less the
# lines matching DROP (each job's own summary), into the part log; sets
# names, bad (jobs that failed without a SUMMARY line of their own, or left
# no result) and secs
part_log() {
    local p=$1 drop=$2 re=$3 n
    mapfile -t names < <(farm_names "$list" "$p-")
    bad=()
    for n in "${names[@]}"; do
        farm_res "$dir" "$n"
        [ -r "$dir/$n.log" ] && grep -v -E "$drop" "$dir/$n.log"
        if [ "$res_st" = missing ]; then
            bad+=("$n (no result)")
        elif [ "$res_st" = failed ] && ! grep -q -E "$re" "$dir/$n.log"; then
            bad+=("$n (exit $res_rc, no summary)")
        fi
    done >"$out/part-$p.log"
    secs=$(farm_span "$dir" "${names[@]}")
}

# sum_fields PART REGEX SED: the sums, field by field, of the numbers that
# SED takes from each job's last line matching REGEX
sum_fields() {
    local n
    for n in "${names[@]}"; do
        grep -E "$2" "$dir/$n.log" 2>/dev/null | tail -n 1 | sed -n "$3"
    done | awk '{ for (i = 1; i <= NF; i++) s[i] += $i; if (NF > m) m = NF }
                END { for (i = 1; i <= m; i++) printf "%d ", s[i]; print "" }'
}

# part_end PART OK: print the part's log and its verdict
part_end() {
    local p=$1 ok=$2
    echo "== verify: $p"
    cat "$out/part-$p.log"
    echo "== verify: $p $( [ "$ok" = 1 ] && echo passed || echo FAILED ) in $(elapsed "$secs")"
    [ "$ok" = 1 ] || status=1
}

# part_footer PART LAST [FIRST]: the end of a part's log: FIRST, the jobs'
# failed lines, the jobs that failed, and LAST.
part_footer() {
    {
        echo
        [ -n "${3:-}" ] && echo "$3"
        for n in "${names[@]}"; do grep '^failed: ' "$dir/$n.log" 2>/dev/null; done
        [ "${#bad[@]}" -gt 0 ] && printf 'failed: job %s\n' "${bad[@]}"
        echo "$2"
    } >>"$out/part-$1.log"
}

allok() {   # every job of the part passed and nothing is missing
    local n
    [ "${#bad[@]}" -eq 0 ] || return 1
    for n in "${names[@]}"; do
        farm_res "$dir" "$n"
        [ "$res_st" = passed ] || return 1
    done
}

for p in $PARTS; do
    case $p in
    matrix)
        part_log matrix '^$|^waveforms and logs: |^failed: |^[0-9]+ passed, [0-9]+ failed$' '^[0-9]+ passed, [0-9]+ failed$'
        read -r pass fail < <(sum_fields matrix '^[0-9]+ passed, [0-9]+ failed$' 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p')
        fail=$((${fail:-0} + ${#bad[@]}))
        part_footer matrix "${pass:-0} passed, $fail failed" \
            "waveforms and logs: $out/ ($(ls "$out"/*.fst 2>/dev/null | wc -l) waveforms kept, $(du -sh "$out" | cut -f1))"
        ok=0; allok && ok=1
        part_end matrix $ok
        summary matrix "${pass:-0} passed, $fail failed"
        row "waveform-backed matrix (every mix, order, seed; FST read back)" "${pass:-0} passed, $fail failed, $(elapsed "$secs")" "make verify-matrix"
        ;;
    icarus)
        re='^icarus-verify: '
        part_log icarus "^\$|^failed: |$re" "$re"
        read -r ic xd pass fail < <(sum_fields icarus "$re" \
            's/^icarus-verify: \([0-9]*\) runs identical.*, \([0-9]*\) designs identical under X seeds.*; \([0-9]*\) passed, \([0-9]*\) failed in .*/\1 \2 \3 \4/p')
        fail=$((${fail:-0} + ${#bad[@]}))
        xs=$(for n in "${names[@]}"; do grep -o -m 1 'under X seeds {[^}]*}' "$dir/$n.log" 2>/dev/null; done |
             head -n 1 | sed 's/.*{\(.*\)}/\1/')
        line="icarus-verify: ${ic:-0} runs identical under Icarus and Verilator, ${xd:-0} designs identical under X seeds {${xs:-?}}; ${pass:-0} passed, $fail failed"
        part_footer icarus "$line in $secs s"
        ok=0; allok && ok=1
        part_end icarus $ok
        summary icarus "${line#icarus-verify: }"
        row "Icarus against Verilator (every beat and its cycle, the counters)" "${ic:-0} runs identical (${pass:-0} passed, $fail failed)" "make icarus-verify"
        row "X seeds (Verilator random initial values)" "${xd:-0} designs, seeds ${xs:-?}: every beat identical to seed 0" "make icarus-verify"
        ;;
    randcfg)
        re='^randcfg: [0-9]+ valid passed'
        part_log randcfg "$re" "$re"
        read -r vpass vfail ipass ifail < <(sum_fields randcfg "$re" \
            's/^randcfg: \([0-9]*\) valid passed, \([0-9]*\) failed; \([0-9]*\) invalid refused, \([0-9]*\) not$/\1 \2 \3 \4/p')
        vpass=${vpass:-0} vfail=${vfail:-0} ipass=${ipass:-0} ifail=${ifail:-0}
        # a job lost whole counts as one failure of its kind
        for b in "${bad[@]}"; do
            case $b in randcfg-invalid*) ifail=$((ifail + 1)) ;; *) vfail=$((vfail + 1)) ;; esac
            echo "FAIL randcfg job $b" >>"$out/part-randcfg.log"
        done
        line="$vpass valid passed, $vfail failed; $ipass invalid refused, $ifail not"
        echo "randcfg: $line" >>"$out/part-randcfg.log"
        ok=0; allok && ok=1
        part_end randcfg $ok
        summary randcfg "$line"
        nv=$((vpass + vfail)) ni=$((ipass + ifail))
        row "random valid configurations (generated, read back, linted, co-simulated on 4 workloads)" "$nv tried: $vpass passed, $vfail failed" "make randcfg RANDCFG_COSIM=$nv"
        row "random invalid configurations (exit 2, one line, nothing written)" "$ni tried: $ipass refused, $ifail not" "make randcfg"
        ;;
    fuzz)
        part_log fuzz 'a^' '^fuzz [a-z]+: '   # nothing dropped
        for b in "${bad[@]}"; do echo "FAIL fuzz job $b" >>"$out/part-fuzz.log"; done
        ok=0; allok && ok=1
        part_end fuzz $ok
        # the parsers' CSV and vssagen's, as one run of each wrote them
        for group in "parsers:npy beats model" "vssagen:vssagen"; do
            f=$out/fuzz-${group%%:*}.csv
            echo "target,mode,limit,executions,crashes,seconds,date" >"$f"
            for t in ${group#*:}; do
                [ -r "$out/fuzz-$t.csv" ] && tail -n +2 "$out/fuzz-$t.csv" >>"$f"
            done
        done
        total=0
        for f in "$out/fuzz-parsers.csv" "$out/fuzz-vssagen.csv"; do
            while IFS=, read -r t _ _ ex cr sec _; do
                [ "$t" = target ] && continue
                row "fuzzing: $t (libFuzzer, ASan and UBSan)" "$ex executions, $cr crashes, $sec s" "make verify"
                summary fuzz "$t: $cr crashes"
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

t_total=$(($(date +%s) - $(cat "$dir/started" 2>/dev/null || date +%s)))
mapfile -t all < <(farm_names "$list")
where=$(for n in "${all[@]}"; do farm_res "$dir" "$n"; echo "$res_host"; done | sort -u | grep -v '^-$')
if [ "$(wc -l <<<"$where")" -le 1 ] && [ "$where" = "$(hostname)" ]; then
    where="$(nproc) cores"
else
    where="$(wc -l <<<"$where") hosts"
fi
{
    echo "| check | last run ($today) | make target |"
    echo "| --- | --- | --- |"
    for r in "${rows[@]}"; do
        IFS='|' read -r what fig tgt <<<"$r"
        echo "| $what | $fig | \`$tgt\` |"
    done
    echo "| duration | $(elapsed "$t_total") on $where ($PARTS) | \`make verify\` |"
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
