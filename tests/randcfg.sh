#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# randcfg.sh - seeded random vssagen configurations.
#
#   tests/randcfg.sh VALID INVALID [SEED]
#
# VALID random valid option sets (tests/vssa_readback.c --random-valid) are
# each generated with -o and --params, read back against their options
# (vssa-readback), and linted (verilator --lint-only -Wall, iverilog
# -g2005); the first RANDCFG_COSIM of them (default 0) are also
# co-simulated (cosim_config below; about a minute each on two cores). INVALID random invalid option sets (--random-invalid) must each
# exit 2, print one line on stderr, and write neither the -o nor the
# --params file. Configuration i uses seed SEED+i (SEED defaults to 1), so a
# failure prints its seed and the exact command that repeats it. Ends with
#   randcfg: N valid passed, N failed; M invalid refused, K not
# and exits non-zero if anything failed.
#
# Environment: B (build directory, default build), VSSAGEN (default
# $B/vssagen), READBACK (default $B/vssa-readback), RANDCFG_COSIM (a count).
set -u
cd "$(dirname "$0")/.."
B=${B:-build}
VSSAGEN=${VSSAGEN:-$B/vssagen}
READBACK=${READBACK:-$B/vssa-readback}
COSIM=${RANDCFG_COSIM:-0}
nvalid=${1:?usage: tests/randcfg.sh VALID INVALID [SEED]}
ninvalid=${2:?usage: tests/randcfg.sh VALID INVALID [SEED]}
seed0=${3:-1}
D=$B/randcfg
mkdir -p "$D"

quote() { printf '%q ' "$@"; }

