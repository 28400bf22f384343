#!/usr/bin/env bash
# Creates the unprivileged user the engine's end-to-end tests run as (rootless means: not root),
# with a home and /etc/subuid and /etc/subgid ranges, and prints its uid. Run as root, as CI does;
# an existing user is left as it is (and gets ranges only if it has none).
#
# Usage: scripts/create-test-user.sh NAME
set -euo pipefail
here=$(dirname "$0")
# shellcheck source=setup-system.sh
. "$here/setup-system.sh"

name=${1:?usage: create-test-user.sh NAME}
if ! id -u "$name" >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "user $name does not exist; create it as root: sudo $0 $name" >&2
    exit 1
  fi
  # Debian's useradd writes a subuid/subgid range itself (SUB_UID_* in /etc/login.defs);
  # ensure_subid_ranges below then finds it and adds no second one.
  useradd --create-home --shell /bin/bash "$name"
fi
if [ "$(id -u)" -eq 0 ]; then
  ensure_subid_ranges "$name"
fi
id -u "$name"
