#!/usr/bin/env bash
# Builds Berth's VM image from Debian's packages alone: a kernel (vmlinuz), an
# lz4 initramfs (initramfs.img) holding busybox, dockerd and the guest init,
# and manifest.json naming every package version used and the outputs' sha256.
#
#   native/vm/build.sh [--arch amd64|arm64] --out DIR [--debs DIR]
#
# --debs is the package cache (default: DIR/../debs-ARCH); a package already
# there at the candidate version is not downloaded again. Needs apt-get,
# dpkg-deb, cpio, lz4 and readelf (binutils). See README.md beside this file.
set -euo pipefail
umask 022
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
arch=amd64
out=
debs=
while [ $# -gt 0 ]; do
  case "$1" in
    --arch) arch=${2:?--arch needs amd64 or arm64}; shift 2 ;;
    --out) out=${2:?--out needs a folder}; shift 2 ;;
    --debs) debs=${2:?--debs needs a folder}; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -n "$out" ] || { echo "build.sh: --out DIR is required" >&2; exit 2; }

case "$arch" in
  amd64) triplet=x86_64-linux-gnu; flavour=amd64 ;;
  arm64) triplet=aarch64-linux-gnu; flavour=arm64 ;;
  *) echo "build.sh: --arch must be amd64 or arm64, not $arch" >&2; exit 2 ;;
esac

for tool in apt-get apt-cache dpkg-deb cpio lz4 readelf sha256sum; do
  command -v "$tool" >/dev/null || {
    echo "build.sh: $tool is missing (Debian: apt-get install apt dpkg cpio lz4 binutils coreutils)" >&2
    exit 1
  }
done

# Fixed file times make the cpio archive depend on the packages alone.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-0}
version=$(tr -d ' \n' <"$here/VERSION")
mkdir -p "$out"
out=$(cd "$out" && pwd)
debs=${debs:-$(dirname "$out")/debs-$arch}
mkdir -p "$debs"
work=$(mktemp -d "${TMPDIR:-/tmp}/berth-vm-build.XXXXXX")
trap 'rm -rf "$work"' EXIT
pkgs=$work/pkgs   # every package unpacked, as dpkg -x lays it out
root=$work/root   # what goes into the initramfs

list() { sed -e 's/#.*//' -e 's/[[:space:]]*$//' "$1" | grep -v '^$'; }

# Candidate versions, asked in one go (each apt-cache run reads the whole package lists).
declare -A candidate=()
candidates() {
  local name ver
  while read -r name ver; do candidate[$name]=$ver; done < <(
    apt-cache show --no-all-versions "${@/%/:$arch}" 2>/dev/null |
      awk '/^Package: /{p=$2} /^Version: /{print p, $2}'
  )
}

candidates busybox-static
if [ -z "${candidate[busybox-static]:-}" ] && [ "$(id -u)" = 0 ] && [ "$arch" = "$(dpkg --print-architecture)" ]; then
  # A fresh machine or container often has no package lists yet.
  apt-get update -qq >&2
  candidates busybox-static
fi
if [ -z "${candidate[busybox-static]:-}" ]; then
  if [ "$arch" = "$(dpkg --print-architecture)" ]; then
    echo "build.sh: apt knows no $arch packages. Run: apt-get update" >&2
  else
    echo "build.sh: apt knows no $arch packages. Run: dpkg --add-architecture $arch && apt-get update" >&2
  fi
  exit 1
fi
kernel_pkg=$(apt-cache depends "linux-image-$flavour:$arch" 2>/dev/null |
  sed -n "s/^ *Depends: \(linux-image-[0-9][^:]*\).*/\1/p" | head -n1)
[ -n "$kernel_pkg" ] || { echo "build.sh: cannot resolve linux-image-$flavour" >&2; exit 1; }

# Download what the cache lacks, then unpack everything.
mapfile -t names < <(list "$here/packages.txt"; echo "$kernel_pkg")
candidates "${names[@]}"
declare -A deb_of=()
fetch=()
for name in "${names[@]}"; do
  ver=${candidate[$name]:-}
  [ -n "$ver" ] || { echo "build.sh: no $arch candidate for $name" >&2; exit 1; }
  file=$(compgen -G "$debs/${name}_${ver//:/%3a}_*.deb" | head -n1 || true)
  if [ -n "$file" ]; then deb_of[$name]=$file; else fetch+=("$name:$arch=$ver"); fi
