#!/usr/bin/env bash
# Entry point of kafka-airgap/zookeeper: writes zookeeper.properties and log4j.properties from the cp-zookeeper
# style environment, the ensemble id (myid) when ZOOKEEPER_SERVER_ID is set, then runs the JVM. On SIGTERM it
# lets the ensemble's clients leave first (wait-for-clients-to-leave.sh), then passes the signal on.
set -euo pipefail
here=/usr/local/lib/kafka-airgap
# shellcheck source=jvm.sh
. "$here/jvm.sh"
conf=$KAFKA_AIRGAP_CONF

echo "===> User: $(id)"
echo "===> Configuring ZooKeeper"
"$here/env-to-properties.sh" zookeeper >"$conf/zookeeper.properties"
"$here/env-to-properties.sh" log4j zookeeper >"$conf/log4j.properties"
"$here/env-to-properties.sh" log4j tools >"$conf/tools-log4j.properties"

data_dir=$(sed -n 's/^dataDir=//p' "$conf/zookeeper.properties")
data_log_dir=$(sed -n 's/^dataLogDir=//p' "$conf/zookeeper.properties")
require_writable_dirs zookeeper "$data_dir" "$data_log_dir"
if [ -n "${ZOOKEEPER_SERVER_ID:-}" ]; then
  echo "$ZOOKEEPER_SERVER_ID" >"$data_dir/myid"
fi

echo "===> Launching ZooKeeper"
server_java_args "-Xmx512M -Xms512M"
# The AdminServer needs Jetty, which the images leave out; KAFKA_OPTS comes later and can still switch it on.
JAVA_ARGS=(-Dzookeeper.admin.enableServer=false "${JAVA_ARGS[@]}")
java "${JAVA_ARGS[@]}" org.apache.zookeeper.server.quorum.QuorumPeerMain "$conf/zookeeper.properties" &
zookeeper_pid=$!

# The ensemble's client addresses: this server alone, or every server.N host of ZOOKEEPER_SERVERS.
ensemble_hosts=()
IFS=';' read -r -a servers <<<"${ZOOKEEPER_SERVERS:-}"
for server in "${servers[@]}"; do [ -z "$server" ] || ensemble_hosts+=("${server%%:*}"); done

# shellcheck disable=SC2317 # run by the trap below
stop_zookeeper() {
  "$here/wait-for-clients-to-leave.sh" "$ZOOKEEPER_CLIENT_PORT" "${ensemble_hosts[@]}"
  kill -TERM "$zookeeper_pid" 2>/dev/null || true
}
trap stop_zookeeper TERM INT

# `wait` returns early when a trapped signal arrives; the JVM's own exit status is the container's.
status=0
while kill -0 "$zookeeper_pid" 2>/dev/null; do
  wait "$zookeeper_pid" && status=0 || status=$?
done
exit "$status"
