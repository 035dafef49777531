#!/usr/bin/env bash
# test-summary.sh TEST_LOG CHECK_LOG...: the plain closing line of `make test`.
# Counts the Swift Testing tests from the runner's own summary and the other checks from the
# lines their scripts printed ("ok   …" or "FAIL …": check-site.sh, the CI files' check), so
# the line says what really ran.
set -euo pipefail
count=$(grep -Eo 'Test run with [0-9]+ tests?' "$1" | tail -1 | grep -Eo '[0-9]+' || true)
[ -n "$count" ] || { echo "error: no Swift Testing summary in $1" >&2; exit 1; }
# The runner prints "✘ Test name() failed after …" once for each test that failed.
swift_failed=$(grep -Ec '^✘ Test .*\) failed' "$1" || true)
shift
passed=$(cat "$@" | grep -c '^ok ' || true)
failed=$(cat "$@" | grep -c '^FAIL ' || true)
[ $((passed + failed)) -gt 0 ] || { echo "error: no site check ran (nothing in $*)" >&2; exit 1; }
echo "tests: $((count - swift_failed + passed)) passed, $((swift_failed + failed)) failed"
