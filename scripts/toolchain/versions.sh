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

# The newest github.com/pulumi/pulumi/sdk/v3 release whose module still carries the nodejs language host
# (later releases moved it into a module of its own). Used only when that module is not served for PULUMI_VERSION.
LANGUAGE_HOST_FALLBACK_SDK=v3.68.0

# The local Kubernetes cluster (`npm run toolchain -- kubernetes`), every part built from the Go module proxy.
# k8s.io/kubernetes publishes its staging modules (k8s.io/api, k8s.io/client-go, ...) as v0.MINOR.PATCH.
KUBERNETES_VERSION=v1.37.2
ETCD_VERSION=v3.7.3
COREDNS_VERSION=v1.15.0
VOLUME_PROVISIONER_LIB_VERSION=v13.1.0

# The Pulumi kubernetes resource plugin must equal the @pulumi/kubernetes npm version. Its provider module
# (github.com/pulumi/pulumi-kubernetes/provider/v4) carries no semver tags of its own on the proxy, only
# pseudo-versions: this one is the commit tagged v4.25.0. Change both together.
KUBERNETES_PLUGIN_VERSION=$(npm_dependency @pulumi/kubernetes)
KUBERNETES_PLUGIN_MODULE_VERSION=v4.0.0-20260115033456-f47bc2d6f199
KUBERNETES_PLUGIN_MODULE_FOR=4.25.0
