#!/usr/bin/env bash
# Prints the stack `npm run up` should use: the requested one (default dev) when its images can be found locally
# or pulled. Otherwise dev falls back to `airgap` (the same cluster on images built from package registries by
# images/build.sh) and says so on stderr in one line; any other stack is refused with the keys to change.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
stack=${1:-dev}

# image_settings: kafkaImage, zookeeperImage and nodeImage of the stack file (read with js-yaml), one per line, each
# defaulting to Pulumi.yaml's default. Inline rather than a helper file, so the script can be copied on its own.
image_settings() {
  node -e '
    const { load } = require("js-yaml");
    const read = (file) => load(require("node:fs").readFileSync(file, "utf8")) ?? {};
    const declared = read(process.argv[1]).config ?? {};
    const stack = read(process.argv[2]).config ?? {};
    for (const key of ["kafkaImage", "zookeeperImage", "nodeImage"])
      console.log(stack["kafka-pulumi:" + key] || declared[key].default);
  ' "$root/Pulumi.yaml" "$root/Pulumi.$stack.yaml"
}

if [ "$stack" = airgap ] || [ ! -f "$root/Pulumi.$stack.yaml" ]; then
  echo "$stack"
  exit 0
fi

settings=$(image_settings)
mapfile -t images <<<"$settings"

missing=""
for image in "${images[@]}"; do
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
