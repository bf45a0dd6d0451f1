#!/usr/bin/env bash
# `npm run toolchain`: makes this machine able to run the project, from package registries only.
# Steps: engine (Docker Engine), pulumi-cli (CLI and nodejs language host), docker-plugin (Pulumi's docker
# resource plugin). `install.sh engine` runs only the first. Idempotent: what is installed is not rebuilt.
# Further steps only on request: kubernetes (a local cluster and Pulumi's kubernetes plugin), kubernetes-stop.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

steps=${*:-engine pulumi-cli docker-plugin}
failed=""
for s in $steps; do
  [ -f "$here/$s.sh" ] || fail toolchain "unknown step '$s'" "use one of: engine pulumi-cli docker-plugin kubernetes kubernetes-plugin kubernetes-stop"
  bash "$here/$s.sh" || { failed="$failed $s"; break; }
done

. "$here/pulumi-home.sh"
step summary "engine: $(docker version --format 'Docker Engine {{.Server.Version}}' 2>/dev/null || echo 'not answering')"
if command -v pulumi >/dev/null 2>&1; then
  step summary "pulumi version: $(pulumi version)"
  pulumi plugin ls 2>/dev/null | sed 's/^/                      /'
else
  step summary "pulumi: not installed"
fi
if [ -n "$failed" ]; then
  step summary "FAILED step:$failed (see its message above)"
  exit 1
fi
step summary "toolchain ready"
