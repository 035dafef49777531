#!/usr/bin/env bash
# fuzz-corpus.sh DIR: seeds for the fuzzer from the repository's own files. Each seed is a
# selector byte (0 essay, 1 scenario, 2 catalog, 3 template) followed by a file's bytes, or 4 and
# a history of the output folder (pairs of step and argument, see Fuzz/Sources/FuzzContent/FuzzOutput.swift).
set -euo pipefail
dir=${1:?usage: fuzz-corpus.sh DIR}
mkdir -p "$dir"
seed() { # seed SELECTOR FILE
  local name; name=$(printf '%s' "$2" | tr '/' '_')
  { printf "\\x$1"; cat "$2"; } > "$dir/$1-$name"
}
for f in content/*.md Tests/TokenEconomicsTests/Fixtures/site/content/*.md; do seed 00 "$f"; done
for f in content/scenarios/*.yaml Tests/TokenEconomicsTests/Fixtures/site/content/scenarios/*.yaml; do seed 01 "$f"; done
for f in content/models.yaml Tests/TokenEconomicsTests/Fixtures/site/content/models.yaml; do seed 02 "$f"; done
for f in templates/*.mustache templates/partials/*.mustache; do seed 03 "$f"; done
# A template over the list the fuzz target renders (an essay's `pages`: title, url, pinned).
{ printf '\x03'; printf '<h1>{{title}}</h1>\n<ul>\n{{#pages}}\n<li><a href="{{url}}">{{title}}</a>{{#pinned}} *{{/pinned}}</li>\n{{/pages}}\n</ul>\n{{^pages}}none{{/pages}}\n'; } > "$dir/03-list-items"
# Histories: build, edit an essay, stop a build at step 5, hand-edit a page, add a user's file, build.
printf '\x04\x03\x00\x00\x11\x04\x05\x03\x00\x05\x02\x07\x09\x03\x00' > "$dir/04-history-edit-stop"
printf '\x04\x00\x01\x02\x07\x03\x00\x01\x00\x04\x0c\x06\x01\x04\x02\x03\x00' > "$dir/04-history-remove"
echo "$(ls "$dir" | wc -l) seeds in $dir" >&2
