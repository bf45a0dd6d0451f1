#!/usr/bin/env bash
# Toolchain step: a Docker Engine that answers `docker info`.
# A daemon that already answers (the user's own Docker) is left alone. Otherwise Debian's docker.io is installed
# and dockerd is started in the background, in its own session, logging to a file under the cache directory.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

DOCKER_WAIT_S=${DOCKER_WAIT_S:-60}

if docker info >/dev/null 2>&1; then
  step engine "a Docker daemon already answers: $(docker version --format '{{.Server.Version}}'), left as it is"
  exit 0
fi

ensure_command engine dockerd docker.io

mkdir -p "$TOOLCHAIN_CACHE"
log="$TOOLCHAIN_CACHE/dockerd.log"
step engine "starting dockerd in the background (log: $log)"
need_root || fail engine "dockerd needs root" "start Docker with your service manager (systemctl start docker)"
as_root setsid dockerd >>"$log" 2>&1 </dev/null &

for _ in $(seq 1 "$DOCKER_WAIT_S"); do
  if docker info >/dev/null 2>&1; then
    step engine "dockerd answers: $(docker version --format '{{.Server.Version}}')"
    exit 0
  fi
  sleep 1
done
tail -n 20 "$log" >&2 || true
fail engine "dockerd did not answer within ${DOCKER_WAIT_S}s" "read $log; on a machine with systemd use 'systemctl start docker'"
