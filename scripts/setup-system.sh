#!/usr/bin/env bash
# The system half of setup, for the rootless engine (scripts/setup.sh calls it):
#  1. the Debian packages the engine runs (and the tests' registry, image tools, busybox and tmux,
#     and curl for the demo),
#     installed only when a program is missing;
#  2. as root: /etc/subuid and /etc/subgid ranges for root and for the user who ran sudo, when
#     they have none (rootlesskit maps container uids onto them);
#  3. as root: /dev/fuse and /dev/net/tun opened up to 0666 when they are 0600.
# Idempotent and silent when there is nothing to do. As an ordinary user it changes nothing: it
# prints the sudo command that would, and fails.
#
# create-test-user.sh sources this file for ensure_subid_ranges; main runs only when executed.
set -euo pipefail

# program → Debian package. busybox must be the static build (the test image copies it into a
# scratch image), so that one is checked by package rather than by program.
PROGRAMS=(
  newuidmap:uidmap newgidmap:uidmap rootlesskit:rootlesskit slirp4netns:slirp4netns
  catatonit:catatonit runc:runc crun:crun conmon:conmon fuse-overlayfs:fuse-overlayfs
  ip:iproute2 nft:nftables setfattr:attr docker-registry:docker-registry skopeo:skopeo umoci:umoci
  tmux:tmux curl:curl
)
STATIC_PACKAGES=(busybox-static)
SUBID_FIRST=100000
SUBID_COUNT=65536

# Debian keeps runc and ip in /usr/sbin, outside an ordinary user's PATH.
has_program() {
  PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin" command -v "$1" >/dev/null 2>&1
}

has_package() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

missing_packages() {
  local entry missing=()
  for entry in "${PROGRAMS[@]}"; do
    has_program "${entry%%:*}" || missing+=("${entry#*:}")
  done
  for entry in "${STATIC_PACKAGES[@]}"; do
    has_package "$entry" || missing+=("$entry")
  done
  # Unique, in order.
  [ ${#missing[@]} -eq 0 ] || printf '%s\n' "${missing[@]}" | awk '!seen[$0]++' | paste -sd ' '
}

install_packages() {
  local missing
  missing=$(missing_packages)
  [ -n "$missing" ] || return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "tscompose needs these Debian packages: $missing" >&2
    echo "run: sudo apt-get install -y --no-install-recommends $missing" >&2
    return 1
  fi
  echo "installing $missing" >&2
  apt-get update -qq
  # shellcheck disable=SC2086 # one word per package
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# ensure_subid_ranges USER [SUBUID_FILE SUBGID_FILE]: give USER a range in each file when it has
# none there, named by user name or uid; a user who has one keeps it and gets no second. The new
# range is the lowest step of Debian's grid (100000 + n*65536) that overlaps no range in either
# file, so two users never share host ids.
ensure_subid_ranges() {
  local user=$1 subuid=${2:-/etc/subuid} subgid=${3:-/etc/subgid} uid file start
  uid=$(id -u "$user")
  for file in "$subuid" "$subgid"; do
    [ -e "$file" ] || install -m 0644 /dev/null "$file"
  done
  # One start for both files, chosen before either changes, so a new user's uids and gids match.
  start=$(free_subid_start "$subuid" "$subgid")
  for file in "$subuid" "$subgid"; do
    if awk -F: -v u="$user" -v id="$uid" '$1 == u || $1 == id { found = 1 } END { exit !found }' "$file"; then
      continue
    fi
    echo "$user:$start:$SUBID_COUNT" >>"$file"
    echo "added $user:$start:$SUBID_COUNT to $file" >&2
  done
}

# free_subid_start FILE...: the first start on the grid whose range overlaps none in the files.
free_subid_start() {
  cat "$@" | awk -F: -v first="$SUBID_FIRST" -v count="$SUBID_COUNT" '
    $2 ~ /^[0-9]+$/ && $3 ~ /^[0-9]+$/ { s[n] = $2; e[n] = $2 + $3; n++ }
    END {
      start = first
      do {
        moved = 0
        for (i = 0; i < n; i++) {
          if (s[i] < start + count && start < e[i]) {
            start = first + int((e[i] - first + count - 1) / count) * count
            moved = 1
          }
        }
      } while (moved)
      print start
    }'
}

# Some minimal images and VMs ship these 0600; a desktop's udev rules make them 0666, and rootless
# networking (slirp4netns opens /dev/net/tun) and fuse-overlayfs (/dev/fuse) need them so.
# udev recreates them at boot; run setup again after a reboot on such a host.
open_devices() {
  local device
  for device in /dev/fuse /dev/net/tun; do
    if [ -c "$device" ] && [ "$(stat -c %a "$device")" = 600 ]; then
      chmod 0666 "$device"
      echo "made $device usable by ordinary users (0666)" >&2
    fi
  done
}

main() {
  install_packages
  [ "$(id -u)" -eq 0 ] || return 0
  local user
  for user in root ${SUDO_USER:+"$SUDO_USER"}; do
    ensure_subid_ranges "$user"
  done
  open_devices
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  main "$@"
fi
