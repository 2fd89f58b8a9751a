#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# man_check.sh - checks of the manual pages in docs/man (make test, man/ checks):
#   man_check.sh render PAGE          renders with man -l and groff, no warning;
#                                     has every section a page needs
#   man_check.sh options PAGE CMD...  the options of PAGE's OPTIONS section are
#                                     those CMD --help lists, each with its default
#   man_check.sh drift PAGE CMD...    options catches PAGE with an option dropped,
#                                     one added and a default removed
# Exit status 0 when the check holds, 1 with the reasons otherwise.
set -u

render() {
    local page=$1 out sec fail=0
    # man -l runs the page through groff as a reader would see it; --warnings
    # passes -w on, and a warning goes to stderr
    out=$(MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null) || { echo "man -l failed: $out"; return 1; }
    [ -z "$out" ] || { echo "man -l warns: $out"; fail=1; }
    out=$(groff -man -ww -z "$page" 2>&1)
    [ -z "$out" ] || { echo "groff -ww warns: $out"; fail=1; }
    for sec in NAME SYNOPSIS DESCRIPTION OPTIONS 'EXIT STATUS' FILES EXAMPLES 'SEE ALSO'; do
        grep -qx "\.SH $sec" "$page" || { echo "no section .SH $sec"; fail=1; }
    done
    return $fail
}

# The options tagged in the page's OPTIONS section (its .TP entries, .SS
# subsections included), one a line, as the command spells them.
page_options() {
    awk '/^\.SH / { opts = ($0 == ".SH OPTIONS"); next }
         opts && tag { print $2 }
         { tag = opts && $0 == ".TP" }' "$1" | sed 's/\\-/-/g' | sort -u
}

# The options the command's --help lists: lines indented by one to four
# spaces whose first word is an option (deeper lines continue the text).
help_options() {
    local out
    out=$("$@" --help) || return 1
    grep -E '^ {1,4}-' <<<"$out" | awk '{ print $1 }' | sort -u
}

# The options of the page whose entry gives no default (--help and
# --version need none; a required option says so instead).
undefaulted() {
    awk 'function done() {
             if (name != "" && body !~ /Default:|Required\./ && name !~ /^\\-\\-(help|version)$/)
                 print name
             name = ""; body = ""
         }
         /^\.SH / { done(); opts = ($0 == ".SH OPTIONS"); next }
         !opts { next }
         /^\.(TP|SS)/ { done(); tag = ($0 == ".TP"); next }
         tag { name = $2; tag = 0; next }
         { body = body " " $0 }
         END { done() }' "$1" | sed 's/\\-/-/g'
}

options() {
    local page=$1 fail=0 help man diff
    shift
    help=$(help_options "$@") || { echo "$* --help failed"; return 1; }
    [ -n "$help" ] || { echo "$* --help lists no option"; return 1; }
    man=$(page_options "$page")
    [ -n "$man" ] || { echo "$page tags no option"; return 1; }
    diff=$(comm -23 <(echo "$help") <(echo "$man"))
    [ -z "$diff" ] || { echo "in $* --help, not in $page:" $diff; fail=1; }
    diff=$(comm -13 <(echo "$help") <(echo "$man"))
    [ -z "$diff" ] || { echo "in $page, not in $* --help:" $diff; fail=1; }
    diff=$(undefaulted "$page")
    [ -z "$diff" ] || { echo "in $page, without a default:" $diff; fail=1; }
    return $fail
}

# The cross-check itself: PAGE altered three ways, each must be caught.
drift() {
    local page=$1 d first
    shift
    d=$(mktemp -d) || return 1
    first=$(page_options "$page" | grep -vx -- '--help' | head -n 1)
    # an option's entry dropped: from .TP up to the next .TP, .SS or .SH
    awk -v o="$first" '/^\.(TP|SS|SH)/ { skip = 0 } $0 == ".TP" { held = $0; next }
         held != "" { t = $2; gsub(/\\-/, "-", t); if (t == o) skip = 1; else print held; held = "" }
         !skip' "$page" >"$d/dropped.1"
    sed '/^\.SH EXIT STATUS/i .TP\n.B \\-\\-not\\-an\\-option\nDefault: none.' "$page" >"$d/added.1"
    sed '0,/^Default:/s/^Default:/Otherwise:/' "$page" >"$d/undefaulted.1"
    local fail=0 kind
    for kind in dropped added undefaulted; do
        ! options "$d/$kind.1" "$@" >/dev/null || { echo "an option $kind ($first) was not caught"; fail=1; }
    done
    options "$page" "$@" || fail=1
    rm -rf "$d"
    return $fail
}

case ${1:-} in
render) [ $# -eq 2 ] || exit 2; render "$2" ;;
options) [ $# -ge 3 ] || exit 2; shift; options "$@" ;;
drift) [ $# -ge 3 ] || exit 2; shift; drift "$@" ;;
*) echo "usage: $0 render PAGE | options PAGE CMD... | drift PAGE CMD..." >&2; exit 2 ;;
esac
