#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# slurm.sh LIST - the batch script of a Slurm job array over a job list:
#   sbatch --array=1-N --chdir=REPO tests/farm/slurm.sh LIST
# Task i runs line i of LIST (tests/farm/run_job.sh), in the repository
# (a file system every node shares). tests/farm/submit.sh submits it.
#SBATCH --job-name=vssa-farm
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=1
set -u
: "${SLURM_ARRAY_TASK_ID:?slurm.sh runs as a task of sbatch --array}"
# sbatch runs a copy of this script: the repository is the submit directory
cd "${SLURM_SUBMIT_DIR:?}" || exit 2
exec tests/farm/run_job.sh "$1" "$SLURM_ARRAY_TASK_ID"
