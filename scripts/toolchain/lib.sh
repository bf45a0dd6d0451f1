#!/usr/bin/env bash
# Shared helpers for the toolchain steps: timed progress lines and failures that say what to do instead.
# Sourced, never run on its own.

TOOLCHAIN_T0=${TOOLCHAIN_T0:-$(date +%s)}
export TOOLCHAIN_T0

# Cache root outside the clone, so a second run on the same machine reuses every build.
TOOLCHAIN_CACHE=${KAFKA_PULUMI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kafka-pulumi}
export TOOLCHAIN_CACHE

elapsed() {
  local now
  now=$(date +%s)
  printf '%4ss' "$((now - TOOLCHAIN_T0))"
}

# step NAME MESSAGE: one progress line, prefixed with the time since the toolchain started.
step() {
  printf '[%s] %-14s %s\n' "$(elapsed)" "$1" "$2"
}

# fail NAME WHY WHAT-INSTEAD: print which step failed, why, and what the user can do; exit non-zero.
fail() {
  printf '[%s] %-14s FAILED: %s\n' "$(elapsed)" "$1" "$2" >&2
  printf '%20s instead: %s\n' '' "$3" >&2
  exit 1
}

need_root() {
  [ "$(id -u)" -eq 0 ] || command -v sudo >/dev/null 2>&1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
