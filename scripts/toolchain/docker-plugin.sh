#!/usr/bin/env bash
# Toolchain step: the Pulumi docker resource plugin at exactly the version of the pinned @pulumi/docker package,
# built from the Go module proxy and installed with `pulumi plugin install --file`. Nothing is built when that
# plugin version is already installed (for example by `pulumi plugin install resource docker X.Y.Z`).
set -euo pipefail
here=$(dirname "$0")
. "$here/lib.sh"
. "$here/versions.sh"
. "$here/pulumi-home.sh"
. "$here/go-build.sh"

version=$DOCKER_PLUGIN_VERSION
instead="on a machine with internet access run 'pulumi plugin install resource docker $version'"

if pulumi plugin ls --json 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{
    process.exit((JSON.parse(s||"[]")||[]).some(p=>p.kind==="resource"&&p.name==="docker"&&p.version===process.argv[1])?0:1)})' "$version"; then
  step docker-plugin "resource plugin docker $version is installed, nothing to build"
  exit 0
fi

command -v pulumi >/dev/null 2>&1 || fail docker-plugin "no pulumi CLI on PATH" "run 'npm run toolchain' from the start"
require_go docker-plugin "the docker plugin"
docker_plugin_sources "$version" ||
  fail docker-plugin "no known source commits for @pulumi/docker $version" \
    "pin @pulumi/docker 5.0.0 in package.json, or $instead"

step docker-plugin "downloading $PROVIDER_MODULE and $UPSTREAM_MODULE"
provider_dir=$(module_info "$PROVIDER_MODULE" Dir)
upstream_dir=$(module_info "$UPSTREAM_MODULE" Dir)
if [ -z "$provider_dir" ] || [ -z "$upstream_dir" ]; then
  why=$({ go mod download -json "$PROVIDER_MODULE" "$UPSTREAM_MODULE" 2>/dev/null || true; } | grep -o '"Error": "[^"]*' | head -n 1)
  fail docker-plugin "the Go module proxy does not serve the plugin's sources (${why#\"Error\": \"})" "$instead"
fi

# The provider's go.mod replaces the Terraform provider with ../upstream, so both are laid out side by side.
work=$TOOLCHAIN_CACHE/go/docker-plugin-$version
rm -rf "$work" && mkdir -p "$work"
cp -r "$provider_dir" "$work/provider" && cp -r "$upstream_dir" "$work/upstream" && chmod -R u+w "$work"

# The provider constructs the Terraform provider through a `shim` package that the upstream module does not
# contain: it only has to expose the upstream's internal constructor.
mkdir -p "$work/upstream/shim"
cat >"$work/upstream/shim/shim.go" <<'GO'
// Package shim exposes the Terraform docker provider's constructor to the Pulumi bridge.
package shim

import (
	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"
	"github.com/terraform-providers/terraform-provider-docker/internal/provider"
)

// NewProvider returns the Terraform docker provider.
func NewProvider() *schema.Provider { return provider.New("dev")() }
GO

step docker-plugin "building pulumi-resource-docker $version (first build: several minutes on 2 cores)"
(
  cd "$work/provider/cmd/pulumi-resource-docker"
  VERSION=$version go run generate.go >"$work/generate.log" 2>&1
  cd "$work/provider"
  go build -trimpath -tags no_compose \
    -ldflags "-s -w -X github.com/pulumi/pulumi-docker/provider/v5/pkg/version.Version=$version" \
    -o "$work/pulumi-resource-docker" ./cmd/pulumi-resource-docker >"$work/build.log" 2>&1
) || { tail -n 20 "$work/build.log" "$work/generate.log" >&2 2>/dev/null; fail docker-plugin "go build failed (logs in $work)" "$instead"; }

pulumi plugin install resource docker "$version" --file "$work/pulumi-resource-docker" >/dev/null ||
  fail docker-plugin "pulumi plugin install failed" "$instead"
step docker-plugin "installed resource plugin docker $version"
