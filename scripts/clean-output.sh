#!/usr/bin/env bash
# Removes from an output folder only what token-economics wrote there: the paths its manifest
# lists (relative, without `..`, not through a symbolic link), the manifest and the staging
# folder, then folders left empty. Any other file in the folder stays.
set -euo pipefail
out="${1:-output}"
manifest="$out/.token-economics-manifest"
[ -d "$out" ] || exit 0
folders=()
if [ -f "$manifest" ]; then
    while IFS= read -r line; do
        case "$line" in
            "file "*) path="${line#file * * }" ;;
            *) continue ;;
        esac
        case "/$path/" in
            *"/../"* | *"/./"* | "//"*) continue ;;
        esac
        target="$out/$path"
        # Never through a link: every folder on the way must be a real folder.
        dir="$(dirname "$path")"
        walk="$out"
        safe=1
        if [ "$dir" != "." ]; then
            IFS=/ read -r -a parts <<<"$dir"
            for part in "${parts[@]}"; do
                walk="$walk/$part"
                if [ -L "$walk" ] || [ ! -d "$walk" ]; then safe=0; break; fi
            done
        fi
        if [ "$safe" = 1 ] && [ -f "$target" ] && [ ! -L "$target" ]; then
            rm -f -- "$target"
            [ "$dir" != "." ] && folders+=("$out/$dir")
        fi
    done <"$manifest"
    rm -f -- "$manifest"
fi
rm -rf -- "$out/.token-economics-staging"
# Folders the generator's files were in, deepest first; rmdir leaves any that still hold something.
if [ "${#folders[@]}" -gt 0 ]; then
    printf '%s\n' "${folders[@]}" | sort -ru | while IFS= read -r folder; do
        while [ "$folder" != "$out" ] && rmdir -- "$folder" 2>/dev/null; do folder="$(dirname "$folder")"; done
    done
fi
