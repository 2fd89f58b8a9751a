#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run_fuzz.sh - runs the libFuzzer targets built in $B/fuzz, each from a copy
# of its seed corpus in tests/fuzz/corpus/TARGET, and prints one line per
# target: executions and crashes. Writes CSV (target, mode, limit,
# executions, crashes, seconds, date) to the file CSV.
#   run_fuzz.sh time SECONDS CSV TARGET...   each target for SECONDS
#   run_fuzz.sh runs N CSV TARGET...         each target for N inputs
# Exit status 1 if any target crashed (its input is kept as
# $B/fuzz/crash-TARGET-*, and the command that repeats it is printed).
set -u
cd "$(dirname "$0")/../.."
B=${B:-build}
mode=$1 limit=$2 csv=$3
shift 3
case $mode in
time) opt=-max_total_time=$limit ;;
runs) opt=-runs=$limit ;;
*) echo "run_fuzz.sh: mode time or runs, not '$mode'" >&2; exit 2 ;;
esac
mkdir -p "$B/fuzz"
echo "target,mode,limit,executions,crashes,seconds,date" >"$csv.tmp"
status=0
for t in "$@"; do
    bin=$B/fuzz/fuzz_$t work=$B/fuzz/corpus-$t log=$B/fuzz/$t.log
    mkdir -p "$work"
    rm -f "$B/fuzz/crash-$t-"*
    start=$(date +%s)
    # inputs up to 8 KiB reach the parsers' 4096-byte line limit; a leak
    # or a sanitizer report is a crash too
    "$bin" "$opt" -max_len=8192 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$B/fuzz/crash-$t-" "$work" "tests/fuzz/corpus/$t" >"$log" 2>&1
    rc=$?
    secs=$(($(date +%s) - start))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    crashes=$(find "$B/fuzz" -maxdepth 1 -name "crash-$t-*" | wc -l)
    if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes=1; fi   # died without an artifact
    echo "fuzz $t: ${execs:-0} executions, $crashes crashes, $secs s"
    echo "$t,$mode,$limit,${execs:-0},$crashes,$secs,$(date -u +%Y-%m-%d)" >>"$csv.tmp"
    if [ "$crashes" -gt 0 ]; then
        status=1
        grep -E 'ERROR|SUMMARY' "$log" | head -n 5 | sed 's/^/     /'
        for c in "$B/fuzz/crash-$t-"*; do
            [ -e "$c" ] && echo "     repeat: $bin $c"
        done
    fi
done
mv "$csv.tmp" "$csv"
exit $status
