#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# collect_test.sh DIR - the farm's runner and collector on a made-up verify
# job list in DIR (make test: check farm/collect): jobs that pass, fail with
# their own summary, fail without one, and never run. The merged counts,
# the per-job summary and the exit status must say so; then the same list,
# every job passing, must collect to PASSED. Seconds, no daemons.
set -u
cd "$(dirname "$0")/../.." || exit 2
T=${1:?usage: tests/farm/collect_test.sh DIR}
rm -rf "$T" && mkdir -p "$T/jobs" || exit 2
list=$T/jobs/verify.jobs
bad() { echo "collect_test: $*"; exit 1; }

{
    printf '%s\t%s\n' matrix-a 'echo "PASS a"; echo; echo "2 passed, 0 failed"'
    printf '%s\t%s\n' matrix-b 'echo "FAIL b"; echo "failed: b"; echo "1 passed, 1 failed"; exit 1'
    printf '%s\t%s\n' matrix-c 'exit 3'
    printf '%s\t%s\n' randcfg-valid-1 'echo "randcfg: 5 valid passed, 0 failed; 0 invalid refused, 0 not"'
    printf '%s\t%s\n' randcfg-invalid 'echo "randcfg: 0 valid passed, 0 failed; 7 invalid refused, 0 not"'
} >"$list"
mkdir -p "$T/jobs/verify" && date +%s >"$T/jobs/verify/started"
for k in 1 2 matrix-c randcfg-valid-1; do tests/farm/run_job.sh "$list" "$k" >/dev/null; done
out=$(tests/farm/collect.sh "$list" 2>&1) && bad "a run with failures collected to exit 0"
sum=$T/jobs/verify/summary.txt
for want in "matrix-a passed" "matrix-b failed" "matrix-c failed" "randcfg-invalid missing" \
            "matrix: 3 passed, 2 failed" "randcfg: 5 valid passed, 0 failed; 0 invalid refused, 1 not"; do
    grep -qxF "$want" "$sum" || { cat "$sum"; bad "no line '$want' in $sum"; }
done
grep -q '^failed: job matrix-c (exit 3, no summary)$' "$T/verify/part-matrix.log" || bad "matrix-c not named"
grep -q '^verify: .*FAILED$' <<<"$out" || bad "no FAILED verdict"

# every job run (make -j2 over the list): PASSED, the counts summed
sed -i 's/; exit 1//; s/exit 3/echo "4 passed, 0 failed"/; s/1 passed, 1 failed/2 passed, 0 failed/' "$list"
make -s -j2 -f tests/farm/jobs.mk LIST="$list" >/dev/null || bad "make -f tests/farm/jobs.mk failed"
out=$(tests/farm/collect.sh "$list" 2>&1) || { echo "$out"; bad "an all-pass run collected to non-zero"; }
grep -qxF "matrix: 8 passed, 0 failed" "$sum" || bad "matrix counts not summed: $(grep matrix: "$sum")"
grep -qxF "randcfg: 5 valid passed, 0 failed; 7 invalid refused, 0 not" "$sum" || bad "randcfg counts not summed"
grep -q '^verify: .*PASSED$' <<<"$out" || bad "no PASSED verdict"
echo "collect_test: failed, silent and missing jobs reported; all-pass run PASSED"
