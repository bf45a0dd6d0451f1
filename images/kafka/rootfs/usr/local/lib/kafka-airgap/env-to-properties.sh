#!/usr/bin/env bash
# Translates a confluentinc/cp-kafka / cp-zookeeper 7.9 style environment into a properties file on stdout,
# so one container declaration works with either image. Runs the same inside the images and on a host (tests).
#
#   env-to-properties.sh kafka             kafka.properties (checks the variables each mode requires)
#   env-to-properties.sh zookeeper         zookeeper.properties
#   env-to-properties.sh log4j kafka|zookeeper|tools   log4j.properties for the server or the command-line tools
#
# A missing required variable prints "<mode>: <VARIABLE> is required ..." on stderr and exits 1.
set -euo pipefail

# Environment variables with the KAFKA_ prefix that configure the JVM or the image, never broker properties.
KAFKA_EXCLUDED=(KAFKA_HEAP_OPTS KAFKA_OPTS KAFKA_JMX_OPTS KAFKA_JMX_PORT KAFKA_JMX_HOSTNAME KAFKA_LOG4J_OPTS
  KAFKA_LOG4J_ROOT_LOGLEVEL KAFKA_LOG4J_LOGGERS KAFKA_TOOLS_LOG4J_LOGLEVEL KAFKA_JVM_PERFORMANCE_OPTS
  KAFKA_GC_LOG_OPTS KAFKA_VERSION KAFKA_DEBUG KAFKA_HOME KAFKA_CLASSPATH)
ZOOKEEPER_EXCLUDED=(ZOOKEEPER_SERVER_ID ZOOKEEPER_SERVERS ZOOKEEPER_LOG4J_ROOT_LOGLEVEL ZOOKEEPER_LOG4J_LOGGERS
  ZOOKEEPER_TOOLS_LOG4J_LOGLEVEL)

# ZooKeeper's own property names are camelCase; the generic rule would give client.port instead of clientPort.
# The first nine are the names cp-zookeeper special-cases; the rest follow the same idea.
declare -A ZOOKEEPER_CAMEL_CASE=(
  [client.port]=clientPort [tick.time]=tickTime [init.limit]=initLimit [sync.limit]=syncLimit
  [max.client.cnxns]=maxClientCnxns [autopurge.snap.retain.count]=autopurge.snapRetainCount
  [autopurge.purge.interval]=autopurge.purgeInterval [data.dir]=dataDir [data.log.dir]=dataLogDir
  [min.session.timeout]=minSessionTimeout [max.session.timeout]=maxSessionTimeout [snap.count]=snapCount
  [global.outstanding.limit]=globalOutstandingLimit [pre.alloc.size]=preAllocSize
  [quorum.listen.on.all.ips]=quorumListenOnAllIPs [standalone.enabled]=standaloneEnabled
  [reconfig.enabled]=reconfigEnabled
)

declare -A props=()

die() {
  printf '%s\n' "$*" >&2
  exit 1
}

# require MODE VARIABLE HINT: stop with a message naming the missing variable.
require() {
  [ -n "${!2:-}" ] || die "$1: $2 is required ($3)"
}

is_excluded() {
  local name=$1 excluded
  shift
  for excluded in "$@"; do [ "$name" = "$excluded" ] && return 0; done
  return 1
}

