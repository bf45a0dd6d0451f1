# Start-up helpers of the entry points, and JVM command lines for the servers and the command-line tools, with
# the variables kafka-run-class.sh honours (KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_GC_LOG_OPTS, KAFKA_JMX_PORT/OPTS, KAFKA_LOG4J_OPTS, KAFKA_OPTS).
# Sourced by the entry points and the tool wrapper; the variables are split on spaces on purpose, as there.
# shellcheck shell=bash

KAFKA_AIRGAP_LIBS=/usr/share/java/kafka
KAFKA_AIRGAP_CONF=/etc/kafka
# The class-data sharing archive written at image build time (build-cds-archive.sh).
KAFKA_AIRGAP_CDS_ARCHIVE=/usr/local/share/kafka-airgap/classes.jsa

# kafka_classpath: the jars in a fixed (C locale) order. A JVM uses the archive only when its class path is the
# one the archive was written with, and a wildcard would follow the directory's order, which may differ.
kafka_classpath() {
  local LC_ALL=C jars
  jars=("$KAFKA_AIRGAP_LIBS"/*.jar)
  local IFS=:
  printf '%s' "${jars[*]}"
}

# add_cds_archive: appends the archive's option to JAVA_ARGS, once the archive exists (not while it is built).
# KAFKA_OPTS comes after it and can still switch it off (-Xshare:off).
add_cds_archive() {
  [ ! -r "$KAFKA_AIRGAP_CDS_ARCHIVE" ] || JAVA_ARGS+=("-XX:SharedArchiveFile=$KAFKA_AIRGAP_CDS_ARCHIVE")
}

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

# server_java_args DEFAULT_HEAP: fills the array JAVA_ARGS for a server. Kafka's own performance options, with
# the JIT compiler stopped at its first tier (C1) and no performance-data sampling, as these images run
# development clusters that live for hours: with the archive, a broker answered after 1.3-1.4 s of CPU instead of
# 1.9-2.4 s (3.7-3.8 s before both), and three minutes after its start it idled at 1.2-1.5 % of a core instead of
# 2.3-2.6 %, as no second-tier compilations run for minutes.
# An idle broker's cost is its timer threads waking about 135 times a second; code that runs a few times a second
# stays interpreted for minutes at the default thresholds, so C1 compiles after a twentieth of them. G1's
# remembered-set sampling and the JVM's monitor deflation check run every 5 s instead of 4 times a second.
server_java_args() {
  local heap=${KAFKA_HEAP_OPTS:-$1}
  local perf=${KAFKA_JVM_PERFORMANCE_OPTS:--server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.05 -XX:G1ConcRefinementServiceIntervalMillis=5000 -XX:+UnlockDiagnosticVMOptions -XX:AsyncDeflationInterval=5000 -XX:-UsePerfData -Djava.awt.headless=true}
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
  add_cds_archive
  # shellcheck disable=SC2206
  JAVA_ARGS+=($log4j ${KAFKA_OPTS:-} -cp "$(kafka_classpath)")
}

# tool_java_args: fills JAVA_ARGS for a short-lived tool: small heap, quick start, warnings only on stderr.
# No JMX port here, so a tool never collides with the server's port in the same container.
tool_java_args() {
  local heap=${KAFKA_HEAP_OPTS:--Xmx256m}
  local log4j=${KAFKA_LOG4J_OPTS:--Dlog4j.configuration=file:$KAFKA_AIRGAP_CONF/tools-log4j.properties}
  JAVA_ARGS=()
  # shellcheck disable=SC2206
  JAVA_ARGS+=($heap -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Djava.awt.headless=true)
  add_cds_archive
  # shellcheck disable=SC2206
  JAVA_ARGS+=($log4j ${KAFKA_OPTS:-} -cp "$(kafka_classpath)")
}
