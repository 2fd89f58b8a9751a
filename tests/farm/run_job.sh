#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run_job.sh LIST KEY - runs one job of a job list (tests/farm/jobs.sh) and
# records its result. KEY is the job's line number (Slurm's
# SLURM_ARRAY_TASK_ID) or its name. The job's output goes to DIR/NAME.log
# and its result to DIR/NAME.res, one line:
#   status exit_code start_epoch end_epoch seconds host
# (status passed or failed), where DIR is LIST without its .jobs suffix.
# Prints "job NAME: passed|FAILED in N s" and exits with the job's status.
set -u
cd "$(dirname "$0")/../.." || exit 2
[ $# -eq 2 ] || { echo "usage: tests/farm/run_job.sh LIST.jobs LINE|NAME" >&2; exit 2; }
list=$1 key=$2
[ -r "$list" ] || { echo "run_job.sh: no job list $list" >&2; exit 2; }
if [[ $key =~ ^[0-9]+$ ]]; then
    line=$(sed -n "${key}p" "$list")
else
    line=$(awk -F'\t' -v n="$key" '$1 == n { print; exit }' "$list")
fi
[[ $line == *$'\t'* ]] || { echo "run_job.sh: no job $key in $list" >&2; exit 2; }
name=${line%%$'\t'*} cmd=${line#*$'\t'}
dir=${list%.jobs}
mkdir -p "$dir" || exit 2
# A job runs the same under make -j and under Slurm: no make job server
# (a make inside the job builds on its own).
unset MAKEFLAGS MFLAGS MAKELEVEL
rm -f "$dir/$name.res"
t0=$(date +%s)
bash -c "$cmd" >"$dir/$name.log" 2>&1 </dev/null
rc=$?
t1=$(date +%s)
st=passed
[ "$rc" -eq 0 ] || st=failed
# written whole: the collector never reads half a result
echo "$st $rc $t0 $t1 $((t1 - t0)) $(hostname)" >"$dir/$name.res.tmp" && mv "$dir/$name.res.tmp" "$dir/$name.res"
echo "job $name: $([ "$rc" -eq 0 ] && echo passed || echo "FAILED (exit $rc, see $dir/$name.log)") in $((t1 - t0)) s"
exit "$rc"
