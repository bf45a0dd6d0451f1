#!/usr/bin/env bash
# Entry point of kafka-airgap/zookeeper: writes zookeeper.properties and log4j.properties from the cp-zookeeper
# style environment, the ensemble id (myid) when ZOOKEEPER_SERVER_ID is set, then replaces itself with the JVM,
# so `docker stop`'s SIGTERM reaches ZooKeeper directly.
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
exec java "${JAVA_ARGS[@]}" org.apache.zookeeper.server.quorum.QuorumPeerMain "$conf/zookeeper.properties"
