# SPDX-License-Identifier: MIT
"""slang_check.py - elaborates generated designs with slang (pyslang) and
fails on any diagnostic, warning or error. Usage: slang_check.py FILE.v..."""
import sys

from pyslang import DiagnosticEngine, ast, syntax


def check(path):
    comp = ast.Compilation()
    comp.addSyntaxTree(syntax.SyntaxTree.fromFile(path))
    diags = comp.getAllDiagnostics()
    if diags:
        print(DiagnosticEngine.reportAll(comp.sourceManager, diags), end="")
    return len(diags)


def main():
    bad = 0
    for path in sys.argv[1:]:
        n = check(path)
        print(f"{'ok  ' if n == 0 else 'FAIL'} slang {path}: {n} diagnostics")
        bad += n > 0
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
