#!/usr/bin/env bash
# What the test suites need beyond scripts/setup.sh: as root (CI), the unprivileged user that the
# namespace tests and the end-to-end suite run as, because the engine must prove it needs no
# root. As an ordinary user, the tests run as that user and nothing is needed.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ]; then
  bash scripts/create-test-user.sh "${TSCOMPOSE_TEST_USER:-tsctest}" >/dev/null
  # A file of root's with mode 0600: the suite shows a container cannot read it through a bind mount.
  install -m 0600 -o root -g root /dev/null /tmp/tscompose-test-root-only
  echo "only root may read this" > /tmp/tscompose-test-root-only
fi
