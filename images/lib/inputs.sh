# Build-input fingerprints for images/build.sh: an image is rebuilt only when the hash of what it is made from
# (files with their modes, versions, the parent image's id) differs from the hash in its label.
# Sourced, never run on its own.
# shellcheck shell=bash

INPUTS_LABEL=org.kafka-airgap.inputs

# inputs_hash PATH... -- WORD...: sha256 over the files under each PATH (relative name, mode, content) and WORDs.
inputs_hash() {
  local path
  {
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do
      path=$1
      shift
      (cd "$path" && find . -type f -print0 | LC_ALL=C sort -z | while IFS= read -r -d '' file; do
        printf '%s %s %s\n' "$file" "$(stat -c %a "$file")" "$(sha256sum <"$file" | cut -d' ' -f1)"
      done)
    done
    [ "${1:-}" != "--" ] || shift
    printf '%s\n' "$@"
  } | sha256sum | cut -c1-32
}

# image_inputs IMAGE: the inputs hash an existing image was built from, empty when the image is missing.
image_inputs() {
  docker image inspect --format "{{ index .Config.Labels \"$INPUTS_LABEL\" }}" "$1" 2>/dev/null || true
}

# image_id IMAGE: the image's id, empty when it is missing.
image_id() {
  docker image inspect --format '{{ .Id }}' "$1" 2>/dev/null || true
}

# image_size IMAGE: the image's size in MB.
image_size() {
  docker image inspect --format '{{ .Size }}' "$1" | awk '{ printf "%d MB", $1 / 1000 / 1000 }'
}

# drop_superseded OLD_ID IMAGE: removes the image a rebuild replaced, unless a container still uses it.
drop_superseded() {
  [ -n "$1" ] && [ "$1" != "$(image_id "$2")" ] || return 0
  docker rmi "$1" >/dev/null 2>&1 || true
}

# run_logged LOG COMMAND...: runs a noisy command into LOG and shows its tail when it fails.
run_logged() {
  local log=$1
  shift
  if ! "$@" >"$log" 2>&1; then
    tail -n 25 "$log" >&2
    return 1
  fi
}
