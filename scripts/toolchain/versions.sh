#!/usr/bin/env bash
# Pinned toolchain versions. The Pulumi and docker-plugin versions come from package.json, so the CLI, the
# language host and the plugin always match the npm SDKs the program loads. Sourced, never run on its own.

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

npm_dependency() {
  node -e 'const p = require(process.argv[1]); const v = p.dependencies[process.argv[2]];
    if (!/^\d+\.\d+\.\d+$/.test(v)) { console.error(`${process.argv[2]} must be pinned exactly, got ${v}`); process.exit(1); }
    console.log(v);' "$repo_root/package.json" "$1"
}

PULUMI_VERSION=$(npm_dependency @pulumi/pulumi)
DOCKER_PLUGIN_VERSION=$(npm_dependency @pulumi/docker)

# The newest github.com/pulumi/pulumi/sdk/v3 release whose module still carries the nodejs language host
# (later releases moved it into a module of its own). Used only when that module is not served for PULUMI_VERSION.
LANGUAGE_HOST_FALLBACK_SDK=v3.68.0
