#!/usr/bin/env bash
# Builds the demo project's images from Debian's busybox-static and pushes them to a registry.
#
#   scripts/build-demo-images.sh 127.0.0.1:5000/demo/web:1.0 127.0.0.1:5000/demo/db:1.0 ...
#
# Each argument is where to push one image; the last part of its name says which image:
#   busybox  the busybox base layer alone (as the tests' image);
#   db, api, web  the base, the layer of fixtures/demo/images/base/rootfs (the `serve` wrapper),
#            then the layer of fixtures/demo/images/<name>/rootfs, configured by the umoci flags
#            listed in fixtures/demo/images/<name>/image.args (Entrypoint, Cmd, ExposedPorts...).
# The images share their lower layers, so the registry stores them once. They are built into one
# OCI layout, cached in <repo>/.tmp/demo-images and rebuilt only when busybox, these scripts or a
# file under fixtures/demo/images change; the digests are the same on every machine with the same
# busybox (see scripts/busybox-image.sh).
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 REGISTRY/PATH/{busybox,db,api,web}:TAG..." >&2
  exit 2
fi
scripts=$(cd "$(dirname "$0")" && pwd)
repo_root=$(cd "$scripts/.." && pwd)
# shellcheck source=scripts/busybox-image.sh
. "$scripts/busybox-image.sh"
require_image_tools

images=$repo_root/fixtures/demo/images
APPS=(db api web)
build_dir=$(image_cache_dir "$repo_root/.tmp/demo-images" demo-images)
layout=$build_dir/oci
key=$(
  {
    cat "$BUSYBOX_BIN" "$0" "$scripts/busybox-image.sh"
    tree_digest "$images"
  } | sha256sum | cut -d' ' -f1
)

# image_args NAME: the image's umoci flags, without comments and blank lines.
image_args() {
  grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$images/$1/image.args"
}

build_layout() {
  local work app
  work=$(mktemp -d "$build_dir/build.XXXXXX")
  trap 'rm -rf "$work"' RETURN
  new_layout "$work/oci"
  stage_busybox_rootfs "$work/busybox"
  add_layer "$work/oci" '' busybox "$work/busybox" 'busybox-static'
  stage_tree "$images/base/rootfs" "$work/base"
  add_layer "$work/oci" busybox base "$work/base" 'fixtures/demo/images/base'
  configure_image "$work/oci" busybox --config.cmd sh
  for app in "${APPS[@]}"; do
    stage_tree "$images/$app/rootfs" "$work/$app"
    add_layer "$work/oci" base "$app" "$work/$app" "fixtures/demo/images/$app"
    local -a flags
    mapfile -t flags < <(image_args "$app")
    configure_image "$work/oci" "$app" "${flags[@]}"
  done
  umoci rm --image "$work/oci:base"
  finish_layout "$work/oci" "$key" "$layout"
}

# Which image a reference asks for: the last part of its repository name.
image_of() {
  local name=${1%:*}
  name=${name##*/}
  case " busybox ${APPS[*]} " in
    *" $name "*) echo "$name" ;;
    *)
      echo "$0: no demo image named '$name' in $1 (known: busybox ${APPS[*]})" >&2
      return 1
      ;;
  esac
}

for reference in "$@"; do image_of "$reference" >/dev/null; done

mkdir -p "$build_dir"
exec 9>"$build_dir/lock"
flock 9
if ! layout_is_current "$layout" "$key"; then
  echo "building the demo images into $layout" >&2
  build_layout >/dev/null
fi
flock -u 9

for reference in "$@"; do
  push_image "$layout" "$(image_of "$reference")" "$reference"
  echo "pushed $reference" >&2
done
