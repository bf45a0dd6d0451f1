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

# ensure_command STEP COMMAND PACKAGE: installs Debian's PACKAGE with apt-get when COMMAND is missing.
ensure_command() {
  command -v "$2" >/dev/null 2>&1 && return 0
  { command -v apt-get >/dev/null 2>&1 && need_root; } ||
    fail "$1" "'$2' is not installed and cannot be installed with apt-get here" "install the $3 package yourself"
  step "$1" "installing Debian's $3 (apt-get)"
  { as_root apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$3" >/dev/null; } ||
    fail "$1" "apt-get install $3 failed" "check that Debian's archive is reachable, or install $3 yourself"
}
