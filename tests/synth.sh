#!/usr/bin/env bash
# synth.sh - Yosys `synth` + `stat` of one generated design per policy, kept
# hierarchical, reporting each concern's cells and the scheduler's share
# (dispatch, its tile table and the sequencer) of the whole design.
# Usage: synth.sh CFG...
set -u
cd "$(dirname "$0")/.."
B=${B:-build}
mkdir -p "$B/synth"
# sched% is (dispatch + tile table + sequencer) / all cells; sched/PE relates
# it to the PE array alone, since the key banks (flip-flops here) dominate.
printf '%-16s %8s %8s %8s %8s %6s %9s %6s %7s %8s\n' design total pe-array lanes dispatch table sequencer drain sched% sched/PE
status=0
for cfg in "$@"; do
    log=$B/synth/$cfg.log
    if ! yosys -p 'synth -top vssa; stat' "rtl_out/$cfg.v" >"$log" 2>&1; then
        echo "FAIL $cfg: yosys, see $log"
        status=1
        continue
    fi
    # stat prints each module's count, then the hierarchy total; keep the last.
    awk -v cfg="$cfg" '
        /^=== / { mod = $2; sub(/.*\\/, "", mod) }
        /Number of cells:/ { cells[mod] = $4 }
        /^=== design hierarchy ===/ { hier = 1; mod = "hierarchy" }
        hier && /^ +[^ ]+ +[0-9]+$/ { m = $1; sub(/.*\\/, "", m); inst[m] = $2 }
        END {
            total = cells["hierarchy"]
            pes = inst["vssa_lane"] * inst["vssa_pe"] * cells["vssa_pe"]
            lanes = inst["vssa_lane"] * cells["vssa_lane"]
            s = cells["vssa_dispatch"] + cells["vssa_tile_table"] + cells["vssa_sequencer"]
            printf "%-16s %8d %8d %8d %8d %6d %9d %6d %6.2f%% %7.1f%%\n", cfg, total, pes, lanes,
                   cells["vssa_dispatch"], cells["vssa_tile_table"], cells["vssa_sequencer"],
                   cells["vssa_drain"], 100 * s / total, 100 * s / pes
        }' "$log"
done
exit $status
