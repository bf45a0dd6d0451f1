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
  ensure_commands "$1" "$2=$3"
}

# ensure_commands STEP COMMAND=PACKAGE...: installs, in one apt-get run, the Debian packages of the commands that
# are missing. A COMMAND may be a path, for programs that are not on PATH.
ensure_commands() {
  local name=$1 pair missing=""
  shift
  for pair in "$@"; do command -v "${pair%%=*}" >/dev/null 2>&1 || missing="$missing ${pair#*=}"; done
  [ -n "$missing" ] || return 0
  missing=${missing# }
  { command -v apt-get >/dev/null 2>&1 && need_root; } ||
    fail "$name" "'$missing' is not installed and cannot be installed with apt-get here" "install $missing yourself"
  step "$name" "installing Debian's $missing (apt-get)"
  # shellcheck disable=SC2086 # one package per word
  { as_root apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null; } ||
    fail "$name" "apt-get install $missing failed" "check that Debian's archive is reachable, or install $missing yourself"
}
