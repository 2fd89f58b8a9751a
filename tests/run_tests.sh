#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run_tests.sh - the quick test suite behind `make test`: sanitized unit tests,
# co-simulation of the small configurations under random gaps and
# back-pressure, checks that a corrupted result is caught, and lint of the
# generated designs. Prints one line per check and "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
B=${B:-build}
pass=0
fail=0
failed=()
exec 3>&1   # unit test summaries go here, past check's capture

selected() {   # T=pattern (an extended regular expression) picks checks by name
    [ -z "${T:-}" ] || grep -Eq -- "$T" <<<"$1"
}

check() {   # check NAME CMD...: run CMD, count it, keep its output on failure
    local name=$1
    shift
    selected "$name" || return 0
    local out
    if out=$("$@" 2>&1); then
        pass=$((pass + 1))
        echo "ok   $name"
    else
        fail=$((fail + 1))
        failed+=("$name")
        echo "FAIL $name"
        printf '%s\n' "$out" | tail -n 25 | sed 's/^/     /'
    fi
}

expect_fail() {   # the simulator must exit 1 and name the mismatch's level, query, key or element, and cycle
    local out rc
    out=$("$@" 2>&1)
    rc=$?
    [ "$rc" -eq 1 ] || { echo "exit status $rc, expected 1"; return 1; }
    grep -Eq '^MISMATCH (score|probability|output) query [0-9]+ (key|element) [0-9]+ cycle [0-9]+: expected -?[0-9]+, got -?[0-9]+$' <<<"$out" ||
        { echo "no MISMATCH line naming level, query, key or element, and cycle"; printf '%s\n' "$out"; return 1; }
    grep -q '^RESULT: FAIL' <<<"$out" || { echo "no RESULT: FAIL line"; return 1; }
}

wave_checked() {   # record an FST, then recompute the counters and output beats from it
    local f=$1
    shift
    rm -f "$f" "$f.beats"
    "$@" --wave "$f" --beats-out "$f.beats" >/dev/null || return 1
    [ -s "$f" ] || { echo "no waveform written"; return 1; }
    "$B/vssa-fstcheck" "$f" vssa --beats "$f.beats"
}

wave_model_checked() {   # ... and, without back-pressure, against the cycle model too
    local f=$1
    shift
    rm -f "$f" "$f.model" "$f.beats"
    "$@" --wave "$f" --model-out "$f.model" --beats-out "$f.beats" >/dev/null || return 1
    "$B/vssa-fstcheck" "$f" vssa --model "$f.model" --beats "$f.beats"
}

fstcheck_catches() {   # one altered figure, beat or data bit in the files is reported
    local f=$B/fstcheck-neg.fst sim=$B/sim/t4x4_fuse/vssa-sim out
    wave_model_checked "$f" "$sim" --quiet --mix with0 --keys 20 >/dev/null || return 1
    awk 'NR == 1 { $7 = $7 + 1 } { print }' "$f.model" >"$f.m2"   # softmax phase cycles
    out=$("$B/vssa-fstcheck" "$f" vssa --model "$f.m2" --beats "$f.beats")
    grep -q '^FAIL pass 0: softmax phase from the waveform' <<<"$out" || { echo "phase: $out"; return 1; }
    awk 'NR == 9 { $6 = substr($6, 1, length($6) - 1) ($6 ~ /0$/ ? "1" : "0") } { print }' \
        "$f.beats" >"$f.b2"   # one data bit of the ninth beat
    out=$("$B/vssa-fstcheck" "$f" vssa --model "$f.model" --beats "$f.b2")
    grep -q '^FAIL beat 9: waveform cycle' <<<"$out" || { echo "data: $out"; return 1; }
    grep -v '^wave ' "$f.beats" | head -n -1 >"$f.b2"   # the last beat missing from the file
    out=$("$B/vssa-fstcheck" "$f" vssa --beats "$f.b2")
    grep -q 'the beats file has no such beat' <<<"$out" || { echo "missing: $out"; return 1; }
    ! "$B/vssa-fstcheck" "$f" vssa --beats "$f.b2" >/dev/null || { echo "exit 0"; return 1; }
}

fstcheck_bad_files() {   # a beats or model file too long or malformed: exit 2, one line naming file and line
    local f=$B/fstcheck-bad.fst sim=$B/sim/t4x4_fuse/vssa-sim
    wave_model_checked "$f" "$sim" --quiet --keys 8 >/dev/null || return 1
    { head -n 3 "$f.beats"; printf '9 0 0 0 0 %0100000d\n' 0; } >"$f.long"
    refused "" "$B/vssa-fstcheck" "$f" vssa --beats "$f.long" || return 1
    grep -q "$f.long:4: line longer than 4096 bytes" <<<"$("$B/vssa-fstcheck" "$f" vssa --beats "$f.long" 2>&1)" ||
        { echo "long line: no file:line"; return 1; }
    local bad
    for bad in '12 0 0 0 x 00ff' '12 4 0 0 0 00ff' '12 0 0 0 0 00FF' '12 0 0 0 0' '12  0 0 0 0 00ff' \
               '-1 0 0 0 0 00ff' '12 0 0 0 99999999999 00ff'; do
        { head -n 2 "$f.beats"; echo "$bad"; } >"$f.b2"
        out=$("$B/vssa-fstcheck" "$f" vssa --beats "$f.b2" 2>&1 >/dev/null); rc=$?
        [ "$rc" -eq 2 ] && [ "$(wc -l <<<"$out")" -eq 1 ] && grep -q "$f.b2:3: not a beat" <<<"$out" ||
            { echo "beats line '$bad': exit $rc: $out"; return 1; }
    done
    for bad in '1 2 3 4 5 6 7' '1 2 3 4 5 6 7 8 9' 'command stop' '1 2 3 4 5 6 7 x'; do
        { head -n 1 "$f.model"; echo "$bad"; } >"$f.m2"
        out=$("$B/vssa-fstcheck" "$f" vssa --model "$f.m2" 2>&1 >/dev/null); rc=$?
        [ "$rc" -eq 2 ] && [ "$(wc -l <<<"$out")" -eq 1 ] && grep -q "$f.m2:2: not a head's eight" <<<"$out" ||
            { echo "model line '$bad': exit $rc: $out"; return 1; }
    done
}

fstcheck_damaged_fst() {   # empty, truncated, garbled or bit-flipped waveforms: exit 2, one line
    local f=$B/fstcheck-dmg.fst sim=$B/sim/t4x4_fuse/vssa-sim size out rc d
    wave_checked "$f" "$sim" --quiet --keys 12 >/dev/null || return 1
    grep -Eq '^wave [0-9]+ [0-9a-f]{8}$' <(tail -n 1 "$f.beats") || { echo "no wave line in the beats file"; return 1; }
    size=$(stat -c %s "$f")
    : >"$f.empty"
    head -c $((size / 2)) "$f" >"$f.trunc"
    head -c 200 "$f" >"$f.short"
    { printf 'garbage!'; tail -c +9 "$f"; } >"$f.header"
    flip() {   # flip OFFSET: sixteen bytes inverted from OFFSET on
        python3 -c 'import sys; d = bytearray(open(sys.argv[1], "rb").read()); o = int(sys.argv[2])
for i in range(o, o + 16): d[i] ^= 0xff
open(sys.argv[1] + ".flip", "wb").write(d)' "$f" "$1"
    }
    for d in empty trunc short header; do
        out=$("$B/vssa-fstcheck" "$f.$d" vssa 2>&1 >/dev/null); rc=$?
        [ "$rc" -eq 2 ] && [ "$(wc -l <<<"$out")" -eq 1 ] && grep -q "damaged FST file" <<<"$out" ||
            { echo "$d: exit $rc: $out"; return 1; }
    done
    # the middle of the value changes: only the size and CRC-32 in the beats file tell
    flip $((size / 2))
    out=$("$B/vssa-fstcheck" "$f.flip" vssa --beats "$f.beats" 2>&1 >/dev/null); rc=$?
    [ "$rc" -eq 2 ] && [ "$(wc -l <<<"$out")" -eq 1 ] && grep -q "damaged FST file.*CRC-32" <<<"$out" ||
        { echo "flipped middle: exit $rc: $out"; return 1; }
    # the first value-change block's header (at 330, after the 329-byte file
    # header and a type byte and length): its memory size and frame sizes,
    # which only the fstapi reader, in its child process, trips over
    flip 355
    out=$("$B/vssa-fstcheck" "$f.flip" vssa 2>&1 >/dev/null); rc=$?
    [ "$rc" -eq 2 ] && [ "$(wc -l <<<"$out")" -eq 1 ] && grep -q "damaged FST file" <<<"$out" ||
        { echo "flipped first block: exit $rc: $out"; return 1; }
}

echo "== unit tests (AddressSanitizer + UBSan)"
unit() {   # cmocka prints its summary on stderr; show it with the check
    local log="$B/test_$1.log"
    "$B/test_$1" "${VSSAGEN:-$B/vssagen}" >"$log" 2>&1
    local rc=$?
    grep -E '^\[  (PASSED|FAILED)  \]' "$log" | sed "s/^/     $1: /" >&3
    [ "$rc" -eq 0 ] || cat "$log"
    return "$rc"
}
for t in golden plan arch cli npy; do
    check "unit/$t" unit "$t"
