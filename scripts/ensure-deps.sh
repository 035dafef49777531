#!/usr/bin/env bash
# Installs what the build needs and a fresh machine may lack: libcmark-dev (the C library
# the Markdown renderer links against). Uses apt-get when it can; says what to do when not.
set -euo pipefail

have_cmark() {
  [ -f /usr/include/cmark.h ] && { [ -f /usr/lib/x86_64-linux-gnu/pkgconfig/libcmark.pc ] ||
    pkg-config --exists libcmark 2>/dev/null || ls /usr/lib/*/pkgconfig/libcmark.pc >/dev/null 2>&1; }
}

if have_cmark; then exit 0; fi

echo "libcmark-dev is missing; installing it with apt-get ..." >&2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: libcmark-dev is not installed and apt-get is not available." >&2
  echo "       Install libcmark (0.30 or later) with its headers and pkg-config file, then run make again." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "error: libcmark-dev is not installed and installing it needs root: run 'sudo apt-get install libcmark-dev'." >&2
    exit 1
  fi
fi
if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libcmark-dev; } >&2; then
  echo "error: apt-get could not install libcmark-dev; install it by hand and run make again." >&2
  exit 1
fi
have_cmark || { echo "error: libcmark-dev was installed but cmark.h or libcmark.pc is still missing." >&2; exit 1; }
echo "libcmark-dev installed." >&2
