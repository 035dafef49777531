#!/usr/bin/env bash
# The benchmark compares against the cmark program and Hugo, and loads `serve` with wrk: Debian packages.
set -euo pipefail
missing=()
command -v cmark >/dev/null 2>&1 || missing+=(cmark)
command -v hugo >/dev/null 2>&1 || missing+=(hugo)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing ${missing[*]} with apt-get for the benchmark ..." >&2
{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >&2 ||
  { echo "error: could not install ${missing[*]}; install them and run make bench again" >&2; exit 1; }
