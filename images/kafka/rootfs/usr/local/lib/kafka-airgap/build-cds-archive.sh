#!/usr/bin/env bash
# Writes the class-data sharing archive that every JVM of both images maps at start (jvm.sh), at image build
# time (Dockerfile): ZooKeeper, a broker in ZooKeeper mode with a topic, a producer and a consumer group, and a
# broker in KRaft mode run once here, each listing the classes it loads; Java then stores those classes parsed
# and verified in one file, which a start maps instead of reading and verifying them from the jars again.
# Writes $KAFKA_AIRGAP_CDS_ARCHIVE (jvm.sh).
set -euo pipefail
here=/usr/local/lib/kafka-airgap
# shellcheck source=jvm.sh
. "$here/jvm.sh"
archive=$KAFKA_AIRGAP_CDS_ARCHIVE
work=$(mktemp -d)
"$here/env-to-properties.sh" log4j kafka >"$work/log4j-server.properties"
"$here/env-to-properties.sh" log4j tools >"$work/log4j-tools.properties"

# train NAME COMMAND...: runs a JVM command (a server in the background, a tool in the foreground) while it
# lists the classes it loads into $work/NAME.classlist.
train() {
  local name=$1
  shift
  KAFKA_LOG4J_OPTS="-Dlog4j.configuration=file:$work/log4j-tools.properties" \
    KAFKA_OPTS="-XX:DumpLoadedClassList=$work/$name.classlist" "$@"
}

# server NAME MAIN CONFIG DEFAULT_HEAP: starts a server JVM in the background with the images' own arguments.
server() {
  KAFKA_LOG4J_OPTS="-Dlog4j.configuration=file:$work/log4j-server.properties" \
    KAFKA_OPTS="-XX:DumpLoadedClassList=$work/$1.classlist" server_java_args "$4"
  java "${JAVA_ARGS[@]}" "$2" "$3" >"$work/$1.log" 2>&1 &
  echo $! >"$work/$1.pid"
}

# wait_for_log NAME PATTERN: waits until the server's output matches, at most 180 s.
wait_for_log() {
  local deadline=$((SECONDS + 180))
  until grep -q "$2" "$work/$1.log"; do
    if [ $SECONDS -gt $deadline ] || ! kill -0 "$(cat "$work/$1.pid")" 2>/dev/null; then
      tail -n 40 "$work/$1.log" >&2
      echo "build-cds-archive: $1 did not start" >&2
      exit 1
    fi
    sleep 0.5
  done
}

# stop NAME: stops a server as docker stop does (SIGTERM) and waits for its exit.
stop() {
  local pid
  pid=$(cat "$work/$1.pid")
  kill -TERM "$pid"
  wait "$pid" || true
}

broker_env() {
  env KAFKA_ADVERTISED_LISTENERS=INTERNAL://127.0.0.1:29092 KAFKA_LISTENER_SECURITY_PROTOCOL_MAP=INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT \
    KAFKA_INTER_BROKER_LISTENER_NAME=INTERNAL KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR=1 \
    KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR=1 KAFKA_TRANSACTION_STATE_LOG_MIN_ISR=1 "$@"
}

echo "===> ZooKeeper and a broker in ZooKeeper mode"
ZOOKEEPER_CLIENT_PORT=2181 ZOOKEEPER_DATA_DIR=$work/zookeeper ZOOKEEPER_DATA_LOG_DIR=$work/zookeeper \
  "$here/env-to-properties.sh" zookeeper >"$work/zookeeper.properties"
server zookeeper org.apache.zookeeper.server.quorum.QuorumPeerMain "$work/zookeeper.properties" -Xmx256m
"$here/wait-for-zookeeper.sh" 127.0.0.1:2181 180
broker_env KAFKA_ZOOKEEPER_CONNECT=127.0.0.1:2181 KAFKA_BROKER_ID=1 KAFKA_LOG_DIRS="$work/kafka-zk" \
  "$here/env-to-properties.sh" kafka >"$work/kafka-zk.properties"
server kafka-zk kafka.Kafka "$work/kafka-zk.properties" -Xmx512m
wait_for_log kafka-zk 'started (kafka.server.KafkaServer)'
train topics kafka-topics --bootstrap-server 127.0.0.1:29092 --create --topic training --partitions 3
seq 1 100 | train producer kafka-console-producer --bootstrap-server 127.0.0.1:29092 --topic training
train consumer kafka-console-consumer --bootstrap-server 127.0.0.1:29092 --topic training --group training \
  --from-beginning --max-messages 100 >/dev/null
stop kafka-zk
stop zookeeper

echo "===> A broker in KRaft mode"
broker_env KAFKA_PROCESS_ROLES=broker,controller KAFKA_NODE_ID=1 CLUSTER_ID=ZGV2LWNsdXN0ZXItMDAwMQ \
  KAFKA_CONTROLLER_QUORUM_VOTERS=1@127.0.0.1:29093 KAFKA_CONTROLLER_LISTENER_NAMES=CONTROLLER \
  KAFKA_LISTENERS=INTERNAL://127.0.0.1:29092,CONTROLLER://127.0.0.1:29093 KAFKA_LOG_DIRS="$work/kafka-kraft" \
  "$here/env-to-properties.sh" kafka >"$work/kafka-kraft.properties"
train storage kafka-storage format --cluster-id ZGV2LWNsdXN0ZXItMDAwMQ --config "$work/kafka-kraft.properties"
server kafka-kraft kafka.Kafka "$work/kafka-kraft.properties" -Xmx512m
wait_for_log kafka-kraft 'Kafka Server started'
stop kafka-kraft

# One list: the classes of every run, each once, in the order first loaded.
grep -hv '^#' "$work"/*.classlist | awk '!seen[$0]++' >"$work/all.classlist"
echo "===> Archive of the $(wc -l <"$work/all.classlist") classes and lambda forms these runs loaded"
mkdir -p "$(dirname "$archive")"
java -Xshare:dump -XX:SharedClassListFile="$work/all.classlist" -XX:SharedArchiveFile="$archive" \
  -cp "$(kafka_classpath)" >"$work/dump.log" 2>&1 || {
  tail -n 40 "$work/dump.log" >&2
  exit 1
}
# A start that cannot map the archive fails here rather than quietly loading from the jars.
java -Xshare:on -XX:SharedArchiveFile="$archive" -cp "$(kafka_classpath)" -version
rm -rf "$work"
