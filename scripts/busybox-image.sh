# Builds OCI images on a busybox base, reproducibly; sourced by build-test-image.sh (the tests'
# busybox image) and build-demo-images.sh (the demo project's images).
#
# The base layer is Debian's static /bin/busybox, a symlink for every applet it lists (sh, ls,
# cat, wget, nc, httpd, id, ...), /etc/passwd and /etc/group with root and nobody, and empty /tmp,
# /root, /home, /proc, /sys, /dev. More layers are folders copied on top. Every file gets the
# mtime 0 (the epoch), the owner 0:0 and the mode 0644 or 0755 (0755 when any x bit is set), so a
# layer depends only on the files' contents and names, never on the checkout's umask or clock.
# Layers are written by GNU tar, images by umoci into an OCI layout; several images can share one
# layout and their common layers. Pushing is skopeo's `copy`, which skips blobs the registry
# already has.
#
# Runs as root or as an unprivileged user (tar records every file as 0:0).
# Nothing here runs on its own: the functions are called by the build scripts.

BUSYBOX_BIN=/bin/busybox
# One fixed time for every `created` field: the image digest must not depend on the clock.
IMAGE_EPOCH=1970-01-01T00:00:00Z

# require_image_tools: fails with the Debian package to install when a tool is missing.
require_image_tools() {
  local tool
  for tool in umoci skopeo sha256sum flock; do
    command -v "$tool" >/dev/null || {
      echo "$0: $tool is missing (Debian: apt-get install umoci skopeo coreutils util-linux)" >&2
      return 1
    }
  done
  [ -x "$BUSYBOX_BIN" ] || {
    echo "$0: $BUSYBOX_BIN is missing (Debian: apt-get install busybox-static)" >&2
    return 1
  }
}

# image_cache_dir PREFERRED NAME: PREFERRED when it can be created and written, else a per-user
# folder under $TMPDIR (the end-to-end suite runs as a user who may not write into the checkout).
image_cache_dir() {
  local preferred=$1 name=$2
  if mkdir -p "$preferred" 2>/dev/null && [ -w "$preferred" ]; then
    echo "$preferred"
  else
    echo "${TMPDIR:-/tmp}/tscompose-$name-$(id -u)"
  fi
}

# tree_digest PATH...: one sha256 over the files' relative names, x bits, link targets and
# contents: the part of a folder that ends up in a layer.
tree_digest() {
  local root
  for root in "$@"; do
    (
      cd "$root"
      find . \( -type f -o -type l \) -print0 | LC_ALL=C sort -z | while IFS= read -r -d '' file; do
        if [ -L "$file" ]; then
          printf 'L %s %s\n' "$file" "$(readlink "$file")"
        else
          printf 'F %s %s %s\n' "$file" "$([ -x "$file" ] && echo x || echo -)" \
            "$(sha256sum <"$file" | cut -d' ' -f1)"
        fi
      done
    )
  done | sha256sum | cut -d' ' -f1
}

# oci_arch: the OCI name of the machine's architecture (busybox-static is built for it).
oci_arch() {
  case $(dpkg --print-architecture) in
    i386) echo 386 ;;
    armhf | armel) echo arm ;;
    ppc64el) echo ppc64le ;;
    *) dpkg --print-architecture ;;
  esac
}

# stage_busybox_rootfs DIR: writes the base layer's tree into DIR.
stage_busybox_rootfs() {
  local rootfs=$1 applet
  mkdir -p "$rootfs"/{bin,sbin,usr/bin,usr/sbin,etc,root,home,tmp,proc,sys,dev,var}
  cp "$BUSYBOX_BIN" "$rootfs/bin/busybox"
  # --list-full prints each applet with its usual directory (bin/sh, usr/bin/wget, sbin/ip).
  while IFS= read -r applet; do
    [ -e "$rootfs/$applet" ] || [ -L "$rootfs/$applet" ] || ln -s /bin/busybox "$rootfs/$applet"
  done < <("$BUSYBOX_BIN" --list-full)
  printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' \
    >"$rootfs/etc/passwd"
  printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' 'nobody:x:65534:' >"$rootfs/etc/group"
  normalize_tree "$rootfs"
  chmod 1777 "$rootfs/tmp"
  chmod 0700 "$rootfs/root"
}

# stage_tree SOURCE DIR: copies SOURCE's contents into DIR, normalised for a layer.
stage_tree() {
  mkdir -p "$2"
  cp -R "$1/." "$2/"
  normalize_tree "$2"
}

# normalize_tree DIR: modes 0755 (folders, executables) or 0644, every mtime the epoch.
normalize_tree() {
  find "$1" -type d -exec chmod 0755 {} +
  find "$1" -type f -perm /111 -exec chmod 0755 {} +
  find "$1" -type f ! -perm /111 -exec chmod 0644 {} +
  find "$1" -exec touch -h -d @0 {} +
}

# new_layout LAYOUT: an empty OCI layout.
new_layout() {
  umoci init --layout "$1"
}

# add_layer LAYOUT FROM TAG DIR WHAT: image TAG is image FROM (or a new empty image when FROM is
# empty) plus one layer holding DIR's contents at /; WHAT is the layer's history entry.
# GNU tar writes the layer, sorted, owned by 0:0, and umoci adds it verbatim: `umoci insert`
# (0.4.7, Debian 12) loses the end of the tar stream (the last file's padding and the two zero
# blocks that end an archive), which strict readers such as our engine's reject.
add_layer() {
  local layout=$1 from=$2 tag=$3 dir=$4 what=$5
  local tarball
  tarball=$(mktemp "${TMPDIR:-/tmp}/layer.XXXXXX.tar")
  (cd "$dir" && find . -mindepth 1 | sed 's|^\./||' | LC_ALL=C sort) |
    tar --create --file "$tarball" --directory "$dir" --no-recursion --files-from - \
      --format=gnu --numeric-owner --owner=0 --group=0 --mtime=@0
  if [ -z "$from" ]; then
    umoci new --image "$layout:$tag"
    from=$tag
  fi
  umoci raw add-layer --image "$layout:$from" --tag "$tag" \
    --history.created "$IMAGE_EPOCH" --history.created_by "$what" "$tarball"
  rm -f "$tarball"
}

# configure_image LAYOUT TAG [umoci config flags...]: the image's run configuration, with the
# fixed created time, the machine's architecture and a PATH.
configure_image() {
  local layout=$1 tag=$2
  shift 2
  umoci config --image "$layout:$tag" \
    --created "$IMAGE_EPOCH" --architecture "$(oci_arch)" --os linux \
    --config.env 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --no-history "$@"
}

# finish_layout LAYOUT KEY DEST: drops unreferenced blobs (the intermediate configs), records the
# cache key, and moves the layout to DEST in one rename.
finish_layout() {
  local layout=$1 key=$2 dest=$3
  umoci gc --layout "$layout"
  echo "$key" >"$layout/tscompose-key"
  rm -rf "$dest"
  mv -T "$layout" "$dest"
}

# layout_is_current LAYOUT KEY: whether LAYOUT was built from exactly these inputs.
layout_is_current() {
  [ "$(cat "$1/tscompose-key" 2>/dev/null)" = "$2" ]
}

# push_image LAYOUT TAG DEST [skopeo flags...]: copies the image to DEST (registry/name:tag) over
# plain HTTP (the local registries speak no TLS).
push_image() {
  local layout=$1 tag=$2 dest=$3
  shift 3
  skopeo copy --quiet --dest-tls-verify=false "$@" "oci:$layout:$tag" "docker://$dest"
}
