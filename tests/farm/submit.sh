#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# submit.sh LIST [SBATCH_OPTION...] - submits a job list as one Slurm job
# array, a task per line (tests/farm/slurm.sh), from the repository, each
# task's Slurm output in DIR/slurm-JOBID_TASK.out. Prints the array's job id.
# Options (e.g. --partition=P, --time=2:00:00, --mem=4G) go to sbatch.
set -u
cd "$(dirname "$0")/../.." || exit 2
list=${1:?usage: tests/farm/submit.sh LIST.jobs [SBATCH_OPTION...]}
shift
[ -s "$list" ] || { echo "submit.sh: no job list $list" >&2; exit 2; }
n=$(wc -l <"$list")
dir=${list%.jobs}
mkdir -p "$dir" || exit 2
exec sbatch --parsable --array=1-"$n" --chdir="$PWD" --output="$dir/slurm-%A_%a.out" "$@" \
    tests/farm/slurm.sh "$list"
