#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# docs_check.sh - the documentation's own checks, for make test:
#   readme            README.md is at most 250 lines
#   links             every relative link of README.md and docs/*.md names a file
#   ports VSSAGEN     the ports of docs/ports.md's table are the top module's
#                     (gen/rtl/top.v), and a generated design's header carries
#                     the page: its title and every port of the table
set -u
cd "$(dirname "$0")/.."

readme() {
    local n
    n=$(wc -l <README.md)
    [ "$n" -le 250 ] || { echo "README.md has $n lines, more than 250"; return 1; }
}

links() {
    local bad=0 f link target
    for f in README.md docs/*.md; do
        while IFS= read -r link; do
            target=${link%%#*}
            case $target in http*://* | mailto:* | "") continue ;; esac
            [ -e "$(dirname "$f")/$target" ] || { echo "$f: no such file: $link"; bad=1; }
        done < <(grep -o '\](\([^)]*\))' "$f" | sed 's/^](\(.*\))$/\1/')
    done
    return $bad
}

# The ports named in the first column of docs/ports.md's table, one a line
# (perf_*_o stands for the perf counters).
doc_ports() {
    awk -F'|' '/^\| `/ { print $2 }' docs/ports.md | grep -o '`[a-z_*]*`' | tr -d '`' | sort -u
}

top_ports() {
    sed -n '/^module vssa #/,/^);/p' gen/rtl/top.v |
        sed -n 's/^ *\(input\|output\) *wire *\(\[[^]]*\]\)* *\([a-z_]*\).*/\3/p' |
        sed 's/^perf_.*_o$/perf_*_o/' | sort -u
}

ports() {
    local vssagen=$1 diffs hdr
    if ! diffs=$(diff <(doc_ports) <(top_ports)); then
        echo "docs/ports.md's table (<) and gen/rtl/top.v's ports (>) differ:"
        echo "$diffs"
        return 1
    fi
    hdr=$("$vssagen" --rows 2 --cols 2 --head-dim 4 --max-seq 8 |
        sed -n '/^\/\/ == Ports and protocol$/,/^\/\/ Modules$/p')
    grep -q '^// == Ports and protocol$' <<<"$hdr" || { echo "no port page in the header"; return 1; }
    local p
    for p in $(doc_ports); do
        grep -qF -- "$p" <<<"$hdr" || { echo "the header's port page names no port $p"; return 1; }
    done
}

case ${1:-} in
readme) readme ;;
links) links ;;
ports) ports "$2" ;;
*) echo "usage: docs_check.sh readme|links|ports VSSAGEN" >&2; exit 2 ;;
esac
