#!/usr/bin/env bash
# The demo (`npm run demo` runs it after scripts/setup.sh): the example project in fixtures/demo,
# for real. It starts the local registry (scripts/start-demo-registry.sh), builds the project's
# images from Debian's busybox and pushes them there (scripts/build-demo-images.sh), runs
# `tscompose up -d --wait`, asks the web service for its page, shows `tscompose ps`, and says
# how to open the page and how to stop the project. Running it again changes nothing that runs.
#
# As root or as an ordinary user: the engine is rootless either way (root's runs in a user
# namespace too). The page is published on 127.0.0.1:$WEB_PORT (8080, from fixtures/demo/.env),
# or on the next free port when something else holds that one.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo/fixtures/demo"
tscompose() { node "$repo/bin/tscompose.js" "$@"; }
show() {
  echo
  echo "\$ $*"
  "$@"
}

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The port to publish the page on: the one a running demo already uses (so that `up` finds
# nothing to change), else the wanted one when free, else the next free one.
choose_web_port() {
  local current wanted port
  current=$(tscompose port web 80 2>/dev/null || true)
  if [ -n "$current" ]; then
    echo "${current##*:}"
    return
  fi
  wanted=${WEB_PORT:-$(sed -n 's/^WEB_PORT=//p' .env)}
  port=${wanted:-8080}
  until port_is_free "$port"; do
    port=$((port + 1))
    if [ "$port" -gt $((${wanted:-8080} + 100)) ]; then
      echo "$0: no free port for the web page from ${wanted:-8080}" >&2
      return 1
    fi
  done
  [ "$port" = "${wanted:-8080}" ] || echo "port ${wanted:-8080} is taken: the page goes on $port" >&2
  echo "$port"
}

REGISTRY=$(bash "$repo/scripts/start-demo-registry.sh")
export REGISTRY
WEB_PORT=$(choose_web_port)
export WEB_PORT

# Every image the project names, the debug profile's too, built and pushed where it says.
mapfile -t images < <(tscompose --profile debug config --images)
echo "\$ scripts/build-demo-images.sh ${images[*]}"
bash "$repo/scripts/build-demo-images.sh" "${images[@]}"

# --pull always: a rebuilt image under the same tag replaces the one the engine has.
show tscompose up -d --wait --pull always

url=http://127.0.0.1:$WEB_PORT/
show curl -fsS "$url"

show tscompose ps

cat <<EOF

The demo runs: web on $url, which shows what api fetched from db (by service name).
  open it:     $url   (or: curl $url)
  its logs:    node bin/tscompose.js -f fixtures/demo/compose.yaml logs -f
  stop it:     node bin/tscompose.js -f fixtures/demo/compose.yaml down      (add -v to drop the db's volume)
The images are in the registry on $REGISTRY (scripts/start-demo-registry.sh stop stops it).
EOF