# The cp rule for the part after the prefix: lower case, "___" -> "-", "__" -> "_", "_" -> ".".
# "@" stands in for "__" while single underscores become dots; it never occurs in a variable name.
suffix_to_property() {
  local s=${1,,}
  s=${s//___/-}
  s=${s//__/@}
  s=${s//_/.}
  printf '%s' "${s//@/_}"
}

print_props() {
  local key
  for key in "${!props[@]}"; do printf '%s=%s\n' "$key" "${props[$key]}"; done | LC_ALL=C sort
}

# Host parts of a listener list become 0.0.0.0: PLAINTEXT://kafka:9092 -> PLAINTEXT://0.0.0.0:9092.
listeners_from_advertised() {
  printf '%s' "$1" | sed -E 's#://(\[[^]]*\]|[^,:/]*):#://0.0.0.0:#g'
}

kafka_properties() {
  local name roles
  for name in KAFKA_ADVERTISED_HOST_NAME KAFKA_ADVERTISED_PORT KAFKA_PORT KAFKA_HOST_NAME; do
    [ -z "${!name:-}" ] || die "kafka: $name is not supported (as in cp-kafka); use KAFKA_ADVERTISED_LISTENERS"
  done

  roles=${KAFKA_PROCESS_ROLES:-}
  if [ -n "$roles" ]; then
    require kafka CLUSTER_ID "KRaft mode formats the storage with it; make one with 'kafka-storage random-uuid'"
    require kafka KAFKA_NODE_ID "KRaft mode: a unique integer per node"
    require kafka KAFKA_CONTROLLER_LISTENER_NAMES "KRaft mode: the listener name(s) the controllers use"
    [ -n "${KAFKA_CONTROLLER_QUORUM_VOTERS:-}${KAFKA_CONTROLLER_QUORUM_BOOTSTRAP_SERVERS:-}" ] ||
      die "kafka: KAFKA_CONTROLLER_QUORUM_VOTERS is required (KRaft mode: id@host:port,...)"
    if [[ ",$roles," == *,broker,* ]]; then
      require kafka KAFKA_ADVERTISED_LISTENERS "a broker must tell clients where to connect"
    else
      require kafka KAFKA_LISTENERS "a controller-only node has no advertised listeners to derive them from"
    fi
  else
    require kafka KAFKA_ZOOKEEPER_CONNECT "ZooKeeper mode: host:port[,host:port][/chroot]; or set KAFKA_PROCESS_ROLES for KRaft"
    require kafka KAFKA_ADVERTISED_LISTENERS "ZooKeeper mode: e.g. PLAINTEXT://kafka:9092"
  fi

  props[log.dirs]=/var/lib/kafka/data
  if [ -n "${KAFKA_ADVERTISED_LISTENERS:-}" ] && [ -z "${KAFKA_LISTENERS:-}" ]; then
    props[listeners]=$(listeners_from_advertised "$KAFKA_ADVERTISED_LISTENERS")
  fi

  for name in $(compgen -e | grep '^KAFKA_' || true); do
    is_excluded "$name" "${KAFKA_EXCLUDED[@]}" && continue
    [[ $name == KAFKA_CUB_* ]] && continue
    props[$(suffix_to_property "${name#KAFKA_}")]=${!name}
  done
  print_props
}

zookeeper_properties() {
  local name key server index=0
  require zookeeper ZOOKEEPER_CLIENT_PORT "the port clients connect to, e.g. 2181"

  props[dataDir]=/var/lib/zookeeper/data
  props[dataLogDir]=/var/lib/zookeeper/log

  for name in $(compgen -e | grep '^ZOOKEEPER_' || true); do
    is_excluded "$name" "${ZOOKEEPER_EXCLUDED[@]}" && continue
    key=$(suffix_to_property "${name#ZOOKEEPER_}")
    props[${ZOOKEEPER_CAMEL_CASE[$key]:-$key}]=${!name}
  done

  # host:2888:3888;host:2888:3888 -> server.1=host:2888:3888, server.2=... in the order given.
  if [ -n "${ZOOKEEPER_SERVERS:-}" ]; then
    IFS=';' read -r -a servers <<<"$ZOOKEEPER_SERVERS"
    for server in "${servers[@]}"; do
      index=$((index + 1))
      [ -n "$server" ] && props[server.$index]=$server
    done
  fi
  print_props
}

# log4j 1.x (reload4j) configuration: everything to the console, levels from the cp variables.
log4j_properties() {
  local root loggers logger target=stdout
  case "${1:-}" in
    kafka) root=${KAFKA_LOG4J_ROOT_LOGLEVEL:-INFO} loggers=${KAFKA_LOG4J_LOGGERS:-} ;;
    zookeeper) root=${ZOOKEEPER_LOG4J_ROOT_LOGLEVEL:-INFO} loggers=${ZOOKEEPER_LOG4J_LOGGERS:-} ;;
    tools) root=${KAFKA_TOOLS_LOG4J_LOGLEVEL:-WARN} loggers='' target=stderr ;;
    *) die "usage: env-to-properties.sh log4j kafka|zookeeper|tools" ;;
  esac
  printf 'log4j.rootLogger=%s, console\n' "$root"
  printf 'log4j.appender.console=org.apache.log4j.ConsoleAppender\n'
  printf 'log4j.appender.console.Target=System.%s\n' "${target/std/}"
  printf 'log4j.appender.console.layout=org.apache.log4j.PatternLayout\n'
  printf 'log4j.appender.console.layout.ConversionPattern=[%%d] %%p %%m (%%c)%%n\n'
  IFS=',' read -r -a entries <<<"$loggers"
  for logger in "${entries[@]}"; do
    logger=${logger// /}
    [ -n "$logger" ] && printf 'log4j.logger.%s\n' "$logger"
  done
  return 0
}

case "${1:-}" in
  kafka) kafka_properties ;;
  zookeeper) zookeeper_properties ;;
  log4j) log4j_properties "${2:-}" ;;
  *) die "usage: env-to-properties.sh kafka | zookeeper | log4j kafka|zookeeper|tools" ;;
esac
