#!/usr/bin/env bash
# Brings a fresh Debian machine (or a developer's checkout) to the point where the project runs:
# the Debian packages the engine needs, dependencies from package-lock.json, then the build. Safe to run again: each step is skipped
# when its result is already there and up to date.
set -euo pipefail
cd "$(dirname "$0")/.."

need_node_major=20
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt "$need_node_major" ]; then
  echo "tscompose needs Node.js >= $need_node_major (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

# The engine's system parts (rootlesskit, runc, conmon…), subordinate ids and device permissions.
bash scripts/setup-system.sh

# npm ci when node_modules is missing or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

npm run --silent build
