#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# spdx_check.sh - every source file the repository tracks names its licence
# in an SPDX line among its first five lines: C, C++, Verilog, shell,
# Python and make files (data files, fuzz corpora and docs are not source).
# Prints each file without one and exits 1 if there is any.
set -u
cd "$(dirname "$0")/.."
missing=0
while IFS= read -r f; do
    case $f in
    *.c | *.h | *.cpp | *.v | *.vh | *.sh | *.py | *.mk | Makefile | .ci/run) ;;
    *) continue ;;
    esac
    [ -f "$f" ] || continue
    if ! head -n 5 "$f" | grep -q 'SPDX-License-Identifier: MIT'; then
        echo "no SPDX line: $f"
        missing=1
    fi
done < <(git ls-files --cached --others --exclude-standard)
exit $missing
