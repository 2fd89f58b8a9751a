#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# collect.sh LIST - the one summary of a job list's run, however it ran
# (make -j or a Slurm array): one line per job that failed or left no
# result, a count, then the list's own report from the result files:
#   verify.jobs  tests/verify_all.sh (the parts' logs, the reliability table)
#   synth.jobs   tests/synth.sh report (the table, the CSV, the targets)
# Writes DIR/summary.txt: each job's name and status, then the report's
# figures without their durations, so that two runs of one list compare
# with diff. Exits non-zero if a job failed, left no result, or the report
# failed.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/farm/lib.sh
list=${1:?usage: tests/farm/collect.sh LIST.jobs}
[ -r "$list" ] || { echo "collect.sh: no job list $list" >&2; exit 2; }
dir=${list%.jobs}
kind=$(basename "$dir")
mkdir -p "$dir"
n=0 pass=0 fail=0 missing=0 cpu=0
declare -A hosts
: >"$dir/summary.txt"
while read -r name; do
    farm_res "$dir" "$name"
    n=$((n + 1))
    echo "$name $res_st" >>"$dir/summary.txt"
    case $res_st in
    passed) pass=$((pass + 1)) ;;
    failed) fail=$((fail + 1)); echo "job $name: FAILED (exit $res_rc on $res_host), see $dir/$name.log" ;;
    *) missing=$((missing + 1)); echo "job $name: no result in $dir/$name.res" ;;
    esac
    [ "$res_st" = missing ] && continue
    cpu=$((cpu + res_secs))
    hosts[$res_host]=1
done < <(farm_names "$list")
mapfile -t names < <(farm_names "$list")
echo "jobs: $n in $list: $pass passed, $fail failed, $missing without a result;" \
     "$cpu s of job time, $(farm_span "$dir" "${names[@]}") s from the first start to the last end," \
     "on ${#hosts[@]} host(s): ${!hosts[*]}"
case $kind in
verify) tests/verify_all.sh "$list" ;;
synth)   # each step's lines, in list order, as a run of tests/synth.sh prints them
    for n in "${names[@]}"; do cat "$dir/$n.log" 2>/dev/null; done
    FARM_SUMMARY=$dir/summary.txt tests/synth.sh report
    ;;
*) echo "collect.sh: no report for a job list named $kind" >&2; exit 2 ;;
esac
rc=$?
[ "$fail" -eq 0 ] && [ "$missing" -eq 0 ] && [ "$rc" -eq 0 ]
