#!/usr/bin/env bash
# Prints the stack `npm run up` should use: the requested one (default dev) when its images can be found locally
# or pulled. Otherwise dev falls back to `airgap` (the same cluster on images built from package registries by
# images/build.sh) and says so on stderr in one line; any other stack is refused with the keys to change.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
stack=${1:-dev}

# stack_value KEY DEFAULT: a config value of the stack file, else the project default.
stack_value() {
  local value
  value=$(sed -n "s/^  kafka-pulumi:$1: *//p" "$root/Pulumi.$stack.yaml" 2>/dev/null | tr -d "\"'" | head -n 1)
  echo "${value:-$2}"
}

if [ "$stack" = airgap ] || [ ! -f "$root/Pulumi.$stack.yaml" ]; then
  echo "$stack"
  exit 0
fi

missing=""
for image in \
  "$(stack_value kafkaImage confluentinc/cp-kafka:7.9.1)" \
  "$(stack_value zookeeperImage confluentinc/cp-zookeeper:7.9.1)" \
  "$(stack_value nodeImage node:22-bookworm-slim)"; do
  docker image inspect "$image" >/dev/null 2>&1 && continue
  docker pull -q "$image" >/dev/null 2>&1 && continue
  missing="$missing $image"
done

if [ -z "$missing" ]; then
  echo "$stack"
elif [ "$stack" = dev ]; then
  echo "stack dev needs${missing}, which can be neither found locally nor pulled: using stack airgap (images built from package registries)" >&2
  echo airgap
else
  echo "stack $stack needs${missing}, which can be neither found locally nor pulled; set kafkaImage, zookeeperImage and nodeImage to the kafka-airgap images (see Pulumi.airgap.yaml) with 'pulumi config set'" >&2
  exit 1
fi
