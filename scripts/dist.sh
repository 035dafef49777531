#!/usr/bin/env bash
# dist.sh DIST_DIR: a release binary for CI runners that should not compile Swift. Swift's
# standard library and Foundation are linked statically (--static-swift-stdlib), and so are
# libcmark and libyaml (libcmark-dev's libcmark.a, libyaml-dev's libyaml.a), so the binary
# needs only the C and C++ runtimes every Linux has. It is built in .build/dist (its flags
# differ from `make release`, which keeps its own build), checked from an empty folder with
# no templates/ of its own, and packed as DIST_DIR/token-economics-VERSION-linux-ARCH.tar.gz
# with its SHA-256 beside it.
set -euo pipefail
dist=${1:?usage: dist.sh DIST_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
version=$(git describe --tags --always --dirty 2>/dev/null || echo dev)
name="token-economics-$version-linux-$(uname -m)"

# libcmark from its static archive: the CMark module links "cmark" by name, and a
# libcmark.pc of our own points the linker first at a folder that holds only libcmark.a.
libdir=$(pkg-config --variable=libdir libcmark 2>/dev/null || dirname "$(find /usr/lib /usr/local/lib -name libcmark.a | head -1)")
[ -f "$libdir/libcmark.a" ] || { echo "error: no libcmark.a in $libdir (Debian's libcmark-dev has it)" >&2; exit 1; }
includedir=$(pkg-config --variable=includedir libcmark 2>/dev/null || echo /usr/include)
static="$root/.build/dist-static"
mkdir -p "$static"
ln -sf "$libdir/libcmark.a" "$static/libcmark.a"
cat > "$static/libcmark.pc" <<PC
Name: libcmark
Description: CommonMark parsing and rendering, linked statically
Version: 0.30
Libs: -L$static -lcmark
Cflags: -I$includedir
PC
# libyaml the same way: the LibYAML module links "yaml".
yamllibdir=$(pkg-config --variable=libdir yaml-0.1 2>/dev/null || dirname "$(find /usr/lib /usr/local/lib -name libyaml.a | head -1)")
[ -f "$yamllibdir/libyaml.a" ] || { echo "error: no libyaml.a in $yamllibdir (Debian's libyaml-dev has it)" >&2; exit 1; }
ln -sf "$yamllibdir/libyaml.a" "$static/libyaml.a"
cat > "$static/yaml-0.1.pc" <<PC
Name: LibYAML
Description: YAML parsing, linked statically
Version: 0.2
Libs: -L$static -lyaml
Cflags: -I$(pkg-config --variable=includedir yaml-0.1 2>/dev/null || echo /usr/include)
PC
PKG_CONFIG_PATH="$static" swift build -c release --product token-economics --scratch-path .build/dist \
  --static-swift-stdlib
binary=.build/dist/release/token-economics
if ldd "$binary" | grep -Eq 'libcmark|libyaml|libswift|libFoundation'; then
  echo "error: $binary still loads a library it should hold:" >&2; ldd "$binary" >&2; exit 1
fi

# From a folder with no templates/: the built-in ones, the repository's content, --strict.
check=$(mktemp -d)
trap 'rm -rf "$check"' EXIT
cp "$binary" "$check/token-economics"
cp -R content "$check/content"
(cd "$check" && ./token-economics build --strict --output site >/dev/null)
[ -f "$check/site/index.html" ] || { echo "error: the dist binary built no site" >&2; exit 1; }

stage="$dist/$name"
rm -rf "$stage" && mkdir -p "$stage"
cp "$binary" "$stage/token-economics"
cp README.md "$stage/"
strip "$stage/token-economics" 2>/dev/null || true
# The same files give the same tarball: sorted names, fixed times and owners.
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$dist" -cf - "$name" | gzip -n -9 > "$dist/$name.tar.gz"
(cd "$dist" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
rm -rf "$stage"
echo "$dist/$name.tar.gz ($(du -h "$dist/$name.tar.gz" | cut -f1)), $(cut -d' ' -f1 "$dist/$name.tar.gz.sha256")"
