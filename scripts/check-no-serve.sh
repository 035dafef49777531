#!/usr/bin/env bash
# check-no-serve.sh BINARY: a token-economics built without the trait Serve (as `make site`
# builds it) answers `serve`, with or without options, with exit status 2 and one line on
# standard error naming `make release`, prints nothing on standard output and listens on
# nothing; and it still builds the repository's content. Prints "ok   …" or "FAIL …" lines
# for scripts/test-summary.sh; exits 1 on a failure.
set -uo pipefail
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

expect_refusal() { # ARGS...: `serve ARGS` from an empty folder
  local status
  (cd "$work" && timeout 20 "$binary" serve "$@" >"$work/out" 2>"$work/err")
  status=$?
  local lines
  lines=$(wc -l <"$work/err")
  if [ "$status" -eq 2 ] && [ "$lines" -eq 1 ] && [ ! -s "$work/out" ] \
    && grep -q '^error: serve is not in this binary' "$work/err" && grep -q 'make release' "$work/err"; then
    echo "ok   serve ${*:-(no options)} without the trait Serve: exit 2, one line naming make release"
  else
    echo "FAIL serve ${*:-(no options)} without the trait Serve: exit $status, $lines line(s) on stderr:"
    sed 's/^/     /' "$work/err" "$work/out"
    failed=1
  fi
}

expect_refusal
expect_refusal --port 0 --content "$root/content" --open

if (cd "$root" && "$binary" build --strict --content content --templates templates --output "$work/site" >/dev/null) \
  && [ -f "$work/site/index.html" ]; then
  echo "ok   build without the trait Serve: the repository's content builds"
else
  echo "FAIL build without the trait Serve: the repository's content did not build"
  failed=1
fi
exit $failed