done
if [ ${#fetch[@]} -gt 0 ]; then
  echo "build.sh: downloading ${#fetch[@]} packages into $debs"
  (cd "$debs" && apt-get download -q -o APT::Sandbox::User=root "${fetch[@]}" >/dev/null)
  for name in "${names[@]}"; do
    [ -n "${deb_of[$name]:-}" ] && continue
    ver=${candidate[$name]}
    deb_of[$name]=$(compgen -G "$debs/${name}_${ver//:/%3a}_*.deb" | head -n1)
  done
fi
mkdir -p "$pkgs"
# The kernel (the slowest to unpack, beside the rest on the other core): only
# vmlinuz and the module folders modules.txt draws from.
kdirs=(fs net crypto lib arch drivers/virtio drivers/net drivers/block drivers/char
  drivers/firmware drivers/acpi drivers/input)
dpkg-deb --fsys-tarfile "${deb_of[$kernel_pkg]}" |
  tar -x -C "$pkgs" --wildcards './boot/vmlinuz-*' './lib/modules/*/modules.builtin' \
    "${kdirs[@]/#/./lib/modules/*/kernel/}" &
kernel_unpack=$!
for name in "${names[@]}"; do
  [ "$name" = "$kernel_pkg" ] || dpkg-deb -x "${deb_of[$name]}" "$pkgs"
done
wait "$kernel_unpack" || { echo "build.sh: cannot unpack $kernel_pkg" >&2; exit 1; }

# The image uses Debian's merged /usr: /bin, /sbin and /lib are links into /usr.
mkdir -p "$root/usr/bin" "$root/usr/sbin" "$root/usr/lib/$triplet"
ln -s usr/bin "$root/bin"
ln -s usr/sbin "$root/sbin"
ln -s usr/lib "$root/lib"
[ "$arch" = amd64 ] && mkdir -p "$root/usr/lib64" && ln -s usr/lib64 "$root/lib64"

merged() { # a package path as it sits in the merged-/usr image
  case "$1" in
    bin/* | sbin/* | lib/* | lib64/*) echo "usr/$1" ;;
    *) echo "$1" ;;
  esac
}

take() { # copy one path (relative to $pkgs) into the image, following links
  local src=$1 dst
  dst=$(merged "$src")
  [ -e "$root/$dst" ] || [ -L "$root/$dst" ] && return 0
  [ -e "$pkgs/$src" ] || [ -L "$pkgs/$src" ] || { echo "build.sh: $src is in no package" >&2; exit 1; }
  mkdir -p "$root/$(dirname "$dst")"
  cp -a "$pkgs/$src" "$root/$dst"
  if [ -L "$pkgs/$src" ]; then
    local target
    target=$(readlink "$pkgs/$src")
    case "$target" in
      /*) take "${target#/}" ;;
      *) take "$(realpath -m -s --relative-to="$pkgs" "$pkgs/$(dirname "$src")/$target")" ;;
    esac
  fi
}

# Programs (docker CLI, ctr, the v1 shims and docker's dnet are left out: the
# host talks to the engine over TLS, and each MiB costs boot time).
for path in bin/busybox \
  usr/sbin/dockerd usr/sbin/docker-proxy usr/bin/docker-init usr/bin/tini usr/bin/tini-static \
  usr/bin/containerd usr/bin/containerd-shim-runc-v2 usr/sbin/runc usr/bin/runc \
  usr/sbin/xtables-legacy-multi \
  sbin/mke2fs sbin/mkfs.ext4 sbin/e2fsck sbin/fsck.ext4 sbin/resize2fs sbin/tune2fs sbin/dumpe2fs \
  etc/mke2fs.conf; do
  take "$path"
done
cp -a "$pkgs/usr/lib/$triplet/xtables" "$root/usr/lib/$triplet/"
# dpkg -x skips the alternatives step that names iptables: the image uses legacy.
for name in iptables iptables-save iptables-restore ip6tables ip6tables-save ip6tables-restore; do
  ln -s xtables-legacy-multi "$root/usr/sbin/$name"
done
# update-ca-certificates never ran: build the bundle Go's TLS reads for pulls.
mkdir -p "$root/etc/ssl/certs"
find "$pkgs/usr/share/ca-certificates" -name '*.crt' | sort | xargs cat >"$root/etc/ssl/certs/ca-certificates.crt"

# Libraries: every DT_NEEDED of every program, then of the libraries, until none is missing.
needed_of() { readelf -d "$1" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }
interp_of() { readelf -l "$1" 2>/dev/null | sed -n 's/.*Requesting program interpreter: \(.*\)\]/\1/p'; }
declare -A seen=()
while :; do
  added=0
  while IFS= read -r -d '' file; do
    [ -n "${seen[$file]:-}" ] && continue
    seen[$file]=1
    interp=$(interp_of "$file")
    [ -n "$interp" ] && [ ! -e "$root$interp" ] && { take "${interp#/}"; added=1; }
    for soname in $(needed_of "$file"); do
      [ -e "$root/usr/lib/$triplet/$soname" ] && continue
      found=
      for dir in "lib/$triplet" "usr/lib/$triplet"; do
        if [ -e "$pkgs/$dir/$soname" ]; then found=$dir/$soname; break; fi
      done
      [ -n "$found" ] || { echo "build.sh: $soname (needed by ${file#"$root"/}) is in none of packages.txt's packages" >&2; exit 1; }
      take "$found"
      added=1
    done
  done < <(find "$root/usr" -type f -print0 | sort -z)
  [ "$added" = 0 ] && break
done

# Kernel and modules: the listed modules and everything they depend on, in load
# order (etc/berth/modules) and as modules.dep for busybox modprobe.
kver=$(basename "$(compgen -G "$pkgs/lib/modules/*" | head -n1)")
moddir=$pkgs/lib/modules/$kver
declare -A ko=()
while IFS=$'\t' read -r base path; do
  base=${base%%.ko*}
  ko[${base//-/_}]=$path
done < <(find "$moddir/kernel" \( -name '*.ko' -o -name '*.ko.xz' \) -printf '%f\t%p\n')
builtin=$(sed 's#.*/##; s/\.ko$//; s/-/_/g' "$moddir/modules.builtin")
modinfo_field() { # modinfo's field from the .modinfo strings, without kmod
  local path=$1 field=$2
  case "$path" in
    *.xz) xz -dc "$path" ;;
    *) cat "$path" ;;
  esac | tr '\0' '\n' | sed -n "s/^$field=//p"
}
declare -A state=() optional=() deps_of=()
order=()
visit() { # depth first: a module's dependencies come before it
  local name=${1//-/_} dep
  [ -n "${state[$name]:-}" ] && return 0
  state[$name]=1
  if [ -z "${ko[$name]:-}" ]; then
    grep -qx "$name" <<<"$builtin" && return 0
    [ "${2:-}" = optional ] && return 0
    echo "build.sh: kernel module $name is in neither $kernel_pkg's modules nor its built-ins" >&2
    exit 1
  fi
  local direct=
  for dep in $(modinfo_field "${ko[$name]}" depends | tr ',' ' '); do
    visit "$dep"
    direct+=" ${dep//-/_}"
  done
  for dep in $(modinfo_field "${ko[$name]}" softdep | sed -n 's/^pre: *\([^:]*\)\( post:.*\)\?$/\1/p'); do
    visit "$dep" optional
    [ -n "${ko[${dep//-/_}]:-}" ] && direct+=" ${dep//-/_}"
  done
  deps_of[$name]=$direct
  order+=("$name")
}
# Those loaded at boot first, so a module both need is loaded at boot; then the `~` ones.
while IFS= read -r want; do
  case "$want" in
    *\?) visit "${want%\?}" optional; optional[${want%\?}]=1 ;;
    *) visit "$want" ;;
  esac
