#!/usr/bin/env bash
# Builds the busybox test image from Debian's busybox-static and pushes it to a registry.
#
#   scripts/build-test-image.sh 127.0.0.1:5000/busybox:latest
#
# The image is the one busybox layer of scripts/busybox-image.sh (/bin/busybox, its applets,
# /etc/passwd and /etc/group, empty /tmp, /root, /proc...); its config runs `sh` with a PATH. It is
# built into an OCI layout once and cached: the cache key is the sha256 of /bin/busybox and of the
# two scripts, so a new busybox or a change here rebuilds, and otherwise the digest stays the same
# across runs. Pushing skips blobs the registry already has, so running this twice is cheap.
#
# Cache: $TSCOMPOSE_TEST_IMAGE_DIR, else <repo>/.tmp/test-image (.tmp/ is git-ignored), else, when
# the checkout is not writable, ${TMPDIR:-/tmp}/tscompose-test-image-<uid>.
# Credentials for a registry that wants them: TSCOMPOSE_PUSH_CREDS=user:password.
# Runs as root or as an unprivileged user.
# It does not start a registry: test/support/registry.ts does that.
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 REGISTRY/NAME:TAG   (for example 127.0.0.1:5000/busybox:latest)" >&2
  exit 2
fi
dest=$1
scripts=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/busybox-image.sh
. "$scripts/busybox-image.sh"
require_image_tools

repo_root=$(cd "$scripts/.." && pwd)
build_dir=${TSCOMPOSE_TEST_IMAGE_DIR:-$(image_cache_dir "$repo_root/.tmp/test-image" test-image)}
mkdir -p "$build_dir"
layout=$build_dir/busybox-oci
tag=latest
key=$(cat "$BUSYBOX_BIN" "$0" "$scripts/busybox-image.sh" | sha256sum | cut -d' ' -f1)

build_layout() {
  local work
  work=$(mktemp -d "$build_dir/build.XXXXXX")
  # The work dir goes away however the build ends; a finished layout has already been moved.
  trap 'rm -rf "$work"' RETURN
  stage_busybox_rootfs "$work/rootfs"
  new_layout "$work/oci"
  add_layer "$work/oci" '' "$tag" "$work/rootfs" 'build-test-image.sh'
  configure_image "$work/oci" "$tag" --config.cmd sh
  finish_layout "$work/oci" "$key" "$layout"
}

# Test files run in parallel and may all ask for the image at once: one builds, the others wait.
exec 9>"$build_dir/lock"
flock 9
layout_is_current "$layout" "$key" || build_layout
flock -u 9

creds=()
if [ -n "${TSCOMPOSE_PUSH_CREDS:-}" ]; then creds=(--dest-creds "$TSCOMPOSE_PUSH_CREDS"); fi
push_image "$layout" "$tag" "$dest" "${creds[@]}"
echo "pushed $dest from $layout"
