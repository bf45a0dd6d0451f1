#!/usr/bin/env bash
# Toolchain step: Pulumi's docker resource plugin at exactly the version of the pinned @pulumi/docker package,
# installed the standard way (`pulumi plugin install`, which downloads it from Pulumi). Where that download
# cannot work (no internet access), the step stops with the command that installs a provided binary.
set -euo pipefail
here=$(dirname "$0")
. "$here/lib.sh"
. "$here/versions.sh"
. "$here/pulumi-home.sh"

version=$DOCKER_PLUGIN_VERSION
plugin_dir=$PULUMI_HOME/plugins/resource-docker-v$version

if [ -x "$plugin_dir/pulumi-resource-docker" ]; then
  step docker-plugin "resource plugin docker $version is installed"
  exit 0
fi
command -v pulumi >/dev/null 2>&1 || fail docker-plugin "no pulumi CLI on PATH" "run 'npm run toolchain' from the start"

step docker-plugin "installing resource plugin docker $version (pulumi plugin install)"
log=$(mktemp)
if pulumi plugin install resource docker "$version" >"$log" 2>&1; then
  rm -f "$log"
  step docker-plugin "installed resource plugin docker $version"
  exit 0
fi
why=$(grep -m 1 '^error:' "$log" || tail -n 1 "$log")
rm -f "$log"
fail docker-plugin "pulumi plugin install resource docker $version: ${why#error: }" \
  "on a machine without internet access, copy the official plugin binary here and run 'pulumi plugin install resource docker $version --file PATH-TO/pulumi-resource-docker'"
