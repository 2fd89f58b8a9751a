#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# farm_test.sh - `make farm-test`: one small `make verify` job list run both
# ways the farm runs it, with the same summary required of both.
#   1. under make: `make -j2 verify` on the subset below;
#   2. on a one-node Slurm cluster started here, as root, from a slurm.conf
#      and a munge key written under $B/slurm (slurmctld, slurmd and munged
#      in the foreground, no systemd, no cgroups): the same list regenerated
#      (make verify-jobs) and submitted as a job array (tests/farm/submit.sh),
#      waited for with squeue, then collected (tests/farm/collect.sh).
# Each task must have run under Slurm (its Slurm output file is there, and
# its result names this host), and the two summaries ($B/jobs/verify/
# summary.txt: every job's status and each part's counts) must be
# identical. Stops the daemons it started, whatever happens. Prints
#   PASS farm-test: ... or FAIL farm-test: ...
# Environment: B (its own build directory; make farm-test uses
# $(B)/farm-test), MAKE, FARM_SLURM_PORT (slurmctld's; slurmd's is the next,
# default 6817), FARM_TIMEOUT (seconds to wait for the array, default 900).
set -u
cd "$(dirname "$0")/../.." || exit 2
B=${B:?farm_test.sh needs B, its own build directory}
MAKE=${MAKE:-make}
PORT=${FARM_SLURM_PORT:-6817}
TIMEOUT=${FARM_TIMEOUT:-900}
D=$PWD/$B/slurm   # absolute: the daemons do not run from here
list=$B/jobs/verify.jobs
# a few quick jobs of every kind the Slurm nodes must run: simulations with
# waveforms read back, Icarus, and a random design built by make inside a job
SUBSET=(VERIFY_PARTS="matrix icarus randcfg" VERIFY_CFGS=v4x4_fuse ICARUS_CFGS=t1x2d1_lockstep
        RANDCFG_N=1 RANDCFG_CHUNK=1 RANDCFG_INVALID=50)
mkdir -p "$B" || exit 2

fail() { echo "FAIL farm-test: $*"; exit 1; }

# 1. The list under make -j2.
echo "farm-test: make -j2 verify (log: $B/farm-make.log)"
t0=$(date +%s)
"$MAKE" -j2 B="$B" "${SUBSET[@]}" verify >"$B/farm-make.log" 2>&1 ||
    { tail -n 20 "$B/farm-make.log"; fail "make verify failed, see $B/farm-make.log"; }
cp "$B/jobs/verify/summary.txt" "$B/summary-make.txt"
echo "farm-test: make: $(grep -c . "$list") jobs in $(($(date +%s) - t0)) s"

# 2. The cluster.
pids=()
stop() {
    local p
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
    [ "${#pids[@]}" -gt 0 ] && echo "farm-test: stopped slurmd, slurmctld and munged (${pids[*]})"
}
trap stop EXIT

rm -rf "$D"
mkdir -p "$D/state" "$D/spool" "$D/munge" || exit 2
chmod 700 "$D/munge"
mungekey -c -k "$D/munge/munge.key" || fail "mungekey"
host=$(hostname -s)
# the node as slurmd sees it: its CPUs, sockets, cores and memory
node=$(slurmd -C | head -n 1)
[[ $node == NodeName=* ]] || fail "slurmd -C: $node"
cat >"$D/slurm.conf" <<EOF
# Written by tests/farm/farm_test.sh: a one-node cluster for make farm-test.
ClusterName=vssafarm
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$D/munge/munge.socket
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MailProg=/bin/true
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/slurmctld.log
SlurmdLogFile=$D/slurmd.log
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=farm Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF=$D/slurm.conf

munged -F --force --key-file="$D/munge/munge.key" --socket="$D/munge/munge.socket" \
    --pid-file="$D/munge/munged.pid" --log-file="$D/munge/munged.log" \
    --seed-file="$D/munge/munged.seed" >"$D/munged.out" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -S "$D/munge/munge.socket" ] && break; sleep 0.2; done
[ -S "$D/munge/munge.socket" ] || fail "munged did not start, see $D/munged.out"
slurmctld -D >"$D/slurmctld.out" 2>&1 &
pids+=($!)
sleep 1
slurmd -D >"$D/slurmd.out" 2>&1 &
pids+=($!)
echo "farm-test: munged, slurmctld and slurmd started (${pids[*]}), $SLURM_CONF"
state=
for _ in $(seq 60); do
    state=$(sinfo -h -n "$host" -o %t 2>/dev/null)
    [ "$state" = idle ] && break
    sleep 1
done
[ "$state" = idle ] || fail "node $host is '${state:-not known}', not idle; see $D/slurmctld.log, $D/slurmd.log"

# the same list, its results cleared; its prerequisites are already built
"$MAKE" B="$B" "${SUBSET[@]}" verify-jobs >"$B/farm-slurm.log" 2>&1 ||
    fail "make verify-jobs, see $B/farm-slurm.log"
n=$(grep -c . "$list")
t0=$(date +%s)
id=$(tests/farm/submit.sh "$list" --partition=farm 2>>"$B/farm-slurm.log") ||
    fail "sbatch, see $B/farm-slurm.log"
echo "farm-test: job array $id, tasks 1-$n"
while [ -n "$(squeue -h -j "$id" -o %i 2>/dev/null)" ]; do
    [ $(($(date +%s) - t0)) -lt "$TIMEOUT" ] || { scancel "$id"; fail "job array $id still running after $TIMEOUT s"; }
    sleep 2
done
echo "farm-test: Slurm: $n jobs in $(($(date +%s) - t0)) s"
tests/farm/collect.sh "$list" >>"$B/farm-slurm.log" 2>&1
crc=$?
cp "$B/jobs/verify/summary.txt" "$B/summary-slurm.txt"

# every task ran as a Slurm task, on this node
outs=$(find "$B/jobs/verify" -name "slurm-${id}_*.out" | wc -l)
[ "$outs" -eq "$n" ] || fail "$outs Slurm task outputs for $n jobs"
hosts=$(awk '{ print $6 }' "$B"/jobs/verify/*.res | sort -u)
[ "$hosts" = "$(hostname)" ] || fail "results from hosts '$hosts', not $(hostname)"
[ "$crc" -eq 0 ] || fail "the Slurm run's report failed, see $B/farm-slurm.log"
diff "$B/summary-make.txt" "$B/summary-slurm.txt" || fail "the summaries differ (make < > Slurm)"
echo "PASS farm-test: $n jobs under make -j2 and as Slurm array $id: identical summaries" \
     "($(tail -n 3 "$B/summary-slurm.txt" | paste -sd '|' | sed 's/|/ | /g'))"
