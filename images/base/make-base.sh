#!/usr/bin/env bash
# Makes kafka-airgap/base:bookworm without an image registry: a minbase Debian bookworm root filesystem from
# Debian's archive (debootstrap), trimmed and configured like a container base, then loaded with `docker import`.
# Usage: make-base.sh IMAGE STAGING_DIR INPUTS_HASH LABEL_KEY
set -euo pipefail

image=$1
staging=$2
inputs_hash=$3
label_key=$4
rootfs="$staging/rootfs"

rm -rf "$rootfs"
mkdir -p "$staging"
# debootstrap's own default mirror unless DEBIAN_MIRROR names another.
debootstrap --variant=minbase bookworm "$rootfs" ${DEBIAN_MIRROR:+"$DEBIAN_MIRROR"} >"$staging/debootstrap.log" 2>&1 || {
  tail -n 20 "$staging/debootstrap.log" >&2
  exit 1
}
# The mirror debootstrap used, as it wrote it into the new system; the security archive sits beside it.
mirror=$(awk '$1 == "deb" { print $2; exit }' "$rootfs/etc/apt/sources.list")
security_mirror=${DEBIAN_SECURITY_MIRROR:-${mirror%/}-security}

cat >"$rootfs/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security_mirror bookworm-security main
SOURCES

# Container-style apt: no recommends, no cached .deb files, no translations.
cat >"$rootfs/etc/apt/apt.conf.d/90-kafka-airgap" <<'APT'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Languages "none";
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb || true"; };
APT

# Packages installed later in image builds leave out documentation, man pages and translations.
cat >"$rootfs/etc/dpkg/dpkg.cfg.d/90-kafka-airgap-nodoc" <<'DPKG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/lintian/*
DPKG
# openjdk's postinst expects the man1 directory even when man pages are excluded.
mkdir -p "$rootfs/usr/share/man/man1"

# Trim what a container never uses: the package lists, caches, docs and the debootstrap leftovers.
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb \
  "$rootfs"/var/log/* "$rootfs"/tmp/* "$rootfs"/debootstrap
find "$rootfs/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
find "$rootfs/usr/share/locale" "$rootfs/usr/share/info" -mindepth 1 -delete 2>/dev/null || true
find "$rootfs/usr/share/man" -mindepth 1 -not -path "$rootfs/usr/share/man/man1" -delete 2>/dev/null || true
: >"$rootfs/etc/hostname"
: >"$rootfs/etc/resolv.conf"

tar --numeric-owner -C "$rootfs" -c . | docker import \
  --change "LABEL $label_key=$inputs_hash" \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["/bin/bash"]' \
  - "$image" >/dev/null
rm -rf "$rootfs"
