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

if ! command -v dockerd >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 ||
    fail engine "no Docker daemon answers and this machine has no apt-get" \
      "install Docker Engine for your system (https://docs.docker.com/engine/install/) and start it"
  need_root || fail engine "installing docker.io needs root or sudo" "run 'sudo npm run toolchain' or install Docker yourself"
  step engine "installing Debian's docker.io (apt-get)"
  as_root apt-get update -qq >/dev/null ||
    fail engine "apt-get update failed" "check that Debian's archive is reachable, or install Docker yourself"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq docker.io >/dev/null ||
    fail engine "apt-get install docker.io failed" "install Docker Engine yourself and start it"
fi

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
