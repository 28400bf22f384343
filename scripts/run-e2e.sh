#!/usr/bin/env bash
# Runs the end-to-end suite (vitest.e2e.config.ts) as an unprivileged user, because the engine's
# promise is that it needs no root. Called as root (CI), it creates that user (with a subuid range)
# and runs the suite as them; called as anyone else, it runs the suite as the caller.
#
# Each run gets fresh engine state (XDG_DATA_HOME, XDG_RUNTIME_DIR) in a temporary folder, which
# is removed afterwards: files in it belong to the user's subordinate uids, so only root, or the
# user inside the engine's user namespace, can delete them (global-setup stops the engine first).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

run_as=()
if [ "$(id -u)" = 0 ]; then
  user=${TSCOMPOSE_TEST_USER:-tsctest}
  bash scripts/create-test-user.sh "$user" >/dev/null
  if ! runuser -u "$user" -- test -r "$repo/package.json"; then
    echo "run-e2e: user $user cannot read $repo; the end-to-end suite needs a checkout that others can read (e.g. under /tmp or /work)" >&2
    exit 1
  fi
  home=$(getent passwd "$user" | cut -d: -f6)
  run_as=(runuser -u "$user" -- env -i "HOME=$home" "USER=$user" "LOGNAME=$user" "CI=${CI:-}")
  owner=$user
else
  owner=$(id -un)
fi

state=$(mktemp -d /tmp/tscompose-e2e.XXXXXX)
chmod 0700 "$state"
chown "$owner" "$state"
cleanup() {
  if [ "$(id -u)" = 0 ]; then rm -rf "$state"; else rm -rf "$state" 2>/dev/null || echo "run-e2e: left $state (files of subordinate uids)" >&2; fi
}
trap cleanup EXIT

mkdir -p "$state/run" "$state/data"
chown -R "$owner" "$state"
"${run_as[@]}" env \
  "PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin:$(dirname "$(command -v node)")" \
  "XDG_RUNTIME_DIR=$state/run" "XDG_DATA_HOME=$state/data" \
  npx --no-install vitest run --config vitest.e2e.config.ts --configLoader runner "$@"
