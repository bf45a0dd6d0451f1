#!/usr/bin/env bash
# Waits until a ZooKeeper of a zookeeper.connect string serves requests (like cp's `cub zk-ready`):
# its `srvr` four-letter word answers with a "Mode:" line. A ZooKeeper whose 4lw whitelist leaves out srvr
# counts as ready as soon as it accepts the connection.
# Usage: wait-for-zookeeper.sh HOST:PORT[,HOST:PORT][/chroot] TIMEOUT_SECONDS
set -euo pipefail

connect=${1:?usage: wait-for-zookeeper.sh HOST:PORT[,HOST:PORT][/chroot] TIMEOUT_SECONDS}
timeout_s=${2:-40}
hosts=${connect%%/*}
deadline=$((SECONDS + timeout_s))

# zookeeper_ready HOST PORT: 0 when that server is serving.
zookeeper_ready() {
  local reply
  # shellcheck disable=SC2016 # $0 and $1 expand in the inner bash
  reply=$(timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1" && printf srvr >&3 && cat <&3' "$1" "$2" 2>/dev/null) ||
    return 1
  grep -q -e '^Mode: ' -e 'not in the whitelist' <<<"$reply"
}

while :; do
  for host_port in ${hosts//,/ }; do
    host=${host_port%:*}
    port=${host_port##*:}
    [ "$host" != "$host_port" ] || port=2181
    if zookeeper_ready "$host" "$port"; then
      echo "===> ZooKeeper $host:$port is ready"
      exit 0
    fi
  done
  if ((SECONDS >= deadline)); then
    echo "ZooKeeper $connect did not answer within ${timeout_s}s (KAFKA_CUB_ZK_TIMEOUT)" >&2
    exit 1
  fi
  # A broker started together with ZooKeeper waits here: a second between tries was up to a second of its start.
  sleep 0.2
done