done < <(list "$here/modules.txt" | grep -v '~$')
at_boot=${#order[@]}
while IFS= read -r want; do visit "${want%\~}"; done < <(list "$here/modules.txt" | grep '~$')
mkdir -p "$root/lib/modules/$kver" "$root/etc/berth"
: >"$root/etc/berth/modules"
for i in "${!order[@]}"; do
  name=${order[$i]}
  src=${ko[$name]}
  case "$src" in
    *.xz) xz -dc "$src" >"$root/lib/modules/$kver/$name.ko" ;;
    *) cp "$src" "$root/lib/modules/$kver/$name.ko" ;;
  esac
  if [ "$i" -lt "$at_boot" ]; then echo "$name${optional[$name]:+?}" >>"$root/etc/berth/modules"; fi
done
# modules.dep for busybox modprobe: each module's dependencies, all of them,
# the one to load first last (modprobe loads the list from its end).
declare -A position=()
for i in "${!order[@]}"; do position[${order[$i]}]=$i; done
closure() { # every module $1 needs, one per line
  local dep
  for dep in ${deps_of[$1]}; do
    [ -n "${position[$dep]:-}" ] || continue
    echo "$dep"
    closure "$dep"
  done
}
for name in "${order[@]}"; do
  line="$name.ko:"
  for dep in $(closure "$name" | sort -u | while read -r d; do echo "${position[$d]} $d"; done | sort -rn | cut -d' ' -f2); do
    line+=" $dep.ko"
  done
  echo "$line"
