#!/usr/bin/env bash
# Installs what the build needs and a fresh machine may lack: libcmark-dev and libyaml-dev (the
# C libraries the Markdown renderer and the YAML parser link against) and, with --dist,
# libcurl4-openssl-dev (Foundation's networking, which the HTTP server of `serve` imports, needs
# libcurl to link with Swift's standard library linked statically). Uses apt-get when it can;
# says what to do when not.
set -euo pipefail

# have HEADER PCNAME: the header in /usr/include and the library's pkg-config file.
have() {
  [ -f "/usr/include/$1" ] && { pkg-config --exists "$2" 2>/dev/null || ls /usr/lib/*/pkgconfig/"$2".pc >/dev/null 2>&1; }
}

missing=()
have cmark.h libcmark || missing+=(libcmark-dev)
have yaml.h yaml-0.1 || missing+=(libyaml-dev)
if [ "${1:-}" = "--dist" ]; then have curl/curl.h libcurl || missing+=(libcurl4-openssl-dev); fi
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi

echo "${missing[*]} missing; installing with apt-get ..." >&2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: ${missing[*]} not installed and apt-get is not available." >&2
  echo "       Install libcmark (0.30 or later) and libyaml (0.2) with their headers and pkg-config files, then run make again." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "error: ${missing[*]} not installed and installing needs root: run 'sudo apt-get install ${missing[*]}'." >&2
    exit 1
  fi
fi
if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"; } >&2; then
  echo "error: apt-get could not install ${missing[*]}; install them by hand and run make again." >&2
  exit 1
fi
have cmark.h libcmark || { echo "error: libcmark-dev was installed but cmark.h or libcmark.pc is still missing." >&2; exit 1; }
have yaml.h yaml-0.1 || { echo "error: libyaml-dev was installed but yaml.h or yaml-0.1.pc is still missing." >&2; exit 1; }
echo "${missing[*]} installed." >&2
