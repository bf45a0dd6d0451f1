# Start-up helpers of the entry points, and JVM command lines for the servers and the command-line tools, with
# the variables kafka-run-class.sh honours (KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_GC_LOG_OPTS, KAFKA_JMX_PORT/OPTS, KAFKA_LOG4J_OPTS, KAFKA_OPTS).
# Sourced by the entry points and the tool wrapper; the variables are split on spaces on purpose, as there.
# shellcheck shell=bash

KAFKA_AIRGAP_LIBS=/usr/share/java/kafka
KAFKA_AIRGAP_CONF=/etc/kafka

# require_writable_dirs SERVER DIR...: stops the entry point when a data directory (usually a fresh volume with
# another owner) cannot be written by the server's user.
require_writable_dirs() {
  local server=$1 dir
  shift
  for dir in "$@"; do
    mkdir -p "$dir" 2>/dev/null || true
    [ -w "$dir" ] || {
      echo "$server: $dir is not writable by $(id -un) (uid $(id -u)); chown the volume to uid 1000" >&2
      exit 1
    }
  done
}

# server_java_args DEFAULT_HEAP: fills the array JAVA_ARGS for a long-running server.
server_java_args() {
  local heap=${KAFKA_HEAP_OPTS:-$1}
  local perf=${KAFKA_JVM_PERFORMANCE_OPTS:--server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true}
  local jmx=${KAFKA_JMX_OPTS:--Dcom.sun.management.jmxremote -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false}
  local log4j=${KAFKA_LOG4J_OPTS:--Dlog4j.configuration=file:$KAFKA_AIRGAP_CONF/log4j.properties}
  JAVA_ARGS=()
  # shellcheck disable=SC2206
  JAVA_ARGS+=($heap $perf ${KAFKA_GC_LOG_OPTS:-})
  if [ -n "${KAFKA_JMX_PORT:-}" ]; then
    # shellcheck disable=SC2206
    JAVA_ARGS+=($jmx "-Dcom.sun.management.jmxremote.port=$KAFKA_JMX_PORT"
      "-Dcom.sun.management.jmxremote.rmi.port=${KAFKA_JMX_PORT}")
    [ -z "${KAFKA_JMX_HOSTNAME:-}" ] || JAVA_ARGS+=("-Djava.rmi.server.hostname=$KAFKA_JMX_HOSTNAME")
  fi
  # shellcheck disable=SC2206
  JAVA_ARGS+=($log4j ${KAFKA_OPTS:-} -cp "$KAFKA_AIRGAP_LIBS/*")
}

# tool_java_args: fills JAVA_ARGS for a short-lived tool: small heap, quick start, warnings only on stderr.
# No JMX port here, so a tool never collides with the server's port in the same container.
tool_java_args() {
  local heap=${KAFKA_HEAP_OPTS:--Xmx256m}
  local log4j=${KAFKA_LOG4J_OPTS:--Dlog4j.configuration=file:$KAFKA_AIRGAP_CONF/tools-log4j.properties}
  JAVA_ARGS=()
  # shellcheck disable=SC2206
  JAVA_ARGS+=($heap -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Djava.awt.headless=true $log4j
    ${KAFKA_OPTS:-} -cp "$KAFKA_AIRGAP_LIBS/*")
}