done

echo "== fuzzing: each libFuzzer target (ASan + UBSan) on ${FUZZ_RUNS:-20000} inputs"
for t in npy beats model; do
    check "fuzz/$t/${FUZZ_RUNS:-20000}-runs" tests/fuzz/run_fuzz.sh runs "${FUZZ_RUNS:-20000}" \
        "$B/fuzz/fuzz-smoke-$t.csv" "$t"
done
# vssagen emits and reads back a whole design per input (about 200 a second)
check "fuzz/vssagen/${FUZZ_VSSAGEN_RUNS:-4000}-runs" tests/fuzz/run_fuzz.sh runs \
    "${FUZZ_VSSAGEN_RUNS:-4000}" "$B/fuzz/fuzz-smoke-vssagen.csv" vssagen

echo "== the golden model's command line on .npy files"
npy_i1() {   # npy_i1 FILE ROWS COLS BYTE...: a C-order int8 .npy (format 1.0); COLS - is 1-D
    local f=$1 r=$2 c=$3 h shape
    shift 3
    if [ "$c" = - ]; then shape="($r,)"; else shape="($r, $c)"; fi
    h="{'descr': '|i1', 'fortran_order': False, 'shape': $shape, }"
    while [ $(((10 + ${#h} + 1) % 64)) -ne 0 ]; do h="$h "; done
    { printf '\x93NUMPY\x01\x00'; printf "\\x$(printf %02x $(((${#h} + 1) % 256)))\\x$(printf %02x $(((${#h} + 1) / 256)))"
      printf '%s\n' "$h"; for x in "$@"; do printf "\\x$(printf %02x $((x & 255)))"; done; } >"$f"
}
refused() {   # refused "FILE..." CMD...: exit 2, one line on stderr, none of the files written
    local files=$1 out rc f
    shift
    # shellcheck disable=SC2086
    rm -f $files
    out=$("$@" 2>&1 >/dev/null); rc=$?
    [ "$rc" -eq 2 ] || { echo "$*: exit $rc, want 2"; return 1; }
    [ "$(wc -l <<<"$out")" -eq 1 ] || { echo "$*: not one line: $out"; return 1; }
    for f in $files; do
        [ ! -e "$f" ] || { echo "$*: $f written"; return 1; }
    done
}
golden_cli() {   # a tiny int8 head: outputs written, bad inputs refused with exit 2
    local d=$B/npy-cli G=$B/vssa-golden-san out rc
    rm -rf "$d"; mkdir -p "$d"
    npy_i1 "$d/q.npy" 2 3 10 -20 30 -40 50 -60
    npy_i1 "$d/k.npy" 3 3 1 2 3 -4 -5 -6 7 8 9
    npy_i1 "$d/v.npy" 3 3 -1 -2 -3 4 5 6 127 -128 0
    npy_i1 "$d/k2.npy" 3 2 1 2 3 4 5 6
    npy_i1 "$d/t.npy" 3 1 0 1 0
    head -c 100 "$d/v.npy" >"$d/short.npy"
    local ok=(--q "$d/q.npy" --k "$d/k.npy" --v "$d/v.npy" --scales 0.1,0.1,0.1,0.05)
    "$G" "${ok[@]}" --out "$d/o.npy" --probs-out "$d/p.npy" >/dev/null || return 1
    [ $(($(stat -c %s "$d/o.npy") % 64)) -eq 6 ] || { echo "O.npy size"; return 1; }
    [ $(($(stat -c %s "$d/p.npy") % 64)) -eq 12 ] || { echo "P.npy size"; return 1; }
    for bad in "--v $d/short.npy" "--k $d/k2.npy" "--tags $d/t.npy" "--q $d/missing.npy" \
               "--scales 1,2" "--round up"; do
        # shellcheck disable=SC2086
        refused "$d/o2.npy" "$G" "${ok[@]}" $bad --out "$d/o2.npy" || return 1
    done
    # float input needs no scales; int8 input without them is refused
    out=$("$G" --q "$d/q.npy" --k "$d/k.npy" --v "$d/v.npy" 2>&1); rc=$?
    [ "$rc" -eq 2 ] || { echo "int8 without --scales: exit $rc"; return 1; }
}
check "golden/cli-npy-in-out-and-refusals" golden_cli

npy_words() {   # npy_words FILE BYTES: the data of a .npy as unsigned words of BYTES, one a line
    local f=$1 hl
    hl=$(od -An -tu2 -j8 -N2 "$f" | tr -d ' ')
    od -An -v -tu"$2" -j$((10 + hl)) "$f" | tr -s ' ' '\n' | sed '/^$/d'
}
golden_tiers() {   # importance carried between heads, ranked into the next classes
    local d=$B/npy-tiers G=$B/vssa-golden-san out rc
    rm -rf "$d"; mkdir -p "$d"
    npy_i1 "$d/q.npy" 2 3 10 -20 30 -40 50 -60
    npy_i1 "$d/k.npy" 4 3 1 2 3 -4 -5 -6 7 8 9 20 -30 40
    npy_i1 "$d/v.npy" 4 3 -1 -2 -3 4 5 6 127 -128 0 9 9 9
    npy_i1 "$d/i5.npy" 5 - 0 0 0 0 0
    local ok=(--q "$d/q.npy" --k "$d/k.npy" --v "$d/v.npy" --scales 0.1,0.1,0.1,0.05)
    "$G" "${ok[@]}" --probs-out "$d/p1.npy" --imp-out "$d/i1.npy" >/dev/null || return 1
    "$G" "${ok[@]}" --probs-out "$d/p2.npy" --imp-in "$d/i1.npy" --imp-out "$d/i2.npy" \
        --rank 50/25/25 --tags-out "$d/t.npy" >/dev/null || return 1
    # the counters are the column sums of both heads' probabilities
    local want got
    want=$(paste <(npy_words "$d/p1.npy" 2) <(npy_words "$d/p2.npy" 2) |
           awk '{ s[(NR - 1) % 4] += $1 + $2 } END { for (j = 0; j < 4; j++) print s[j] }')
    got=$(npy_words "$d/i2.npy" 8)
    [ "$want" = "$got" ] || { echo "counters $got, want $want"; return 1; }
    # ranked: the two largest counters class 0, then one each (ties to the lower index)
    got=$(npy_words "$d/t.npy" 4 | tr '\n' ' ')
    want=$(paste <(npy_words "$d/i2.npy" 8) <(seq 0 3) | sort -k1,1nr -k2,2n |
           awk '{ c[$2] = NR <= 2 ? 0 : NR == 3 ? 1 : 2 } END { for (j = 0; j < 4; j++) printf "%d ", c[j] }')
    [ "$got" = "$want" ] || { echo "classes $got, want $want"; return 1; }
    "$G" "${ok[@]}" --tags "$d/t.npy" --comp >/dev/null || { echo "tags-out not taken as --tags"; return 1; }
    # saturation at 16 + ceil(log2 1) = 16 bits
    "$G" "${ok[@]}" --imp-rows 1 --imp-in "$d/i2.npy" --imp-out "$d/i3.npy" >/dev/null 2>&1
    [ $? -eq 2 ] || { echo "counters above 2^16 - 1 taken with --imp-rows 1"; return 1; }
    for bad in "--imp-in $d/i5.npy" "--imp-in $d/p1.npy" "--rank 60/40 --tags-out $d/t2.npy" "--rank 50/25/25" \
               "--tags-out $d/t2.npy" "--imp-rows 0" "--imp-rows x"; do
        # shellcheck disable=SC2086
        refused "$d/o.npy $d/i9.npy $d/t2.npy" "$G" "${ok[@]}" $bad --out "$d/o.npy" \
            --imp-out "$d/i9.npy" || return 1
    done
}
check "golden/cli-importance-rank-comp-and-refusals" golden_tiers

golden_mix_rounding() {   # --mix ranks I_j = sum_i round(65536 Pf[i][j]): rounded per element
    local d=$B/npy-mix G=$B/vssa-golden-san got
    rm -rf "$d"; mkdir -p "$d"
    npy_i1 "$d/q.npy" 2 1 1 1
    npy_i1 "$d/k.npy" 2 1 0 1
    npy_i1 "$d/v.npy" 2 1 5 -5
    # s_q s_k = 1/40960: in both rows 65536 Pf is 32767.6 for key 0 and
    # 32768.4 for key 1, each rounding to 32768; the tie goes to key 0, which
    # keeps the one 8-bit place of --mix 50/50 (the column sums, 65535.2 and
    # 65536.8, would rank key 1 first)
    "$G" --q "$d/q.npy" --k "$d/k.npy" --v "$d/v.npy" --scales 0.0078125,0.003125,0.01,0.01 \
        --bits 8,0 --mix 50/50 --probs-out "$d/p.npy" >/dev/null || return 1
    got=$(npy_words "$d/p.npy" 2 | tr '\n' ' ')
    [ "$got" = "65535 0 65535 0 " ] || { echo "P $got: key 1 ranked first"; return 1; }
    # twice the gap: 32767.2 and 32768.8 round apart, and key 1 ranks first
    "$G" --q "$d/q.npy" --k "$d/k.npy" --v "$d/v.npy" --scales 0.0078125,0.00625,0.01,0.01 \
        --bits 8,0 --mix 50/50 --probs-out "$d/p.npy" >/dev/null || return 1
    got=$(npy_words "$d/p.npy" 2 | tr '\n' ' ')
    [ "$got" = "0 65535 0 65535 " ] || { echo "P $got: key 0 ranked first"; return 1; }
}
check "golden/mix-importance-rounded-per-element" golden_mix_rounding

expect_fail_token() {   # a corrupted counter or class of a ranking must be reported
    local out rc
    out=$("$@" 2>&1)
    rc=$?
    [ "$rc" -eq 1 ] || { echo "exit status $rc, expected 1"; return 1; }
    grep -Eq '^MISMATCH (importance|class) token [0-9]+ cycle [0-9]+: expected [0-9]+, got [0-9]+$' <<<"$out" ||
        { echo "no MISMATCH line naming the token and cycle"; printf '%s\n' "$out"; return 1; }
    grep -q '^RESULT: FAIL' <<<"$out" || { echo "no RESULT: FAIL line"; return 1; }
}

model_dir_refusals() {   # a missing head file or conflicting options: one line, exit 2
    local sim=$1 bad
    for bad in "--model-dir $B/no-such-dir" "--model-dir $B --keys 4" "--model-dir $B --q x.npy"; do
        # shellcheck disable=SC2086
        refused "" "$sim" $bad || return 1
    done
}

# --precision hw: runs of several layers, each ending with a ranking whose
# token beats (every counter and class) are checked, and whose classes the
# next layer's keys must get.
hw_checks() {
    local cfg=$1 sim=$B/sim/$1/vssa-sim keys
    keys=$(param "$cfg" MAX_SEQ)
    for mix in with0 skew0 mostly4; do
        for seed in 1 2; do
            check "cosim/$cfg/$mix/s$seed/layers3-ideal" "$sim" --quiet --seed "$seed" --mix "$mix" \
                --keys "$keys" --heads 2 --layers 3
            check "cosim/$cfg/$mix/s$seed/layers3-gaps30-bp40" "$sim" --quiet --seed "$seed" \
                --mix "$mix" --heads 2 --layers 3 --gaps 30 --backpressure 40
        done
    done
    check "cosim/$cfg/imp-scope-model" "$sim" --quiet --heads 2 --layers 4 --imp-scope model
    # Counters and classes follow the label: keys out of order, labels spread
    # over the index range (above MAX_SEQ: no counter, class 0) or repeated
    # (one counter gains every key of that label).
    for order in permuted sparse repeat; do
        check "cosim/$cfg/labels/$order/layers3" "$sim" --quiet --order "$order" --keys "$keys" \
            --heads 2 --layers 3 --gaps 10 --backpressure 10
    done
    check "cosim/$cfg/no-trace-layers" "$sim" --quiet --no-trace --heads 2 --layers 3 --gaps 10
    check "cosim/$cfg/queries-first-layers" "$sim" --quiet --queries-first --layers 2 --backpressure 20
    for level in imp tag; do
        check "cosim/$cfg/corrupt-expect-$level-caught" expect_fail_token "$sim" --layers 2 --corrupt-expect $level
        check "cosim/$cfg/corrupt-rtl-$level-caught" expect_fail_token "$sim" --layers 2 --corrupt-rtl $level --backpressure 20
    done
    check "cosim/$cfg/fst-readback" wave_checked "$B/test-$cfg.fst" "$sim" --quiet --heads 2 --layers 2 --gaps 20 --backpressure 20
    # every command is a busy period of its own, marked in the model file
    check "cosim/$cfg/fst-readback-model-layers" wave_model_checked "$B/test-$cfg.fst" "$sim" --quiet --heads 2 --layers 2
    check "cosim/$cfg/keys-beyond-max-seq-refused" bash -c "! '$sim' --keys $((keys + 1)) >/dev/null 2>&1"
    # no command before a keyless head: its counters would count them
    check "cosim/$cfg/keyless-head" "$sim" --quiet --keys 0
    check "cosim/$cfg/model-dir-refusals" model_dir_refusals "$sim"
}

# --comp designs with comp_i high: the virtual key in every block (few keys
# make it the row maximum; with every key pruned it is the whole row), under
# the cycle model, gaps and back-pressure, layers of ranked tags.
comp_checks() {
    local cfg=$1 sim=$B/sim/$1/vssa-sim keys layers=""
    keys=$(param "$cfg" MAX_SEQ)
    [ "$(param "$cfg" PREC_HW)" = 1 ] && layers="--layers 3"
    for mix in with0 skew0 half pruned; do
        for seed in 1 2; do
            # shellcheck disable=SC2086
            check "cosim/$cfg/comp/$mix/s$seed/ideal" "$sim" --comp --quiet --seed "$seed" \
                --mix "$mix" --heads 2 $layers
            # shellcheck disable=SC2086
            check "cosim/$cfg/comp/$mix/s$seed/gaps30-bp40" "$sim" --comp --quiet --seed "$seed" \
                --mix "$mix" --heads 2 --gaps 30 --backpressure 40 $layers
        done
    done
    for k in 2 3 5; do
        check "cosim/$cfg/comp/keys$k-virtual-key-max" "$sim" --comp --quiet --keys $k --mix skew0 --heads 6
    done
    check "cosim/$cfg/comp/full-capacity" "$sim" --comp --quiet --keys "$keys" --mix skew0 --backpressure 10
    check "cosim/$cfg/comp/no-trace" "$sim" --comp --quiet --no-trace --heads 2 --gaps 20 --backpressure 20
    check "cosim/$cfg/comp/block-before-any-keys" "$sim" --comp --quiet --queries-first --open-first --heads 2
    check "cosim/$cfg/comp/corrupt-rtl-out-caught" expect_fail "$sim" --comp --corrupt-rtl out --mix skew0
    if [ "$(param "$cfg" PREC_HW)" = 1 ]; then   # the model file marks the commands' periods
        check "cosim/$cfg/comp/fst-readback" wave_checked "$B/test-$cfg.fst" "$sim" --comp --quiet --heads 2 --layers 2 --gaps 10
        check "cosim/$cfg/comp/fst-readback-model-layers" wave_model_checked "$B/test-$cfg.fst" "$sim" --comp --quiet --heads 2 --layers 2 --mix skew0
    else
        check "cosim/$cfg/comp/fst-readback-model" wave_model_checked "$B/test-$cfg.fst" "$sim" --comp --quiet --heads 2 --mix skew0
        check "cosim/$cfg/comp/keys-beyond-max-seq-dropped" "$sim" --comp --quiet --keys $((keys + 3)) --mix skew0 --heads 2
        for order in sorted sparse repeat; do   # the dropped keys are not counted as pruned
            check "cosim/$cfg/comp/labels/$order/beyond-max-seq" "$sim" --comp --quiet --order "$order" \
                --keys $((keys + keys / 2)) --mix skew0 --heads 2 --backpressure 20
        done
    fi
    for order in permuted sparse repeat; do
        # shellcheck disable=SC2086
        check "cosim/$cfg/comp/labels/$order" "$sim" --comp --quiet --order "$order" --mix with0 \
            --heads 2 --gaps 10 $layers
    done
}

echo "== co-simulation"
levels_refused() {   # --corrupt-* imp and tag need the importance counters
    local opt l
    for opt in --corrupt-expect --corrupt-rtl; do
        for l in imp tag; do
            refused "" "$1" "$opt" "$l" || return 1
        done
    done
}
param() { sed -n "s/^#define VSSA_$2 //p" "rtl_out/$1.h"; }
for cfg in $TEST_CFGS; do
    sim=$B/sim/$cfg/vssa-sim
    if [ "$(param "$cfg" COMP)" = 1 ]; then
        comp_checks "$cfg"
    elif [ "$(param "$cfg" PREC_HW)" != 1 ]; then
        check "cosim/$cfg/comp-refused-without-comp-hardware" refused "" "$sim" --comp
    fi
    if [ "$(param "$cfg" PREC_HW)" != 1 ]; then   # no importance counters, no ranking
        check "cosim/$cfg/imp-tag-levels-refused-without-counters" levels_refused "$sim"
    fi
    if [ "$(param "$cfg" PREC_HW)" = 1 ]; then
        hw_checks "$cfg"
        continue
    fi
    maxseq=$(param "$cfg" MAX_SEQ)
    cols=$(param "$cfg" COLS)
    for mix in all8 mostly4 with0 skew0 even; do
        for order in random alternate; do
            for seed in 1 2; do
                # no gaps and no back-pressure: the cycle model must be exact too
                check "cosim/$cfg/$mix/$order/s$seed/ideal" \
                    "$sim" --quiet --seed "$seed" --mix "$mix" --order "$order" --heads 2
                check "cosim/$cfg/$mix/$order/s$seed/gaps30-bp40" \
                    "$sim" --quiet --seed "$seed" --mix "$mix" --order "$order" --heads 2 \
                    --gaps 30 --backpressure 40
            done
        done
    done
    check "cosim/$cfg/full-capacity" "$sim" --quiet --keys "$maxseq" --mix half --gaps 10 --backpressure 10
    # The index is a label and keys are stored by arrival slot: sets larger
    # than MAX_SEQ in every order, permuted, sparse and repeated indices.
    for order in random alternate sorted permuted sparse repeat; do
        check "cosim/$cfg/labels/$order/beyond-max-seq-gaps-bp" "$sim" --quiet --order "$order" \
            --keys $((maxseq + maxseq / 2 + 1)) --heads 2 --gaps 20 --backpressure 20
    done
    for order in permuted sparse repeat; do
        check "cosim/$cfg/labels/$order/ideal" "$sim" --quiet --order "$order" --mix skew0 --heads 2
    done
    check "cosim/$cfg/keys-beyond-max-seq-dropped" "$sim" --quiet --keys $((maxseq + 3)) --heads 2 --backpressure 20
    # Query indices up to 4 * 2^IDX_W and more: the harness drives only a
    # port's own bits (stray ones used to reach in_cmd_i in the design).
    check "cosim/$cfg/query-indices-wrap" "$sim" --quiet --queries $((4 * (1 << $(param "$cfg" IDX_W)) + 2 * cols)) \
        --keys 3 --backpressure 10
    check "cosim/$cfg/queries-beyond-cols-dropped" "$sim" --quiet --block $((cols + 1)) --queries $((2 * cols + 2)) --gaps 10
    check "cosim/$cfg/unused-tag-codes" "$sim" --quiet --unused-tags --mix skew0 --backpressure 20
    check "cosim/$cfg/block-before-any-keys" "$sim" --quiet --queries-first --heads 2 --gaps 10
    check "cosim/$cfg/open-block-closed-by-key" "$sim" --quiet --open-first --backpressure 10
    check "cosim/$cfg/every-key-pruned" "$sim" --quiet --mix pruned --heads 2 --backpressure 20
    check "cosim/$cfg/key-set-without-queries" "$sim" --quiet --queries 0 --heads 2
    for level in score prob out; do
        check "cosim/$cfg/corrupt-expect-$level-caught" expect_fail "$sim" --corrupt-expect $level
        check "cosim/$cfg/corrupt-rtl-$level-caught" expect_fail "$sim" --corrupt-rtl $level --backpressure 20
    done
    check "cosim/$cfg/no-trace-outputs-only" "$sim" --quiet --no-trace --heads 2 --mix with0
    check "cosim/$cfg/no-trace-gaps-bp" "$sim" --quiet --no-trace --mix skew0 --gaps 20 --backpressure 30
    check "cosim/$cfg/saturating-out-gain" "$sim" --quiet --out-gain 6 --mix all8 --backpressure 10
    # the last score row still waiting for the output when the softmax ends
    check "cosim/$cfg/trace-under-heavy-backpressure" "$sim" --quiet --seed 2 --backpressure 97
    check "cosim/$cfg/fst-readback" wave_checked "$B/test-$cfg.fst" "$sim" --quiet --heads 2 --gaps 20 --backpressure 20
    check "cosim/$cfg/fst-readback-model" wave_model_checked "$B/test-$cfg.fst" "$sim" --quiet --heads 2 --mix skew0
done

check "fstcheck/t4x4_fuse/altered-phase-beat-or-data-caught" fstcheck_catches
check "fstcheck/t4x4_fuse/long-or-malformed-lines-refused" fstcheck_bad_files
check "fstcheck/t4x4_fuse/damaged-fst-refused" fstcheck_damaged_fst

# GTKWave save files (docs/waveforms.md): with --wave FILE.fst the harness
# writes FILE.gtkw, and at a mismatch FILE.mismatch.gtkw; vssa-fstcheck
# --gtkw holds each to the waveform: it opens that file, every signal it
# names is in it, and a marker falls on a cycle whose output beat was taken.
gtkw_checked() {   # gtkw_checked FST CMD...: the run's save file names only signals of its FST
    local f=$1 out
    shift
    rm -f "$f" "${f%.fst}.gtkw" "$f.beats"
    "$@" --wave "$f" --beats-out "$f.beats" >/dev/null || return 1
    out=$("$B/vssa-fstcheck" "$f" vssa --beats "$f.beats" --gtkw "${f%.fst}.gtkw" 2>&1) ||
        { printf '%s\n' "$out"; return 1; }
    grep -Eq '^gtkw .*: [1-9][0-9]* signal references, 0 not in the waveform$' <<<"$out" ||
        { printf '%s\n' "$out"; return 1; }
}
gtkw_wrong_names_caught() {   # a lane the design lacks, a misspelt signal: each a FAIL line, exit 1
    local f=$B/gtkw-neg.fst g out rc
    gtkw_checked "$f" "$B/sim/t4x4_fuse/vssa-sim" --quiet --keys 8 || return 1
    g=${f%.fst}.gtkw
    sed -e 's/g_lane\[3\]/g_lane[4]/' -e 's/u_phase\.q_full_q$/u_phase.q_fill_q/' "$g" >"$g.bad.gtkw"
    out=$("$B/vssa-fstcheck" "$f" vssa --gtkw "$g.bad.gtkw" 2>&1); rc=$?
    [ "$rc" -eq 1 ] || { echo "exit status $rc, expected 1: $out"; return 1; }
    grep -q "^FAIL gtkw $g.bad.gtkw:[0-9]*: no signal top.vssa.u_array.g_lane\[4\].u_lane.busy_o in the waveform$" <<<"$out" &&
        grep -q "^FAIL gtkw $g.bad.gtkw:[0-9]*: no signal top.vssa.u_phase.q_fill_q in the waveform$" <<<"$out" &&
        grep -q ', 5 not in the waveform$' <<<"$out" || { printf '%s\n' "$out"; return 1; }
}
# mismatch_located CFG HOW LEVEL ARGS...: the first MISMATCH line is followed
# by the bits of out_data_o that carry the value and the waveform's time of
# its cycle; the mismatch save file's marker falls on that beat in the FST,
# and those bits of the beat hold what the RTL sent.
mismatch_located() {
    local cfg=$1 how=$2 level=$3 f=$B/mismatch-$1-$2-$3.fst out rc c exp got hi lo t data signed want have
    shift 3
    rm -f "$f" "${f%.fst}.gtkw" "${f%.fst}.mismatch.gtkw" "$f.beats"
    out=$("$B/sim/$cfg/vssa-sim" --quiet "$@" "--$how" "$level" --wave "$f" --beats-out "$f.beats" 2>&1); rc=$?
    [ "$rc" -eq 1 ] || { echo "exit status $rc, expected 1"; printf '%s\n' "$out"; return 1; }
    out=$(grep -m1 -A2 '^MISMATCH ' <<<"$out")
    [[ $(sed -n 1p <<<"$out") =~ ^MISMATCH\ ([a-z]+)\ .*\ cycle\ ([0-9]+):\ expected\ (-?[0-9]+),\ got\ (-?[0-9]+)$ ]] ||
        { echo "no MISMATCH line: $out"; return 1; }
    signed=0; [[ ${BASH_REMATCH[1]} = score || ${BASH_REMATCH[1]} = output ]] && signed=1
    c=${BASH_REMATCH[2]} exp=${BASH_REMATCH[3]} got=${BASH_REMATCH[4]}
    [[ $(sed -n 2p <<<"$out") =~ ^\ \ in\ out_data_o\[([0-9]+):([0-9]+)\]\ of\ the\ [A-Za-z]+\ beat\ taken\ in\ cycle\ $c\ \(out_kind_o ]] ||
        { echo "no line naming the port bits: $out"; return 1; }
    hi=${BASH_REMATCH[1]} lo=${BASH_REMATCH[2]}
    [[ $(sed -n 3p <<<"$out") =~ ^\ \ waveform\ $f:\ cycle\ $c\ at\ time\ ([0-9]+),\ opened\ there\ by\ ${f%.fst}\.mismatch\.gtkw$ ]] ||
        { echo "no line naming the waveform and save file: $out"; return 1; }
    t=${BASH_REMATCH[1]}
    out=$("$B/vssa-fstcheck" "$f" vssa --beats "$f.beats" --gtkw "${f%.fst}.mismatch.gtkw" 2>&1) ||
        { printf '%s\n' "$out"; return 1; }
    grep -q "^gtkw ${f%.fst}.mismatch.gtkw: marker at time $t, cycle $c: output beat [1-9][0-9]* taken" <<<"$out" &&
        grep -q ' 0 not in the waveform$' <<<"$out" || { printf '%s\n' "$out"; return 1; }
    # an altered expectation: the RTL sent what was got; an altered reception: what was expected
    want=$got; [ "$how" = corrupt-rtl ] && want=$exp
    data=$(awk -v c="$c" '$1 == c { print $6 }' "$f.beats")
    have=$(python3 -c 'import sys
d, hi, lo, s = int(sys.argv[1], 16), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
w = hi - lo + 1; v = (d >> lo) & ((1 << w) - 1)
print(v - (1 << w) if s and v >> (w - 1) else v)' "$data" "$hi" "$lo" "$signed") || return 1
    [ "$have" = "$want" ] || { echo "out_data_o[$hi:$lo] of cycle $c's beat holds $have, not $want"; return 1; }
}
mismatch_save_not_stale() {   # a passing run removes the mismatch save file of an earlier failing one
    local f=$B/mismatch-stale.fst sim=$B/sim/t4x4_fuse/vssa-sim rc
    rm -f "$f" "${f%.fst}.gtkw" "${f%.fst}.mismatch.gtkw"
    "$sim" --quiet --keys 6 --corrupt-rtl out --wave "$f" >/dev/null; rc=$?
    [ "$rc" -eq 1 ] && [ -s "${f%.fst}.mismatch.gtkw" ] || { echo "failing run: exit $rc, no mismatch save file"; return 1; }
    "$sim" --quiet --keys 6 --wave "$f" >/dev/null || return 1
    [ -s "${f%.fst}.gtkw" ] && [ ! -e "${f%.fst}.mismatch.gtkw" ] || { echo "left: $(ls "${f%.fst}".*)"; return 1; }
}
gtkw_none_for_fifo() {   # a waveform into a FIFO gets no save file (there is no file to open)
    local d=$B/gtkw-fifo reader
    rm -rf "$d"; mkdir -p "$d"; mkfifo "$d/w.fst"
    timeout 60 cat "$d/w.fst" >"$d/bytes" & reader=$!
    "$B/sim/t4x4_fuse/vssa-sim" --quiet --keys 6 --corrupt-rtl out --wave "$d/w.fst" >/dev/null
    wait $reader
    [ -s "$d/bytes" ] && [ "$(ls "$d" | tr '\n' ' ')" = "bytes w.fst " ] || { echo "in $d: $(ls "$d")"; return 1; }
}
for cfg in $TEST_CFGS; do
    if [ "$(param "$cfg" PREC_HW)" = 1 ]; then   # a ranking in the waveform too
        check "wave/$cfg/gtkw-signals-in-fst" gtkw_checked "$B/gtkw-$cfg.fst" "$B/sim/$cfg/vssa-sim" --quiet --keys 12 --layers 2
    else
        check "wave/$cfg/gtkw-signals-in-fst" gtkw_checked "$B/gtkw-$cfg.fst" "$B/sim/$cfg/vssa-sim" --quiet --keys 12 --gaps 10
    fi
done
check "wave/t4x4_fuse/gtkw-wrong-names-caught" gtkw_wrong_names_caught
check "wave/t4x4_fuse/gtkw-none-beside-a-fifo" gtkw_none_for_fifo
for level in score prob out; do
    check "mismatch/t4x4_fuse/corrupt-expect-$level/located" mismatch_located t4x4_fuse corrupt-expect $level
done
check "mismatch/t4x4_fuse/corrupt-rtl-out/located" mismatch_located t4x4_fuse corrupt-rtl out --backpressure 20
check "mismatch/t3x5d2_group/corrupt-rtl-score/located" mismatch_located t3x5d2_group corrupt-rtl score --gaps 10
check "mismatch/h4x4/corrupt-expect-imp/located" mismatch_located h4x4 corrupt-expect imp --layers 2
check "mismatch/h4x4/corrupt-rtl-tag/located" mismatch_located h4x4 corrupt-rtl tag --layers 2
check "mismatch/t4x4_fuse/save-file-not-stale" mismatch_save_not_stale
check "cosim/t4x4_fuse/keyless-heads-refused" refused "" "$B/sim/t4x4_fuse/vssa-sim" --keys 0 --heads 2
check "cosim/t4x4_fuse/keyless-head" "$B/sim/t4x4_fuse/vssa-sim" --quiet --keys 0 --gaps 10

echo "== co-simulation of real tensors (.npy in and out)"
sim_npy() {   # the RTL's O and P files equal the golden model's; bad files are refused
    local d=$B/npy-sim S=$B/sim/t4x4_fuse/vssa-sim G=$B/vssa-golden-san out rc i
    rm -rf "$d"; mkdir -p "$d"
    local q=() k=() v=()
    for i in $(seq 0 23); do q+=($(( (i * 37 + 11) % 256 - 128 ))); done
    for i in $(seq 0 79); do k+=($(( (i * 53 + 7) % 256 - 128 ))); v+=($(( (i * 29 + 3) % 255 - 127 ))); done
    npy_i1 "$d/q.npy" 3 8 "${q[@]}"
    npy_i1 "$d/k.npy" 10 8 "${k[@]}"
    npy_i1 "$d/v.npy" 10 8 "${v[@]}"
    npy_i1 "$d/t.npy" 10 - 0 1 2 1 0 1 1 2 0 1
    npy_i1 "$d/k9.npy" 10 9 "${k[@]}" "${k[@]:0:10}"
    npy_i1 "$d/t3.npy" 10 - 0 1 3 1 0 1 1 2 0 1
    head -c 120 "$d/v.npy" >"$d/short.npy"
    local ok=(--q "$d/q.npy" --k "$d/k.npy" --v "$d/v.npy" --tags "$d/t.npy" --scales 0.02,0.02,0.01,0.004)
    "$S" --quiet "${ok[@]}" --out "$d/o.npy" --probs-out "$d/p.npy" >"$d/sim.log" || { cat "$d/sim.log"; return 1; }
    "$G" "${ok[@]}" --out "$d/og.npy" --probs-out "$d/pg.npy" >/dev/null || return 1
    cmp "$d/o.npy" "$d/og.npy" && cmp "$d/p.npy" "$d/pg.npy" || { echo "RTL files differ from the golden model's"; return 1; }
    for bad in "--v $d/short.npy" "--k $d/k9.npy" "--tags $d/t3.npy" "--q $d/missing.npy" \
               "--scales 1,2" "--keys 4" "--no-trace"; do
        # shellcheck disable=SC2086
        refused "$d/o2.npy $d/p2.npy" "$S" "${ok[@]}" $bad --out "$d/o2.npy" \
            --probs-out "$d/p2.npy" || return 1
    done
}
check "cosim-npy/t4x4_fuse/round-trip-equals-golden-and-refusals" sim_npy
# --arch int8: the RTL computes the 4-bit class at 8 bits and prunes the
# 0-bit one, as vssa-golden --arch int8 does; --arch vssa's outputs differ.
int8_npy() {
    local d=$B/npy-int8 S=$B/sim/t4x4_int8skip/vssa-sim G=$B/vssa-golden-san i
    rm -rf "$d"; mkdir -p "$d"
    local q=() k=() v=()
    for i in $(seq 0 23); do q+=($(( (i * 37 + 11) % 256 - 128 ))); done
    for i in $(seq 0 79); do k+=($(( (i * 53 + 7) % 256 - 128 ))); v+=($(( (i * 29 + 3) % 255 - 127 ))); done
    npy_i1 "$d/q.npy" 3 8 "${q[@]}"
    npy_i1 "$d/k.npy" 10 8 "${k[@]}"
    npy_i1 "$d/v.npy" 10 8 "${v[@]}"
    npy_i1 "$d/t.npy" 10 - 0 1 2 1 0 1 1 2 0 1
    local ok=(--q "$d/q.npy" --k "$d/k.npy" --v "$d/v.npy" --tags "$d/t.npy" --scales 0.02,0.02,0.01,0.004)
    "$S" --quiet "${ok[@]}" --out "$d/o.npy" --probs-out "$d/p.npy" >"$d/sim.log" || { cat "$d/sim.log"; return 1; }
    "$G" "${ok[@]}" --arch int8 --out "$d/og.npy" --probs-out "$d/pg.npy" >/dev/null || return 1
    "$G" "${ok[@]}" --out "$d/ov.npy" --probs-out "$d/pv.npy" >/dev/null || return 1
    cmp "$d/o.npy" "$d/og.npy" && cmp "$d/p.npy" "$d/pg.npy" || { echo "RTL files differ from vssa-golden --arch int8's"; return 1; }
    ! cmp -s "$d/p.npy" "$d/pv.npy" || { echo "--arch int8 probabilities equal --arch vssa's: the 4-bit keys were not run at 8 bits"; return 1; }
    refused "$d/o2.npy" "$G" "${ok[@]}" --arch int4 --out "$d/o2.npy" || { echo "--arch int4 not refused"; return 1; }
}
check "cosim-npy/t4x4_int8skip/equals-golden-arch-int8" int8_npy

echo "== output files and command lines of every tool"
# The rule of docs/generator.md "Output files": a new path or a regular file through a
# temporary renamed at the end, a symlink's final target replaced (the link
# stays), a device or FIFO written through and never replaced, nothing new
# and every existing file untouched after a failure (status 2).
npy_f4() {   # npy_f4 FILE ROWS COLS WORD...: a float32 .npy, each value a hex word (3f800000 = 1.0)
    local f=$1 r=$2 c=$3 h x
    shift 3
    h="{'descr': '<f4', 'fortran_order': False, 'shape': ($r, $c), }"
    while [ $(((10 + ${#h} + 1) % 64)) -ne 0 ]; do h="$h "; done
    { printf '\x93NUMPY\x01\x00'; printf "\\x$(printf %02x $((${#h} + 1)))\\x00"; printf '%s\n' "$h"
      for x in "$@"; do printf "\\x${x:6:2}\\x${x:4:2}\\x${x:2:2}\\x${x:0:2}"; done; } >"$f"
}
files_setup() {   # the inputs every tool's file checks use, in $B/files
    local d=$B/files i k=() v=() kf=()
    rm -rf "$d"; mkdir -p "$d"
    npy_i1 "$d/q.npy" 3 8 $(for i in $(seq 0 23); do echo $(( (i * 37 + 11) % 256 - 128 )); done)
    for i in $(seq 0 391); do k+=($(( (i * 53 + 7) % 256 - 128 ))); v+=($(( (i * 29 + 3) % 255 - 127 ))); done
    npy_i1 "$d/k.npy" 10 8 "${k[@]:0:80}"
    npy_i1 "$d/v.npy" 10 8 "${v[@]:0:80}"
    npy_i1 "$d/k49.npy" 49 8 "${k[@]}"   # one key more than t4x4 and h4x4 keep
    npy_i1 "$d/v49.npy" 49 8 "${v[@]}"
    for i in $(seq 0 99); do kf+=("$(echo 3f800000 bf800000 3f000000 00000000 3e800000 | cut -d' ' -f$((i % 5 + 1)))"); done
    npy_f4 "$d/kf.npy" 10 8 "${kf[@]:0:80}"
    mkdir -p "$d/model"   # layer 0 head 0 only: head 1's files are missing
    npy_f4 "$d/model/L0H0_q.npy" 3 8 "${kf[@]:0:24}"
    npy_f4 "$d/model/L0H0_k.npy" 10 8 "${kf[@]:0:80}"
    npy_f4 "$d/model/L0H0_v.npy" 10 8 "${kf[@]:3:80}"
}
# file_rule NAME OK... -- FAIL...: OK writes the file @ and succeeds; FAIL,
# given @ as well, must exit 2. Each case runs in a directory of its own with
# @ = out, so that a command line written into the file reads the same.
# Checks a regular file, /dev/null, /dev/full, a FIFO, a symlink, an existing
# file kept and no new file after a failure. As root, the devices are private
# nodes of /dev/null's and /dev/full's numbers: a tool that replaces its
# target then breaks only the test's copy, not the machine's /dev/null.
file_rule() {
    local name=$1 d=$B/files/$1 ok=() bad=() out rc reader null=/dev/null full=/dev/full
    shift
    while [ "$1" != -- ]; do ok+=("$1"); shift; done
    shift
    bad=("$@")
    rm -rf "$d"; mkdir -p "$d"/ref "$d"/fifo "$d"/link "$d"/kept "$d"/new
    if [ "$(id -u)" = 0 ]; then
        null=$(abs "$d/null") full=$(abs "$d/full")
        mknod -m 666 "$null" c 1 3 && mknod -m 666 "$full" c 1 7 || return 1
    fi
    at() {   # at DIR PATH CMD...: CMD in $d/DIR with @ replaced by PATH
        local dir=$1 p=$2 a x=()
        shift 2
        for a in "$@"; do x+=("${a/@/$p}"); done
        (cd "$d/$dir" && "${x[@]}")
    }
    at ref out "${ok[@]}" >/dev/null 2>&1 || { echo "regular file: exit $?"; return 1; }
    [ -s "$d/ref/out" ] || { echo "regular file: nothing written"; return 1; }
    at ref "$null" "${ok[@]}" >/dev/null 2>&1 || { echo "/dev/null: exit $?"; return 1; }
    [ -c "$null" ] || { echo "/dev/null ($null) is no longer a character device"; return 1; }
    out=$(at ref "$full" "${ok[@]}" 2>&1 >/dev/null); rc=$?
    [ "$rc" -eq 2 ] && [ "$(wc -l <<<"$out")" -eq 1 ] || { echo "/dev/full: exit $rc: $out"; return 1; }
    [ -c "$full" ] || { echo "/dev/full ($full) is no longer a character device"; return 1; }
    mkfifo "$d/fifo/out"
    timeout 60 cat "$d/fifo/out" >"$d/fifo.bytes" & reader=$!
    at fifo out "${ok[@]}" >/dev/null 2>&1 || { echo "FIFO: exit $?"; kill $reader; return 1; }
    wait $reader
    [ -p "$d/fifo/out" ] && cmp -s "$d/ref/out" "$d/fifo.bytes" || { echo "FIFO: replaced, or other bytes"; return 1; }
    echo old >"$d/link/target"; ln -s target "$d/link/out"
    at link out "${ok[@]}" >/dev/null 2>&1 || { echo "symlink: exit $?"; return 1; }
    [ -L "$d/link/out" ] && cmp -s "$d/ref/out" "$d/link/target" ||
        { echo "symlink: replaced, or its target not written"; return 1; }
    echo sentinel >"$d/kept/out"
    out=$(at kept out "${bad[@]}" 2>&1 >/dev/null); rc=$?
    [ "$rc" -eq 2 ] && [ "$(wc -l <<<"$out")" -eq 1 ] || { echo "failing run: exit $rc: $out"; return 1; }
    [ "$(cat "$d/kept/out")" = sentinel ] && [ "$(ls -A "$d/kept")" = out ] ||
        { echo "a failed run changed an existing file or left: $(ls -A "$d/kept")"; return 1; }
    at new out "${bad[@]}" >/dev/null 2>&1
    [ -z "$(ls -A "$d/new")" ] || { echo "a failed run left: $(ls -A "$d/new")"; return 1; }
}
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
files_setup
full=no-dir/full   # a file that fails when the run ends: a private /dev/full (root), else at the start
[ "$(id -u)" = 0 ] && mknod -m 666 "$B/files/full" c 1 7 && full=full
F=$(abs "$B/files") S=$(abs "$B/sim/t4x4_fuse/vssa-sim") G=$(abs "$B/vssa-golden-san")
GEN=$(abs "${VSSAGEN:-$B/vssagen}")
check "files/vssagen-o" file_rule gen-o "$GEN" --rows 2 --cols 2 -o @ -- "$GEN" --rows 2 --cols 2 -o @ --params "$F"
check "files/vssagen-params" file_rule gen-params "$GEN" --rows 2 --cols 2 --params @ -- \
    "$GEN" --rows 2 --cols 2 --params @ -o "$F/no-dir/d.v"
gold=("$G" --q "$F/q.npy" --k "$F/k.npy" --v "$F/v.npy" --scales 0.02,0.02,0.01,0.004)
check "files/vssa-golden-out" file_rule golden-out "${gold[@]}" --out @ -- "${gold[@]}" --out @ --probs-out "$F/no-dir/p.npy"
check "files/vssa-golden-imp-out" file_rule golden-imp "${gold[@]}" --imp-out @ -- "${gold[@]}" --imp-out @ --out "$F"
check "files/vssa-sim-beats-out" file_rule sim-beats "$S" --quiet --keys 6 --beats-out @ -- \
    "$S" --quiet --keys 6 --beats-out @ --model-out "$F/no-dir/m"
check "files/vssa-sim-model-out" file_rule sim-model "$S" --quiet --keys 6 --model-out @ -- \
    "$S" --quiet --model-dir "$F/model" --heads 2 --model-out @
check "files/vssa-sim-out" file_rule sim-out "$S" --quiet "${gold[@]:1}" --out @ -- \
    "$S" --quiet "${gold[@]:1}" --out @ --probs-out "$F/$full"
sim_refusal_leaves_nothing() {   # refusals after the files were opened: none of them is left
    local d=$B/files/sim-refused f rc
    local all=(--beats-out "$d/b" --model-out "$d/m" --wave "$d/w.fst")
    rm -rf "$d"; mkdir -p "$d"
    "$S" --quiet --model-dir "$F/model" --heads 2 "${all[@]}" >/dev/null 2>&1; rc=$?
    [ "$rc" -eq 2 ] || { echo "a missing head file: exit $rc"; return 1; }
    "$B/sim/h4x4/vssa-sim" --quiet --q "$F/q.npy" --k "$F/k49.npy" --v "$F/v49.npy" \
        --scales 0.02,0.02,0.01,0.004 "${all[@]}" --out "$d/o.npy" >/dev/null 2>&1; rc=$?
    [ "$rc" -eq 2 ] || { echo "keys above MAX_SEQ under --precision hw: exit $rc"; return 1; }
    [ -z "$(ls -A "$d")" ] || { echo "left behind: $(ls -A "$d")"; return 1; }
    # a check that fails (status 1) keeps its files: they show what happened
    "$S" --quiet --keys 6 --corrupt-rtl out "${all[@]}" >/dev/null 2>&1; rc=$?
    [ "$rc" -eq 1 ] && [ -s "$d/b" ] && [ -s "$d/m" ] && [ -s "$d/w.fst" ] ||
        { echo "a failed check: exit $rc, files $(ls -A "$d")"; return 1; }
}
check "files/vssa-sim-refusal-leaves-nothing" sim_refusal_leaves_nothing

one_line_unknown_option() {   # getopt's message and ours would be two lines
    refused "" "$GEN" --frobnicate && refused "" "$G" --frobnicate && refused "" "$S" --frobnicate &&
        refused "" "$B/vssa-fstcheck" --frobnicate && refused "" "$G" --q
}
check "cli/unknown-option-one-line-every-tool" one_line_unknown_option
tensor_rules() {   # dtypes, scales, key count, unwritable --out, the csv: line's sizes
    local out rc
    refused "" "${gold[@]}" --bits 0,4,8 || { echo "--bits not descending"; return 1; }
    refused "" "${gold[@]}" --k "$F/kf.npy" || { echo "int8 Q with float32 K"; return 1; }
    refused "" "$S" "${gold[@]:1}" --k "$F/kf.npy" || { echo "int8 Q with float32 K"; return 1; }
    refused "" "$G" --q "$F/model/L0H0_q.npy" --k "$F/model/L0H0_k.npy" --v "$F/model/L0H0_v.npy" \
        --scales 1,1,1,1 || { echo "float32 with --scales"; return 1; }
    refused "" "$S" --q "$F/q.npy" --k "$F/k49.npy" --v "$F/v49.npy" --scales 0.02,0.02,0.01,0.004 ||
        { echo "49 keys on a MAX_SEQ 48 host design"; return 1; }
    out=$("$S" "${gold[@]:1}" --out "$F/no-dir/o.npy" 2>&1); rc=$?
    [ "$rc" -eq 2 ] || { echo "unwritable --out: exit $rc"; return 1; }
    out=$("$S" --quiet --csv "${gold[@]:1}") || return 1
    grep -q '^csv: 4,4,8,4,vssa,fuse,10,3,' <<<"$out" || { echo "csv line: $(grep '^csv:' <<<"$out")"; return 1; }
}
check "cli/tensor-dtypes-scales-keys-unwritable-csv" tensor_rules
for cfg in t4x4_fuse t4x4_int8 t4x4_int8skip; do
    ideal_counted() {   # every kept key at its class's bits, under fixed8 all at 8: no pruning;
                        # under int8 every kept key of a non-zero class at 8, 0-bit ones pruned
        local sim=$B/sim/$1/vssa-sim out want
        out=$("$sim" --keys 48 --queries 8 --mix with0) || { printf '%s\n' "$out"; return 1; }
        # 8 queries, d = 8, 4x4 PEs, all 48 keys kept
        want=$(awk -v fixed="$(param "$1" FIXED8)" -v int8="$(param "$1" INT8)" \
                   -v digit="$(param "$1" DIGIT)" '
            /^tokens of head 0:/ { for (i = 5; i <= NF; i += 2) { b = $i + 0; n = $(i + 1) + 0
                                     planes += n * (fixed == 1 || (int8 == 1 && b > 0) ? 8 : b) / digit } }
            END { printf "%.1f", 2 * 8 * 8 * planes / 16 }' <<<"$out")
        grep -q "ideal $want, " <<<"$out" || { echo "want ideal $want: $(grep '^end to end' <<<"$out")"; return 1; }
    }
    check "cosim/$cfg/ideal-work-of-the-design" ideal_counted "$cfg"
done

echo "== co-simulation, harness under AddressSanitizer + UBSan"
for cfg in $SAN_CFGS; do
    check "cosim-san/$cfg" "$B/sim-san/$cfg/vssa-sim" --quiet --mix with0 --heads 2 --gaps 25 --backpressure 25
    if [ "$(param "$cfg" COMP)" = 1 ]; then   # the golden head over the kept keys too
        check "cosim-san/$cfg/comp" "$B/sim-san/$cfg/vssa-sim" --comp --quiet --mix skew0 --heads 2 \
            --keys $(($(param "$cfg" MAX_SEQ) + 5))
    fi
done

echo "== the whole design under Icarus, and under random initial values"
icarus_caught() {   # an altered stimulus (a beat delayed one cycle) must show as a difference
    local out rc
    out=$(ICARUS_ALTER=1 B=$B tests/icarus/run.sh "$@" 2>&1)
    rc=$?
    [ "$rc" -eq 1 ] || { echo "exit status $rc, expected 1"; printf '%s\n' "$out"; return 1; }
    grep -q '^FAIL icarus .*: the beats differ from line 1 ' <<<"$out" ||
        { echo "no first differing line reported"; printf '%s\n' "$out"; return 1; }
}
check "icarus/t4x4_fuse/gaps20-bp20-permuted" env B="$B" tests/icarus/run.sh t4x4_fuse --keys 24 \
    --queries 6 --heads 2 --order permuted --gaps 20 --backpressure 20
check "icarus/h4x4/layers2-gaps-bp" env B="$B" tests/icarus/run.sh h4x4 --keys 16 --queries 5 \
    --layers 2 --gaps 10 --backpressure 20
check "icarus/c4x4/comp-keys-beyond-max-seq" env B="$B" tests/icarus/run.sh c4x4 --comp --keys 51 \
    --queries 5 --mix skew0 --order sparse --gaps 20 --backpressure 20
check "icarus/t4x4_fuse/altered-stimulus-caught" icarus_caught t4x4_fuse --keys 8 --queries 4
check "xseed/t4x4_fuse/s1-s2" env B="$B" tests/xseed.sh t4x4_fuse "1 2" --keys 24 --queries 6 \
    --order permuted --gaps 20 --backpressure 20
check "xseed/h4x4/s1-s2" env B="$B" tests/xseed.sh h4x4 "1 2" --keys 16 --queries 5 --layers 2 \
    --gaps 20 --backpressure 20

echo "== module testbenches (Icarus)"
if [ -x tests/tb/run_tb.sh ]; then
    while IFS= read -r line; do
        case $line in
        "ok   "*) selected "${line#ok   }" && { pass=$((pass + 1)); echo "$line"; } ;;
        "FAIL "*) selected "${line#FAIL }" && { fail=$((fail + 1)); failed+=("${line#FAIL }"); echo "$line"; } ;;
        *) echo "$line" ;;
        esac
    done < <(if [ -n "${T:-}" ]; then
                 names=$(tests/tb/run_tb.sh --list | while read -r n; do selected "$n" && echo "$n"; done)
                 [ -z "$names" ] || B=$B tests/tb/run_tb.sh $names
             else
                 B=$B tests/tb/run_tb.sh
             fi 2>&1)
else
    fail=$((fail + 1)); failed+=("tb: tests/tb/run_tb.sh missing"); echo "FAIL tb: tests/tb/run_tb.sh missing"
fi

echo "== generated Verilog"
for cfg in $TEST_CFGS l32x32 l32x32f; do
    check "lint/verilator-Wall/$cfg" bash -c "out=\$(verilator --lint-only -Wall rtl_out/$cfg.v 2>&1) && [ -z \"\$out\" ] || { echo \"\$out\"; exit 1; }"
    # not -o /dev/null: iverilog makes its output executable, and would chmod the device
    check "lint/iverilog-2005/$cfg" iverilog -g2005 -o "$B/lint-$cfg.vvp" "rtl_out/$cfg.v"
done
# The port-level figures of docs/ports.md, measured on the
# whole design under Icarus (tests/tb/tb_top_protocol.v): beats accepted
# ahead of the controller, busy_o's latencies, when the settings may change,
# out_last_o; settings disturbed inside their windows must be caught.
for cfg in t4x4_fuse t1x2d1_lockstep hc4x4; do
    check "protocol/$cfg/readme-figures" env B="$B" tests/tb/top_protocol.sh "$cfg"
done
check "protocol/t4x4_fuse/block-settings-in-window-disturbed-caught" env B="$B" tests/tb/top_protocol.sh t4x4_fuse 1
check "protocol/hc4x4/rank-settings-in-window-disturbed-caught" env B="$B" tests/tb/top_protocol.sh hc4x4 2

echo "== read-back of every configuration, template defaults, random configurations"
readback_cfg() {   # readback_cfg NAME OPTIONS...: generate, then read every top parameter back
    local name=$1 d=$B/readback out
    shift
    mkdir -p "$d"
    rm -f "$d/$name.v"
    out=$("${VSSAGEN:-$B/vssagen}" "$@" -o "$d/$name.v" 2>&1) || { echo "vssagen: $out"; return 1; }
    "$B/vssa-readback" "$d/$name.v" -- "$@"
}
while IFS=$'\t' read -r name opts; do
    # shellcheck disable=SC2086
    check "readback/$name" readback_cfg "$name" $opts
done < <(make -s --no-print-directory B="$B" cfg-list)
# rtl.h and docs/generator.md: every module's defaults describe one 4x4, d = 16,
# 64-key design; each default is compared with that shape's derived value.
check "readback/template-defaults-4x4-d16-s64" "$B/vssa-readback" --defaults gen/rtl/*.v -- \
    --rows 4 --cols 4 --head-dim 16 --max-seq 64
top_foo_lints() {   # --top foo: the renamed design lints under its own top name
    local v=$B/readback/top-foo.v out
    mkdir -p "$B/readback"
    "${VSSAGEN:-$B/vssagen}" --rows 4 --cols 4 --head-dim 8 --max-seq 32 --comp --top foo -o "$v" || return 1
    "$B/vssa-readback" "$v" -- --rows 4 --cols 4 --head-dim 8 --max-seq 32 --comp --top foo || return 1
    out=$(verilator --lint-only -Wall --top-module foo "$v" 2>&1)
    [ -z "$out" ] || { echo "$out"; return 1; }
    iverilog -g2005 -s foo -o "$B/readback/top-foo.vvp" "$v"   # not /dev/null: iverilog chmods its output
}
check "lint/top-foo-renamed" top_foo_lints

echo "== integration files: FuseSoC core and file list (docs/integration.md)"
for t in fusesoc-lint fusesoc-wrong-core fusesoc-synth filelist; do
    check "integ/${t/-//}" env B="$B" VSSAGEN="$GEN" FUSESOC="${FUSESOC:-$B/venv-fusesoc/bin/fusesoc}" \
        tests/integration.sh "$t"
done
integ_refusals() {   # --core and --filelist: one line, status 2, no file written
    local d=$B/integ/refused o
    rm -rf "$d"; mkdir -p "$d/sub"
    o=(--rows 2 --cols 2 -o "$d/sub/d.v")
    refused "$d/c.core" "$GEN" --rows 2 --core "$d/c.core" || { echo "--core without -o"; return 1; }
    refused "$d/l.f" "$GEN" --rows 2 --filelist "$d/l.f" || { echo "--filelist without -o"; return 1; }
    refused "$d/sub/d.v" "$GEN" "${o[@]}" --core "$d/no-dir/c.core" || { echo "unwritable --core"; return 1; }
    refused "$d/sub/d.v" "$GEN" "${o[@]}" --filelist "$d/sub/d.v/l.f" || { echo "unwritable --filelist"; return 1; }
    refused "$d/sub/d.v" "$GEN" "${o[@]}" --core "$d/sub" || { echo "--core a directory"; return 1; }
    refused "$d/sub/d.v" "$GEN" "${o[@]}" --core "$d/sub/d.v" || { echo "--core the design"; return 1; }
    refused "$d/sub/d.v $d/sub/l.f" "$GEN" "${o[@]}" --core "$d/sub/l.f" --filelist "$d/sub/l.f" ||
        { echo "--core and --filelist one file"; return 1; }
    refused "$d/sub/d.v $d/sub/c.core $d/p.h" "$GEN" "${o[@]}" --params "$d/p.h" --core "$d/sub/c.core" ||
        { echo "a header above the core"; return 1; }
    refused "$d/d.v $d/sub/c.core" "$GEN" --rows 2 -o "$d/d.v" --core "$d/sub/c.core" ||
        { echo "a design above the core"; return 1; }
    refused "$d/l.f" "$GEN" --rows 2 -o "$d/a b.v" --filelist "$d/l.f" || { echo "a space in the path"; return 1; }
    refused "$d/l.f" "$GEN" --rows 2 -o "$d/-a.v" --filelist "$d/l.f" || { echo "a part starting with -"; return 1; }
    [ -z "$(ls -A "$d/sub")" ] && [ "$(ls -A "$d")" = sub ] || { echo "left behind: $(ls -A "$d" "$d/sub")"; return 1; }
}
check "cli/vssagen-core-filelist-refusals" integ_refusals
# A new seed each run (RANDCFG_SEED=N repeats one); a failure prints its seed
# and the command that repeats it.
rseed=${RANDCFG_SEED:-$(( $(date +%s) % 100000 ))}
check "randcfg/seed$rseed/3-valid-50-invalid" env B="$B" VSSAGEN="${VSSAGEN:-$B/vssagen}" \
    READBACK="$B/vssa-readback" tests/randcfg.sh 3 50 "$rseed"

# make synth's ECP5 figures: the LUT4 count, the device choice with headroom,
# and the routed Fmax and critical path taken from a nextpnr-ecp5 log (the
# post-route figure, not the placement estimate or the pin-to-pin paths).
ecp5_parsing() {
    local d=$B/synth-parse got
    mkdir -p "$d"
    stat() { printf '=== fpga_wrap ===\n   Number of cells: 9\n     CCU2C %s\n     LUT4 %s\n     MULT18X18D %s\n     TRELLIS_FF 7\n     DP16KD %s\n     PFUMX 5\n' "$@"; }
    stat 10 100 23 9 >"$d/a.stat"; got=$(python3 tests/synth.py ecp5 "$d/a.stat")
    [ "$got" = "120 7 9 23 45F -" ] || { echo "23 multipliers (82 % of a 25F): $got"; return 1; }
    stat 258 19867 61 9 >"$d/b.stat"; got=$(python3 tests/synth.py ecp5 "$d/b.stat")
    [ "$got" = "20383 7 9 61 85F -" ] || { echo "61 multipliers: $got"; return 1; }
    got=$(python3 tests/synth.py ecp5 "$d/b.stat" 45F)
    [ "$got" = "20383 7 9 61 45F -" ] || { echo "forced 45F: $got"; return 1; }
    stat 0 1000 157 0 >"$d/c.stat"; got=$(python3 tests/synth.py ecp5 "$d/c.stat")
    [ "$got" = "1000 7 0 157 none needs_157_MULT18X18D,_85F_has_156" ] || { echo "157 multipliers: $got"; return 1; }
    stat 0 67371 153 69 >"$d/e.stat"; got=$(python3 tests/synth.py ecp5 "$d/e.stat")
    [ "$got" = "67371 7 69 153 none needs_153_MULT18X18D,_over_80_%_of_the_85F's_156" ] || { echo "153 multipliers: $got"; return 1; }
    cat >"$d/pnr.log" <<'LOG'
Info: Max frequency for clock '$glbnet$clk': 80.10 MHz (PASS at 12.00 MHz)
Info: Critical path report for clock '$glbnet$clk' (posedge -> posedge):
Info:   clk-to-q  0.52  0.52 Source u_dut.a_TRELLIS_FF_Q.Q
Info:      setup  0.00  9.00 Source u_dut.b_TRELLIS_FF_Q.DI
Info: Critical path report for clock '$glbnet$clk' (posedge -> posedge):
Info:   clk-to-q  0.52  0.52 Source u_dut.u_rank.x_TRELLIS_FF_Q.Q
Info:    routing  1.00  1.52 Net x
Info:                          Sink u_dut.u_rank.y_LUT4_Z.B
Info:      logic  0.24  1.76 Source u_dut.u_rank.y_LUT4_Z.F
Info:                          Sink u_dut.u_rank.z_TRELLIS_FF_Q.DI
Info:      setup  0.00 17.80 Source u_dut.u_rank.z_TRELLIS_FF_Q.DI
Info: Critical path report for cross-domain path 'posedge $glbnet$clk' -> '<async>':
Info:   clk-to-q  0.52  0.52 Source so_TRELLIS_FF_Q_2.Q
Info:                          Sink so[1]$tr_io.I
Warning: Max frequency for clock '$glbnet$clk': 56.18 MHz (FAIL at 100.00 MHz)
Info: Program finished normally.
LOG
    got=$(python3 tests/synth.py nextpnr "$d/pnr.log")
    [ "$got" = "routed 56.18 u_dut.u_rank.x_TRELLIS_FF_Q u_dut.u_rank.z_TRELLIS_FF_Q" ] || { echo "routed log: $got"; return 1; }
    printf 'Info: Max frequency for clock x: 50.00 MHz (FAIL at 100.00 MHz)\nERROR: Unable to find legal placement for all cells, design is probably at utilisation limit.\n' >"$d/fail.log"
    got=$(python3 tests/synth.py nextpnr "$d/fail.log")
    [ "$got" = "placement-failed - - -" ] || { echo "failed placement: $got"; return 1; }
}
check "synth/ecp5-report-parsing" ecp5_parsing
# The regression farm's runner and collector on a made-up job list
# (tests/farm/, docs/farm.md; make farm-test runs a real one under Slurm).
check "farm/collect" tests/farm/collect_test.sh "$B/farm-collect-test"

check "synth/yosys/s8x8_fuse" bash -c "yosys -q -p 'synth -top vssa' rtl_out/s8x8_fuse.v > $B/s8x8.yosys.log 2>&1 || { tail -20 $B/s8x8.yosys.log; exit 1; }"

echo "== installation and manual pages (docs/install.md, docs/man)"
# each page against the command's --help: the same options, each with its default
man_cmds=(vssagen "${VSSAGEN:-$B/vssagen}" vssa-golden "$B/vssa-golden-san" vssa-sim "$B/sim/t4x4_fuse/vssa-sim"
          vssa-fstcheck "$B/vssa-fstcheck" vssa-build-sim harness/vssa-build-sim.sh)
for ((i = 0; i < ${#man_cmds[@]}; i += 2)); do
    page=docs/man/${man_cmds[i]}.1
    check "man/${man_cmds[i]}/renders-without-warnings" tests/man_check.sh render "$page"
    check "man/${man_cmds[i]}/options-match-help" tests/man_check.sh options "$page" "${man_cmds[i + 1]}"
done
check "man/vssa-fstcheck/cross-check-catches-drift" tests/man_check.sh drift docs/man/vssa-fstcheck.1 "$B/vssa-fstcheck"
check "install/prefix-tools-build-sim-uninstall" env B="$B" tests/install_check.sh prefix "$B/install-prefix"
check "install/destdir-staged-uninstall" env B="$B" tests/install_check.sh destdir "$B/install-destdir"

echo "== documentation and licence (docs/, LICENSE)"
check "docs/readme-at-most-250-lines" tests/docs_check.sh readme
check "docs/links-name-files" tests/docs_check.sh links
check "docs/ports-page-is-the-top-and-the-header" tests/docs_check.sh ports "${VSSAGEN:-$B/vssagen}"
check "docs/spdx-line-in-every-source-file" tests/spdx_check.sh

echo
if [ "$fail" -gt 0 ]; then
    printf 'failed: %s\n' "${failed[@]}"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
