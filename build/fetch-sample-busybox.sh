#!/bin/sh
# Fetches the static busybox the sample site image is made of (assets/sample-site/),
# for amd64 and arm64, from Debian's archive: the binary packages of
# busybox-static at one pinned version, checked against the SHA-256 that
# Debian's signed package indices give for them. The GPL source is named in
# assets/sample-site/SOURCES.md. Run it when changing the pinned version, then
# commit the two binaries; installs and CI never download them.
set -eu

VERSION='1.35.0-4+deb12u1+b1'
MIRROR='http://deb.debian.org/debian/pool/main/b/busybox'
SHA256_amd64='3d3fdbe91d4660c873e14b092c213fe81c1da6362daa236eb25d0171eb108744'
SHA256_arm64='732c9135564fc71337e0e05fb4da4d11e6c28c1834bce3e405e575afef2a52f5'

out="$(cd "$(dirname "$0")/.." && pwd)/assets/sample-site"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for arch in amd64 arm64; do
  deb="busybox-static_${VERSION}_${arch}.deb"
  curl -fsSL -o "$work/$deb" "$MIRROR/$deb"
  eval "want=\$SHA256_$arch"
  echo "$want  $work/$deb" | sha256sum -c --quiet -
  dpkg-deb -x "$work/$deb" "$work/$arch"
  install -m 0755 "$work/$arch/bin/busybox" "$out/busybox-$arch"
  echo "assets/sample-site/busybox-$arch from $deb"
done
