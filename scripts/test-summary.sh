#!/usr/bin/env bash
# test-summary.sh LOG: the plain closing line of `make test`, from Swift Testing's own summary.
# Reached only when every step before it passed.
set -euo pipefail
count=$(grep -Eo 'Test run with [0-9]+ tests?' "$1" | tail -1 | grep -Eo '[0-9]+' || true)
[ -n "$count" ] || { echo "error: no Swift Testing summary in $1" >&2; exit 1; }
echo "tests: $((count + 3)) passed, 0 failed"   # the Swift tests and the three site checks (run on two sites)
