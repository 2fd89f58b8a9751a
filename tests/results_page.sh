#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# results_page.sh - writes a results page of docs/results/ from what a
# measuring target (make bench, synth, accuracy, verify) printed and the
# CSV files it wrote, so that no results table in docs/ is edited by hand.
#
#   tests/results_page.sh PAGE COMMAND START REPORT [CAPTION=FILE.csv ...] [IMAGE=FILE.png]
#
# PAGE: the page's name (docs/results/PAGE.md); COMMAND: the command line
# that measured, as a user would type it; START: its start, in seconds since
# the epoch (the duration runs from there to now); REPORT: the target's
# printed report. Its lines that begin with '|' are Markdown tables and stay
# as they are; the other lines go into text blocks. Each CAPTION=FILE.csv
# becomes a table under that caption; IMAGE=FILE copies the chart beside the
# page. The page is written whole (a temporary renamed into place).
set -eu
cd "$(dirname "$0")/.."
[ $# -ge 4 ] || { echo "usage: results_page.sh PAGE COMMAND START REPORT [CAPTION=FILE.csv ...] [IMAGE=FILE]" >&2; exit 2; }
page=$1 command=$2 start=$3 report=$4
shift 4
dir=docs/results
mkdir -p "$dir"
out=$dir/$page.md
tmp=$(mktemp "$dir/.$page.XXXXXX")
trap 'rm -f "$tmp"' EXIT

secs=$(($(date +%s) - start))
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- gen golden harness tests Makefile 2>/dev/null || commit="$commit with local changes"

# CSV (plain, no quoted commas) as a Markdown table.
csv_table() {
    awk -F, 'NR == 1 { s = "|"; r = "|"; for (i = 1; i <= NF; i++) { s = s " " $i " |"; r = r " --- |" }
                       print s; print r; next }
             { s = "|"; for (i = 1; i <= NF; i++) s = s " " $i " |"; print s }' "$1"
}

{
    echo "# Results of make $page"
    echo
    echo "Written by \`$command\` on $(date -u +%Y-%m-%d) at $(date -u +%H:%M) UTC, commit"
    echo "$commit, in $((secs / 60)) min $((secs % 60)) s on $(nproc) cores. The target rewrites"
    echo "this page on every run; do not edit it."
    echo
    echo "## Report"
    echo
    awk 'function close_block() { if (inblk) { print "```"; print ""; inblk = 0 } }
         /^\|/ { if (!intab) { close_block(); intab = 1 } print; next }
         intab { intab = 0; print "" }
         /^[[:space:]]*$/ { close_block(); next }
         { if (!inblk) { print "```text"; inblk = 1 } print }
         END { close_block() }' "$report"
    for arg in "$@"; do
        caption=${arg%=*} file=${arg##*=}
        case $caption in
        IMAGE)
            cp "$file" "$dir/$page.png"
            echo
            echo "![$page chart]($page.png)"
            ;;
        *)
            echo
            echo "## $caption"
            echo
            echo "From \`$file\`."
            echo
            csv_table "$file"
            ;;
        esac
    done
} >"$tmp"
mv "$tmp" "$out"
trap - EXIT
echo "results page: $out"
