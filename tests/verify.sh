#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# verify.sh - the waveform-backed regression behind `make verify`: every
# configuration in VERIFY_CFGS x precision mix x arrival order x seed (plus,
# per mix, one run with permuted, spread or repeated indices and more keys
# than MAX_SEQ), each
# run with random valid gaps and ready back-pressure, recording an FST, and
# a cycle-model run without back-pressure. The harness checks every score,
# probability and O element against the golden model; every waveform is then
# read back: the counters and phase cycles recomputed from it, and every output
# beat in it matched against the beats the harness checked (in the model runs,
# the figures also held to the cycle model's per head). One line per run,
# then a summary.
# A checked waveform is deleted once it passes (a 32x32 run records tens of
# MB), except the first seed's with0 runs; failures keep theirs, and
# KEEP_WAVES=1 keeps every one. VERIFY_MIXES (default every mix) runs only
# the mixes named: `make verify` runs one configuration and mix per job.
set -u
cd "$(dirname "$0")/.."
B=${B:-build}
SEEDS=${SEEDS:-"1 2 3"}
MIXES="all8 mostly4 with0 skew0 even"
VERIFY_MIXES=${VERIFY_MIXES:-$MIXES}
out=$B/verify
mkdir -p "$out"
pass=0
fail=0
failed=()
for cfg in $VERIFY_CFGS; do
    sim=$B/sim/$cfg/vssa-sim
    maxseq=$(sed -n 's/^#define VSSA_MAX_SEQ //p' "rtl_out/$cfg.h")
    cols=$(sed -n 's/^#define VSSA_COLS //p' "rtl_out/$cfg.h")
    keys=$((maxseq < 256 ? maxseq : 256))
    comp=()   # a --comp design runs with comp_i high
    [ "$(sed -n 's/^#define VSSA_COMP //p' "rtl_out/$cfg.h")" = 1 ] && comp=(--comp)
    mi=0
    for mix in $MIXES; do
        mi=$((mi + 1))   # counts every mix: the key order of the extra run depends on it
        [[ " $VERIFY_MIXES " = *" $mix "* ]] || continue
        for order in random alternate labels; do
            for seed in $SEEDS; do
                for mode in "gaps" "model"; do
                    ord=$order nk=$keys
                    if [ "$order" = labels ]; then
                        # one more run per mix: keys out of order, with
                        # spread or repeated indices, half again as many as
                        # MAX_SEQ where that is at most 256 keys
                        [ "$seed" = "${SEEDS%% *}" ] && [ "$mode" = gaps ] || continue
                        ords=(permuted sparse repeat)
                        ord=${ords[mi % 3]}
                        [ $((maxseq + maxseq / 2)) -le 384 ] && nk=$((maxseq + maxseq / 2))
                    fi
                    name=$cfg-$mix-$ord-s$seed-$mode
                    if [ "$mode" = gaps ]; then
                        args=(--gaps 25 --backpressure 25 --wave "$out/$name.fst")
                    else
                        args=(--wave "$out/$name.fst" --model-out "$out/$name.model")
                    fi
                    args+=(--beats-out "$out/$name.beats")
                    log="$out/$name.log"
                    t0=$(date +%s%N)
                    "$sim" --seed "$seed" --mix "$mix" --order "$ord" --keys "$nk" --heads 2 \
                        --queries $((2 * cols)) "${comp[@]}" "${args[@]}" >"$log" 2>&1
                    rc=$?
                    ms=$((($(date +%s%N) - t0) / 1000000))
                    summary=$(grep -E '^(scores|cycles):' "$log" | tr '\n' ' ')
                    if [ "$rc" -eq 0 ]; then
                        model=(--beats "$out/$name.beats")
                        [ "$mode" = model ] && model+=(--model "$out/$name.model")
                        "$B/vssa-fstcheck" "$out/$name.fst" vssa "${model[@]}" >>"$log" 2>&1
                        rc=$?
                    fi
                    if [ "$rc" -eq 0 ]; then
                        pass=$((pass + 1))
                        if [ "${KEEP_WAVES:-0}" != 1 ] && { [ "$seed" != "${SEEDS%% *}" ] || [ "$mix" != with0 ]; }; then
                            rm -f "$out/$name.fst" "$out/$name.beats"
                        fi
                        printf 'PASS %-36s %s(%d ms)\n' "$name" "$summary" "$ms"
                    else
                        fail=$((fail + 1))
                        failed+=("$name")
                        printf 'FAIL %-36s see %s\n' "$name" "$log"
                        grep -E '^(MISMATCH|FAIL)|error' "$log" | head -5 | sed 's/^/     /'
                    fi
                done
            done
        done
    done
done
echo
echo "waveforms and logs: $out/ ($(ls "$out"/*.fst 2>/dev/null | wc -l) waveforms kept, $(du -sh "$out" | cut -f1))"
[ "$fail" -gt 0 ] && printf 'failed: %s\n' "${failed[@]}"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
