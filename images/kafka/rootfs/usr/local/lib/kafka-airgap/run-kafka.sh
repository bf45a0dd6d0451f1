#!/usr/bin/env bash
# Entry point of kafka-airgap/kafka: writes kafka.properties and the log4j files from the cp-kafka style
# environment, then either waits for ZooKeeper (ZooKeeper mode, KAFKA_CUB_ZK_TIMEOUT, default 40 s) or formats
# the storage once (KRaft mode, CLUSTER_ID), and replaces itself with the broker's JVM so that `docker stop`'s
# SIGTERM reaches Kafka directly and its controlled shutdown runs.
set -euo pipefail
here=/usr/local/lib/kafka-airgap
# shellcheck source=jvm.sh
. "$here/jvm.sh"
conf=$KAFKA_AIRGAP_CONF

echo "===> User: $(id)"
echo "===> Configuring Kafka"
# Written to a temporary file first so a missing variable never leaves a half-written configuration behind.
"$here/env-to-properties.sh" kafka >"$conf/kafka.properties.new"
mv "$conf/kafka.properties.new" "$conf/kafka.properties"
"$here/env-to-properties.sh" log4j kafka >"$conf/log4j.properties"
"$here/env-to-properties.sh" log4j tools >"$conf/tools-log4j.properties"

log_dirs=$(sed -n 's/^log\.dirs=//p' "$conf/kafka.properties")
# shellcheck disable=SC2086 # log.dirs is a comma-separated list of paths without spaces
require_writable_dirs kafka ${log_dirs//,/ }

if [ -n "${KAFKA_ZOOKEEPER_CONNECT:-}" ]; then
  echo "===> Waiting for ZooKeeper $KAFKA_ZOOKEEPER_CONNECT"
  "$here/wait-for-zookeeper.sh" "$KAFKA_ZOOKEEPER_CONNECT" "${KAFKA_CUB_ZK_TIMEOUT:-40}"
fi
if [ -n "${KAFKA_PROCESS_ROLES:-}" ]; then
  echo "===> Formatting the KRaft storage (cluster $CLUSTER_ID) unless it is formatted already"
  kafka-storage format --ignore-formatted --cluster-id "$CLUSTER_ID" --config "$conf/kafka.properties"
fi

echo "===> Launching Kafka"
server_java_args "-Xmx1G -Xms1G"
exec java "${JAVA_ARGS[@]}" kafka.Kafka "$conf/kafka.properties"
