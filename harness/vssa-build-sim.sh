#!/bin/sh
# SPDX-License-Identifier: MIT
# vssa-build-sim - builds vssa-sim, the co-simulator of one vssagen design,
# from an installed vssagen: it runs the installed copy of harness/sim.mk,
# the recipe the project Makefile uses, on the installed harness and golden
# model sources. `make install` installs this file as PREFIX/bin/vssa-build-sim.
set -u
me=vssa-build-sim

usage() {
    cat <<'EOF'
usage: vssa-build-sim [options] DESIGN.v PARAMS.h OUTDIR
Build OUTDIR/vssa-sim, the co-simulator of the design DESIGN.v whose
parameter header is PARAMS.h (one vssagen run's -o and --params), with
Verilator, a C and a C++ compiler and zlib, as the project Makefile builds
its own. OUTDIR is created if missing; it receives vssa-sim, the harness's
objects and Verilator's model in OUTDIR/obj. Nothing else is written.
  -j N        jobs make may run at once (the Verilated model's build)   [1]
  --help      this text
VERILATOR, CC and CXX name the tools     [verilator, cc, g++]
Bad arguments print one line on stderr and exit with status 2; a failed
build exits with status 1.
EOF
}

bad() {   # one line on stderr, status 2: bad input
    echo "$me: error: $*" >&2
    exit 2
}

# make takes no blanks or shell and make metacharacters in a file name
plain() {
    case $1 in
    *[!A-Za-z0-9._/+,@-]*) bad "$2 '$1': only letters, digits and . _ / + , @ - can be used here" ;;
    esac
}

jobs=1
while [ $# -gt 0 ]; do
    case $1 in
    --help) usage; exit 0 ;;
    -j)
        [ $# -ge 2 ] || bad "option '-j' needs a value"
        case $2 in '' | *[!0-9]* | 0*) bad "-j '$2': want a positive integer" ;; esac
        jobs=$2
        shift 2
        ;;
    --) shift; break ;;
    -?*) bad "unknown option '$1' (see --help)" ;;
    *) break ;;
    esac
done
[ $# -eq 3 ] || bad "want DESIGN.v PARAMS.h OUTDIR (see --help)"

for f in "$1" "$2"; do
    [ -f "$f" ] && [ -r "$f" ] || bad "cannot read '$f': not a readable file"
done
design=$(readlink -f -- "$1") && params=$(readlink -f -- "$2") || bad "cannot resolve '$1' or '$2'"
grep -Eq '^#define VSSA_TOP_NAME "[A-Za-z_][A-Za-z0-9_]*"$' "$params" &&
    grep -q '^#define VSSA_PARAM_VALUES ' "$params" ||
    bad "'$2' is not a parameter header of vssagen --params"
[ ! -e "$3" ] || [ -d "$3" ] || bad "OUTDIR '$3' exists and is not a directory"
case $3 in /*) out=$3 ;; *) out=$PWD/$3 ;; esac
plain "$design" DESIGN.v
plain "$params" PARAMS.h
plain "$out" OUTDIR

share=$(dirname "$(readlink -f -- "$0")")/../share/vssagen
[ -f "$share/sim.mk" ] || { echo "$me: error: $share/sim.mk missing: reinstall vssagen" >&2; exit 1; }
share=$(cd "$share" && pwd -P) || exit 1
plain "$share" "the installed sources' directory"
command -v "${VERILATOR:-verilator}" >/dev/null 2>&1 ||
    { echo "$me: error: ${VERILATOR:-verilator} not found (Debian: apt-get install verilator g++ zlib1g-dev)" >&2; exit 1; }

mkdir -p -- "$out" 2>/dev/null || bad "cannot create OUTDIR '$3'"
make -j"$jobs" -f "$share/sim.mk" SIM_SRC="$share/" SIM_V="$design" SIM_H="$params" \
    SIM_DIR="$out" "$out/vssa-sim" || { echo "$me: error: the build of $out/vssa-sim failed" >&2; exit 1; }
echo "$me: $out/vssa-sim"
