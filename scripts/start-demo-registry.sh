#!/usr/bin/env bash
# Starts the demo's image registry, Debian's docker-registry on 127.0.0.1, once, and prints its
# address (127.0.0.1:PORT) on stdout.
#
#   scripts/start-demo-registry.sh          # start it, or find the one already running
#   scripts/start-demo-registry.sh stop     # stop it (its storage stays)
#
# It listens on port 5000, or on the first free port after it when 5000 is taken by something
# else. Its storage, config, log and pid file live in <repo>/.tmp/demo-registry (git-ignored), so
# pushed images survive across demo runs and reboots. Running this again reuses the registry that
# is alive (found through the pid file, or, when that is gone, through the process listening on
# the recorded port with this folder's config): there is never a second instance. A lock makes
# two concurrent runs agree.
set -euo pipefail

scripts=$(cd "$(dirname "$0")" && pwd)
state=$scripts/../.tmp/demo-registry
mkdir -p "$state" 2>/dev/null || true
if [ ! -w "$state" ]; then
  # Someone else (root) started it from this checkout: reuse theirs when it runs, else keep our own.
  owner_address=$(cat "$state/address" 2>/dev/null || true)
  if [ -n "$owner_address" ] && timeout 3 busybox wget -q -O /dev/null "http://$owner_address/v2/" 2>/dev/null; then
    echo "$owner_address"
    exit 0
  fi
  state=${TMPDIR:-/tmp}/tscompose-demo-registry-$(id -u)
  mkdir -p "$state"
fi
state=$(cd "$state" && pwd)
config=$state/config.yml
FIRST_PORT=5000
LAST_PORT=5099

# (busybox wget's own -T crashes in Debian 12's static build: timeout(1) bounds it instead.)
answers() {
  timeout 3 busybox wget -q -O /dev/null "http://$1/v2/" 2>/dev/null
}

# The pid of the process that listens on 127.0.0.1:PORT, when this user can see it.
listener_pid() {
  ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1
}

# Whether PID is a docker-registry serving this folder's config.
is_our_registry() {
  [ -n "$1" ] && [ -r "/proc/$1/cmdline" ] &&
    tr '\0' ' ' <"/proc/$1/cmdline" | grep -q "docker-registry serve $config"
}

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The running registry of this folder, adopting one whose pid file was lost.
running_pid() {
  local pid port
  pid=$(cat "$state/registry.pid" 2>/dev/null || true)
  if is_our_registry "$pid"; then
    echo "$pid"
    return
  fi
  port=$(sed -n 's/^127\.0\.0\.1://p' "$state/address" 2>/dev/null || true)
  [ -n "$port" ] || return 0
  pid=$(listener_pid "$port")
  if is_our_registry "$pid"; then
    echo "$pid" >"$state/registry.pid"
    echo "$pid"
  fi
}

write_config() {
  cat >"$config" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $state/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$1
EOF
}

start() {
  local pid port
  pid=$(running_pid)
  if [ -n "$pid" ] && answers "$(cat "$state/address")"; then
    cat "$state/address"
    return
  fi
  [ -z "$pid" ] || kill "$pid" # alive but not answering: replace it
  port=$FIRST_PORT
  until port_is_free "$port"; do
    port=$((port + 1))
    if [ "$port" -gt "$LAST_PORT" ]; then
      echo "$0: no free port in $FIRST_PORT-$LAST_PORT for the demo registry" >&2
      exit 1
    fi
  done
  write_config "$port"
  echo "127.0.0.1:$port" >"$state/address"
  # setsid: the registry outlives this script and the terminal's Ctrl-C.
  # 9>&-: the registry must not inherit (and so hold forever) the lock.
  setsid docker-registry serve "$config" </dev/null >>"$state/registry.log" 2>&1 9>&- &
  echo $! >"$state/registry.pid"
  local attempt
  for attempt in $(seq 100); do
    : "$attempt" # 100 × 0.1 s
    if answers "127.0.0.1:$port"; then
      echo "started the demo registry on 127.0.0.1:$port (storage: $state/storage)" >&2
      echo "127.0.0.1:$port"
      return
    fi
    is_our_registry "$(cat "$state/registry.pid")" || break
    sleep 0.1
  done
  echo "$0: docker-registry did not answer on 127.0.0.1:$port; its log ($state/registry.log):" >&2
  tail -n 20 "$state/registry.log" >&2
  exit 1
}

stop() {
  local pid
  pid=$(running_pid)
  if [ -z "$pid" ]; then
    echo "the demo registry is not running" >&2
    return
  fi
  kill "$pid"
  rm -f "$state/registry.pid"
  echo "stopped the demo registry (pid $pid); its storage stays in $state/storage" >&2
}

command -v docker-registry >/dev/null || {
  echo "$0: docker-registry is missing (Debian: apt-get install docker-registry)" >&2
  exit 1
}
exec 9>"$state/lock"
flock 9
case ${1:-start} in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: $0 [start|stop]" >&2
    exit 2
    ;;
esac
