#!/usr/bin/env bash
# Run by run-zookeeper.sh when the container is asked to stop: waits while the ensemble's clients (the brokers)
# leave, so that a broker stopping at the same moment (a Docker engine restart stops every container at once)
# can still run its controlled shutdown and close its ZooKeeper session. A broker that cannot close it leaves
# /brokers/ids/N and /controller behind until the session expires, after the next start of ZooKeeper; brokers
# started meanwhile fail with NodeExists or find no controller.
# Returns once no client is connected to any server of the ensemble, once no client has left for QUIET_MS (this
# server is stopped on its own, as in a rolling change, and its clients stay), or after MAX_MS (below Docker's
# default 10 s stop timeout).
# Usage: wait-for-clients-to-leave.sh CLIENT_PORT [HOST...]   (default host 127.0.0.1)
set -uo pipefail

port=${1:?usage: wait-for-clients-to-leave.sh CLIENT_PORT [HOST...]}
shift
hosts=("$@")
[ "${#hosts[@]}" -gt 0 ] || hosts=(127.0.0.1)
QUIET_MS=3000
MAX_MS=8000
POLL_S=0.2

now_ms() {
  local now=${EPOCHREALTIME/[.,]/}
  echo $((now / 1000))
}

# clients: client connections of every server that answers `srvr`, each server's own count less the connection
# that asks; empty when none answers.
clients() {
  local host reply count total=""
  for host in "${hosts[@]}"; do
    # shellcheck disable=SC2016 # $0 and $1 expand in the inner bash
    reply=$(timeout 1 bash -c 'exec 3<>"/dev/tcp/$0/$1" && printf srvr >&3 && cat <&3' "$host" "$port" 2>/dev/null) ||
      continue
    count=$(sed -n 's/^Connections: //p' <<<"$reply")
    [ -n "$count" ] && total=$((${total:-0} + count - 1))
  done
  echo "$total"
}

started=$(now_ms)
last_left=$started
count=$(clients)
previous=${count:-0}
while [ -n "$count" ] && [ "$count" -gt 0 ]; do
  now=$(now_ms)
  if [ "$count" -lt "$previous" ]; then
    last_left=$now
    previous=$count
  fi
  if ((now - started >= MAX_MS || now - last_left >= QUIET_MS)); then break; fi
  sleep "$POLL_S"
  count=$(clients)
done
echo "===> ZooKeeper stops with ${count:-no answer about} client(s) connected to the ensemble, after $(($(now_ms) - started)) ms"