# cosim_config NAME [OPTIONS...]: the co-simulation hook. Builds
# $B/sim/NAME/vssa-sim through the Makefile (with CFG_NAME=OPTIONS on the
# make command line when options are given, else NAME's configuration in
# tests/configs.mk) and runs it on four workloads: up to 2*MAX_SEQ keys
# (MAX_SEQ with PREC_HW, where vssa-sim keeps every key),
# four mixes, gaps and back-pressure, seeds derived from NAME. Returns
# non-zero on any failure, printing the command that repeats it.
cosim_config() {
    local name=$1 maxseq mix keys i seed h
    shift
    local -a cfg=()
    [ $# -eq 0 ] || cfg=("CFG_$name=$*")
    make -s B="$B" "${cfg[@]}" "$B/sim/$name/vssa-sim" >"$D/$name.build.log" 2>&1 ||
        { echo "  build: make B=$B $(quote "${cfg[@]}")$B/sim/$name/vssa-sim"; tail -5 "$D/$name.build.log"; return 1; }
    maxseq=$(sed -n 's/^#define VSSA_MAX_SEQ \([0-9]*\)$/\1/p' "rtl_out/$name.h")
    # vssa-sim keeps every key of a set under --precision hw (ranked designs)
    local kmax=$((2 * maxseq))
    grep -q '^#define VSSA_PREC_HW 1$' "rtl_out/$name.h" && kmax=$maxseq
    h=$(cksum <<<"$name" | cut -d' ' -f1)
    i=0
    # each mix with its own key order: permuted, spread and repeated
    # indices, and keys sorted by class
    local -a orders=(permuted sparse repeat sorted)
    for mix in with0 skew0 half all8; do
        i=$((i + 1))
        seed=$(((h + i * 7919) % 100000))
        keys=$((seed % kmax + 1))
        local args=(--quiet --seed "$seed" --keys "$keys" --mix "$mix" --order "${orders[i - 1]}"
                    --gaps 20 --backpressure 20)
        if ! "$B/sim/$name/vssa-sim" "${args[@]}" >"$D/$name.sim.log" 2>&1; then
            echo "  cosim: $B/sim/$name/vssa-sim ${args[*]}"
            grep -m 5 -E 'MISMATCH|FAIL|error' "$D/$name.sim.log"
            return 1
        fi
    done
    rm -rf "$B/sim/$name" "$D/$name.build.log" "$D/$name.sim.log"   # a passing build is not kept
}

valid_one() {   # valid_one SEED COSIM: generate, read back, lint (and co-simulate if COSIM is 1)
    local s=$1 name=rand$1 out
    local -a opts
    mapfile -t opts < <("$READBACK" --random-valid "$s")
    local v=$D/$name.v h=$D/$name.h
    rm -f "$v" "$h"
    out=$("$VSSAGEN" "${opts[@]}" -o "$v" --params "$h" 2>&1) ||
        { echo "vssagen exit $?: $out"; return 1; }
    out=$("$READBACK" "$v" -- "${opts[@]}" 2>&1) || { echo "$out"; return 1; }
    out=$(verilator --lint-only -Wall "$v" 2>&1)
    [ -z "$out" ] || { echo "verilator --lint-only -Wall $v:"; echo "$out" | head -20; return 1; }
    # not -o /dev/null: iverilog chmods its output file
    out=$(iverilog -g2005 -o "$D/$name.vvp" "$v" 2>&1) || { echo "iverilog -g2005 $v:"; echo "$out" | head -20; return 1; }
    if [ "$2" = 1 ]; then
        cosim_config "$name" "${opts[@]}" || return 1
    fi
    return 0
}

invalid_one() {   # invalid_one SEED: exit 2, one line on stderr, nothing written
    local s=$1 out rc why
    local o=$D/inv$s.v p=$D/inv$s.h
    local -a opts
    mapfile -t opts < <("$READBACK" --random-invalid "$s" "$o" "$p")
    why=${opts[-1]#\# }
    unset 'opts[-1]'
    rm -f "$o" "$p"
    out=$("$VSSAGEN" "${opts[@]}" 2>&1 >"$D/inv$s.stdout"); rc=$?
    local bad=""
    [ "$rc" -eq 2 ] || bad="exit $rc, want 2"
    [ -n "$bad" ] || [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || bad="stderr is not one line"
    [ -n "$bad" ] || [ -n "$out" ] || bad="nothing on stderr"
    [ -n "$bad" ] || [ ! -e "$o" ] || bad="$o written"
    [ -n "$bad" ] || [ ! -e "$p" ] || bad="$p written"
    [ -n "$bad" ] || [ ! -s "$D/inv$s.stdout" ] || bad="design written to stdout"
    [ -n "$bad" ] || ! ls "$D" | grep -q "^inv$s\.[vh]\.tmp" || bad="temporary file left behind"
    rm -f "$o" "$p" "$D/inv$s.stdout"
    [ -z "$bad" ] && return 0
    echo "($why) $bad"
    printf '%s\n' "$out" | head -3
    return 1
}

# Valid configurations run RANDCFG_JOBS at a time (default 2, one a core:
# each Verilator build is one compiler at a time); each leaves its verdict
# in $D/rand<seed>.res, read back in seed order.
JOBS=${RANDCFG_JOBS:-2}
valid_job() {   # valid_job SEED COSIM
    local msg
    if msg=$(valid_one "$1" "$2" 2>&1); then
        echo pass >"$D/rand$1.res"
        rm -f "$D/rand$1.v" "$D/rand$1.h" "$D/rand$1.vvp" "rtl_out/rand$1.v" "rtl_out/rand$1.h"
    else
        printf 'fail\n%s\n' "$msg" >"$D/rand$1.res"
    fi
}
for ((i = 0; i < nvalid; i++)); do
    rm -f "$D/rand$((seed0 + i)).res"
    valid_job "$((seed0 + i))" "$((i < COSIM ? 1 : 0))" &
    while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
done
wait
vpass=0 vfail=0 ipass=0 ifail=0
for ((i = 0; i < nvalid; i++)); do
    s=$((seed0 + i))
    if [ "$(head -n 1 "$D/rand$s.res" 2>/dev/null)" = pass ]; then
        vpass=$((vpass + 1))
        rm -f "$D/rand$s.res"
    else
        vfail=$((vfail + 1))
        msg=$(tail -n +2 "$D/rand$s.res" 2>/dev/null)
        mapfile -t o < <("$READBACK" --random-valid "$s")
        echo "FAIL randcfg valid seed $s: $msg" | head -30
        echo "     repeat: $VSSAGEN $(quote "${o[@]}")-o $D/rand$s.v --params $D/rand$s.h && $READBACK $D/rand$s.v -- $(quote "${o[@]}")"
        echo "     (or: B=$B RANDCFG_COSIM=$((i < COSIM ? 1 : 0)) tests/randcfg.sh 1 0 $s)"
    fi
done
for ((i = 0; i < ninvalid; i++)); do
    s=$((seed0 + i))
    if msg=$(invalid_one "$s" 2>&1); then
        ipass=$((ipass + 1))
    else
        ifail=$((ifail + 1))
        mapfile -t o < <("$READBACK" --random-invalid "$s" "$D/inv$s.v" "$D/inv$s.h")
        unset 'o[-1]'
        echo "FAIL randcfg invalid seed $s: $msg"
        echo "     repeat: $VSSAGEN $(quote "${o[@]}")"
        echo "     (or: B=$B tests/randcfg.sh 0 1 $s)"
    fi
done
echo "randcfg: $vpass valid passed, $vfail failed; $ipass invalid refused, $ifail not"
[ "$vfail" -eq 0 ] && [ "$ifail" -eq 0 ]
