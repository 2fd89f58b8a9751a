#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# install_check.sh - `make install` and `make uninstall` round trips (make
# test, install/ checks), on the build in $B:
#   install_check.sh prefix DIR    install into PREFIX=DIR and use every
#       installed command: vssagen generates a tiny design, vssa-build-sim
#       builds its co-simulator, which runs and records a waveform that
#       vssa-fstcheck reads back, and vssa-golden computes a head of real
#       tensors that the co-simulator must compute byte for byte the same;
#       then make uninstall must leave no file and no directory of ours.
#   install_check.sh destdir DIR   install with DESTDIR=DIR and PREFIX=/opt/vssagen:
#       every file lands under DIR/opt/vssagen, the staged vssa-build-sim
#       refuses bad arguments, and uninstall empties DIR/opt/vssagen again.
# Exit status 0 when the check holds, 1 with the reasons otherwise.
set -u
cd "$(dirname "$0")/.."
B=${B:-build}
TINY=(--rows 2 --cols 2 --head-dim 4 --max-seq 8 --precision host --top foo)

mk() { make -s --no-print-directory B="$B" "$@"; }

# npy_f4 FILE ROWS COLS SEED: a C-order float32 .npy of small values
npy_f4() {
    python3 -c 'import struct, sys
f, r, c, s = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
h = "{\x27descr\x27: \x27<f4\x27, \x27fortran_order\x27: False, \x27shape\x27: (%d, %d), }" % (r, c)
h += " " * ((64 - (10 + len(h) + 1) % 64) % 64) + "\n"
v = [((i * 37 + s * 11) % 17 - 8) / 4.0 for i in range(r * c)]
open(f, "wb").write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(h)) + h.encode() + struct.pack("<%df" % len(v), *v))' "$@"
}

ours_left() {   # ours_left ROOT: the files, and share/vssagen, left under ROOT
    find "$1" \( -type f -o -type l -o -path '*/share/vssagen' \) -print
}

prefix() {
    local p=$1 d=$1.work out
    rm -rf "$p" "$d"
    mkdir -p "$d"
    out=$(mk install PREFIX="$p" 2>&1) || { echo "make install: $out"; return 1; }
    local bin=$p/bin
    out=$("$bin/vssagen" --version) && grep -Eq '^vssagen [0-9]+\.[0-9]+\.[0-9]+$' <<<"$out" ||
        { echo "installed vssagen --version: $out"; return 1; }
    [ -f "$p/share/man/man1/vssa-build-sim.1" ] || { echo "no vssa-build-sim.1 installed"; return 1; }
    "$bin/vssagen" "${TINY[@]}" -o "$d/foo.v" --params "$d/foo.h" || return 1
    out=$("$bin/vssa-build-sim" -j 2 "$d/foo.v" "$d/foo.h" "$d/sim" 2>&1) ||
        { echo "vssa-build-sim: $out" | tail -n 20; return 1; }
    out=$("$d/sim/vssa-sim" --gaps 20 --backpressure 20 --wave "$d/w.fst" --beats-out "$d/w.beats") ||
        { echo "vssa-sim: $out" | tail -n 20; return 1; }
    grep -q '^RESULT: PASS' <<<"$out" || { echo "vssa-sim: no RESULT: PASS"; return 1; }
    "$bin/vssa-fstcheck" "$d/w.fst" foo --beats "$d/w.beats" >/dev/null ||
        { echo "installed vssa-fstcheck rejects the run"; return 1; }
    # one head of real tensors: the golden model and the RTL agree
    npy_f4 "$d/q.npy" 3 4 1 && npy_f4 "$d/k.npy" 6 4 2 && npy_f4 "$d/v.npy" 6 4 3 || return 1
    "$bin/vssa-golden" --q "$d/q.npy" --k "$d/k.npy" --v "$d/v.npy" --mix 20/60/20 \
        --out "$d/o1.npy" --probs-out "$d/p1.npy" >/dev/null || { echo "installed vssa-golden failed"; return 1; }
    "$d/sim/vssa-sim" --quiet --q "$d/q.npy" --k "$d/k.npy" --v "$d/v.npy" --mix with0 \
        --out "$d/o2.npy" --probs-out "$d/p2.npy" >/dev/null || { echo "vssa-sim on tensors failed"; return 1; }
    cmp "$d/o1.npy" "$d/o2.npy" && cmp "$d/p1.npy" "$d/p2.npy" || return 1
    out=$(mk uninstall PREFIX="$p" 2>&1) || { echo "make uninstall: $out"; return 1; }
    out=$(ours_left "$p")
    [ -z "$out" ] || { echo "left after uninstall:"; echo "$out"; return 1; }
    rm -rf "$p" "$d"
}

destdir() {
    local s=$1 p=/opt/vssagen out rc
    rm -rf "$s"
    out=$(mk install DESTDIR="$s" PREFIX="$p" 2>&1) || { echo "make install: $out"; return 1; }
    out=$(cd "$s" && find . -mindepth 1 -maxdepth 2)
    [ "$out" = "$(printf './opt\n./opt/vssagen')" ] || { echo "staged outside $p: $out"; return 1; }
    [ -x "$s$p/bin/vssa-build-sim" ] && [ -f "$s$p/share/vssagen/sim.mk" ] &&
        [ -f "$s$p/share/vssagen/harness/sim.cpp" ] || { echo "staged files missing"; return 1; }
    # bad arguments: one line on stderr, status 2, nothing created
    local bs=$s$p/bin/vssa-build-sim bad
    for bad in "" "a.v" "$s/none.v $s/none.h $s/out" "-x a b c" "$bs $bs $s/out" "$bs /etc/passwd $s/out" \
               "-j 0 a b c"; do
        # shellcheck disable=SC2086
        out=$("$bs" $bad 2>&1 >/dev/null); rc=$?
        [ "$rc" -eq 2 ] && [ "$(wc -l <<<"$out")" -eq 1 ] || { echo "vssa-build-sim $bad: exit $rc: $out"; return 1; }
    done
    [ ! -e "$s/out" ] || { echo "a refused build created its OUTDIR"; return 1; }
    out=$(mk uninstall DESTDIR="$s" PREFIX="$p" 2>&1) || { echo "make uninstall: $out"; return 1; }
    out=$(ours_left "$s")
    [ -z "$out" ] || { echo "left after uninstall:"; echo "$out"; return 1; }
    rm -rf "$s"
}

case ${1:-} in
prefix | destdir)
    [ $# -eq 2 ] || exit 2
    case $2 in /*) "$1" "$2" ;; *) "$1" "$PWD/$2" ;; esac
    ;;
*) echo "usage: $0 prefix DIR | destdir DIR" >&2; exit 2 ;;
esac
