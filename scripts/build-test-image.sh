#!/usr/bin/env bash
# Builds the busybox test image from Debian's busybox-static and pushes it to a registry.
#
#   scripts/build-test-image.sh 127.0.0.1:5000/busybox:latest
#
# The image is one layer: /bin/busybox, a symlink for every applet it lists (sh, ls, cat, wget,
# nc, httpd, id, ...), /etc/passwd and /etc/group with root and nobody, and empty /tmp, /root,
# /home, /proc, /sys, /dev; its config runs `sh` with a PATH. It is built with umoci into an OCI
# layout once and cached: the cache key is the sha256 of /bin/busybox and of this script, so a
# new busybox or a change here rebuilds, and otherwise the digest stays the same across runs.
# Every file has the mtime 0 (the epoch) and owner 0:0, so the layer is reproducible.
# Pushing is skopeo's `copy` with --dest-tls-verify=false (the test registry speaks plain HTTP);
# skopeo skips blobs the registry already has, so running this twice is cheap.
#
# Cache: $TSCOMPOSE_TEST_IMAGE_DIR, else <repo>/.tmp/test-image (.tmp/ is git-ignored), else, when
# the checkout is not writable, ${TMPDIR:-/tmp}/tscompose-test-image-<uid>.
# Credentials for a registry that wants them: TSCOMPOSE_PUSH_CREDS=user:password.
# Runs as root or as an unprivileged user (umoci --rootless maps the caller to uid 0).
# It does not start a registry: test/support/registry.ts does that.
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 REGISTRY/NAME:TAG   (for example 127.0.0.1:5000/busybox:latest)" >&2
  exit 2
fi
dest=$1
repo_root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${TSCOMPOSE_TEST_IMAGE_DIR:-$repo_root/.tmp/test-image}
# The end-to-end suite runs as a user who may not write into the checkout.
if [ -z "${TSCOMPOSE_TEST_IMAGE_DIR:-}" ] && ! { mkdir -p "$build_dir" 2>/dev/null && [ -w "$build_dir" ]; }; then
  build_dir=${TMPDIR:-/tmp}/tscompose-test-image-$(id -u)
fi
busybox_bin=/bin/busybox
tag=latest

for tool in umoci skopeo sha256sum; do
  command -v "$tool" >/dev/null || {
    echo "$0: $tool is missing (Debian: apt-get install umoci skopeo)" >&2
    exit 1
  }
done
[ -x "$busybox_bin" ] || {
  echo "$0: $busybox_bin is missing (Debian: apt-get install busybox-static)" >&2
  exit 1
}

key=$(cat "$busybox_bin" "$0" | sha256sum | cut -d' ' -f1)
layout=$build_dir/busybox-oci
mkdir -p "$build_dir"

# The OCI name of the machine's architecture: busybox-static is built for it.
oci_arch() {
  case $(dpkg --print-architecture) in
    i386) echo 386 ;;
    armhf | armel) echo arm ;;
    ppc64el) echo ppc64le ;;
    *) dpkg --print-architecture ;;
  esac
}

build_layout() {
  local work
  work=$(mktemp -d "$build_dir/build.XXXXXX")
  # The work dir goes away however the build ends; a finished layout has already been moved.
  trap 'rm -rf "$work"' RETURN
  local rootfs=$work/rootfs
  mkdir -p "$rootfs"/{bin,sbin,usr/bin,usr/sbin,etc,root,home,tmp,proc,sys,dev,var}
  chmod 1777 "$rootfs/tmp"
  chmod 0700 "$rootfs/root"
  cp "$busybox_bin" "$rootfs/bin/busybox"
  chmod 0755 "$rootfs/bin/busybox"
  # --list-full prints each applet with its usual directory (bin/sh, usr/bin/wget, sbin/ip).
  local applet
  while IFS= read -r applet; do
    [ -e "$rootfs/$applet" ] || [ -L "$rootfs/$applet" ] || ln -s /bin/busybox "$rootfs/$applet"
  done < <("$busybox_bin" --list-full)
  printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' \
    >"$rootfs/etc/passwd"
  printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' 'nobody:x:65534:' >"$rootfs/etc/group"
  chmod 0644 "$rootfs/etc/passwd" "$rootfs/etc/group"
  find "$rootfs" -exec touch -h -d @0 {} +

  local oci=$work/oci
  local -a owner_map=()
  if [ "$(id -u)" -ne 0 ]; then
    # Files the caller owns are recorded as 0:0 in the layer.
    owner_map=(--rootless --uid-map "0:$(id -u):1" --gid-map "0:$(id -g):1")
  fi
  umoci init --layout "$oci"
  umoci new --image "$oci:$tag"
  umoci insert "${owner_map[@]}" --image "$oci:$tag" \
    --history.created 1970-01-01T00:00:00Z --history.created_by 'build-test-image.sh' \
    "$rootfs" /
  umoci config --image "$oci:$tag" \
    --created 1970-01-01T00:00:00Z --architecture "$(oci_arch)" --os linux \
    --config.env 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --config.cmd sh --no-history
  # Unreferenced blobs from the intermediate configs.
  umoci gc --layout "$oci"
  echo "$key" >"$oci/tscompose-key"
  rm -rf "$layout"
  mv -T "$oci" "$layout"
}

# Test files run in parallel and may all ask for the image at once: one builds, the others wait.
exec 9>"$build_dir/lock"
flock 9
if [ "$(cat "$layout/tscompose-key" 2>/dev/null)" != "$key" ]; then
  build_layout
fi
flock -u 9

creds=()
if [ -n "${TSCOMPOSE_PUSH_CREDS:-}" ]; then creds=(--dest-creds "$TSCOMPOSE_PUSH_CREDS"); fi
skopeo copy --quiet --dest-tls-verify=false "${creds[@]}" "oci:$layout:$tag" "docker://$dest"
echo "pushed $dest from $layout"