done >"$root/lib/modules/$kver/modules.dep"

# The guest init and the small files a Linux system is expected to have.
install -m 0755 "$here/guest/init" "$root/init"
for file in "$here"/guest/berth-*; do install -m 0755 "$file" "$root/etc/berth/"; done
install -m 0644 "$here/guest/inittab" "$root/etc/inittab"
mkdir -p "$root/etc/acpi/PWRF"
install -m 0755 "$here/guest/power-button" "$root/etc/acpi/PWRF/00000080"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
printf 'root:x:0:\ndocker:x:999:\n' >"$root/etc/group"
printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
printf '127.0.0.1 localhost berth-vm\n::1 localhost\n' >"$root/etc/hosts"
echo berth-vm >"$root/etc/hostname"
printf 'PRETTY_NAME="Berth VM %s (Debian packages)"\nNAME="Berth VM"\nID=berth-vm\nVERSION_ID=%s\n' \
  "$version" "$version" >"$root/etc/os-release"
echo "$version" >"$root/etc/berth/version"
mkdir -p "$root"/{dev,proc,sys,run,tmp,root,mnt,var/lib/docker,var/log,etc/docker/tls}
chmod 1777 "$root/tmp"

# Reproducible archive: sorted entries, fixed times, owner root.
find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
(cd "$root" && find . -mindepth 1 | sort | cpio --quiet -o -H newc -R 0:0 --reproducible) |
  lz4 -l -9 -q >"$out/initramfs.img"
cp "$pkgs/boot/vmlinuz-$kver" "$out/vmlinuz"

# manifest.json: what went in and what came out.
{
  printf '{\n  "recipe": "berth-vm",\n  "version": "%s",\n  "arch": "%s",\n' "$version" "$arch"
  printf '  "kernelRelease": "%s",\n  "compression": "lz4",\n' "$kver"
  printf '  "sourceDateEpoch": %s,\n  "packages": [\n' "$SOURCE_DATE_EPOCH"
  sep=
  for name in $(printf '%s\n' "${names[@]}" | sort); do
    printf '%s    { "name": "%s", "version": "%s", "arch": "%s" }' "$sep" "$name" \
      "$(dpkg-deb -f "${deb_of[$name]}" Version)" "$(dpkg-deb -f "${deb_of[$name]}" Architecture)"
    sep=$',\n'
  done
  printf '\n  ],\n  "outputs": {\n'
  sep=
  for file in vmlinuz initramfs.img; do
    printf '%s    "%s": { "sha256": "%s", "bytes": %s }' "$sep" "$file" \
      "$(sha256sum "$out/$file" | cut -d' ' -f1)" "$(stat -c %s "$out/$file")"
    sep=$',\n'
  done
  printf '\n  }\n}\n'
} >"$out/manifest.json"
echo "build.sh: $arch image $version (kernel $kver) in $out"
