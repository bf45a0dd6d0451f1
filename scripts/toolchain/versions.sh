#!/usr/bin/env bash
# Pinned toolchain versions. The Pulumi and docker-plugin versions come from package.json, so the CLI, the
# language host and the plugin always match the npm SDKs the program loads. Sourced, never run on its own.
# shellcheck disable=SC2034 # the variables set here are read by the toolchain steps that source this file

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# npm_dependency NAME: the version package.json pins NAME to; fails unless it is an exact x.y.z.
npm_dependency() {
  local version
  version=$(node -p 'require(process.argv[1]).dependencies[process.argv[2]]' "$repo_root/package.json" "$1")
  if [[ ! $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    echo "$1 must be pinned exactly in package.json, got $version" >&2
    return 1
  fi
  echo "$version"
}

PULUMI_VERSION=$(npm_dependency @pulumi/pulumi)
DOCKER_PLUGIN_VERSION=$(npm_dependency @pulumi/docker)

# Where the docker plugin's Go sources come from, per pinned @pulumi/docker version: the provider module at the
# release commit of pulumi/pulumi-docker, and the Terraform docker provider (kreuzwerker) commit that the release
# pins as its `upstream` submodule. Both are fetched by pseudo-version (neither module has tags of its own).
docker_plugin_sources() {
  case "$1" in
    5.0.0)
      # pulumi-docker v5.0.0 = commit c2baf6a4997f (2026-04-21); upstream = kreuzwerker 619686ddb44a (their v4.2.0).
      PROVIDER_MODULE=github.com/pulumi/pulumi-docker/provider/v5@v5.0.0-20260421125334-c2baf6a4997f
      UPSTREAM_MODULE=github.com/terraform-providers/terraform-provider-docker@v0.0.0-20260414203857-619686ddb44a
      ;;
    *) return 1 ;;
  esac
}

# The newest github.com/pulumi/pulumi/sdk/v3 release whose module still carries the nodejs language host
# (later releases moved it into a module of its own). Used only when that module is not served for PULUMI_VERSION.
LANGUAGE_HOST_FALLBACK_SDK=v3.68.0
