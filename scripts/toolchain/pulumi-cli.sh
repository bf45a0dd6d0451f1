#!/usr/bin/env bash
# Toolchain step: the Pulumi CLI, the nodejs language host and pulumi-resource-pulumi-nodejs in $PULUMI_HOME/bin,
# built from the Go module proxy at the version of the @pulumi/pulumi dependency. Nothing is built when a `pulumi`
# of that version is already installed (for example from pulumi.com).
set -euo pipefail
here=$(dirname "$0")
. "$here/lib.sh"
. "$here/versions.sh"
. "$here/pulumi-home.sh"
. "$here/go-build.sh"

want=v$PULUMI_VERSION
have=$(pulumi version 2>/dev/null || true)
if [ "$have" = "$want" ] && command -v pulumi-language-nodejs >/dev/null 2>&1; then
  step pulumi-cli "pulumi $have and its nodejs language host are installed, nothing to build"
  exit 0
fi

require_go pulumi-cli "the Pulumi CLI"
mkdir -p "$PULUMI_BIN"
build_root=$TOOLCHAIN_CACHE/go/pulumi-$want
version_flag="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$want"

if [ "$have" != "$want" ]; then
  step pulumi-cli "resolving github.com/pulumi/pulumi/pkg/v3@$want"
  pkg_mod=$(module_info "github.com/pulumi/pulumi/pkg/v3@$want" GoMod)
  sdk_mod=$(module_info "github.com/pulumi/pulumi/sdk/v3@$want" GoMod)
  if [ -z "$pkg_mod" ] || [ -z "$sdk_mod" ]; then
    fail pulumi-cli "the Go module proxy does not serve github.com/pulumi/pulumi/{pkg,sdk}/v3@$want" \
      "install Pulumi $want from pulumi.com, or pin an @pulumi/pulumi version the proxy serves"
  fi
  REPLACES=$(non_local_replaces "$pkg_mod" "$sdk_mod")
  step pulumi-cli "building pulumi $want (first build: several minutes on 2 cores)"
  build_go_command pulumi-cli "$build_root/cli" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$PULUMI_BIN/pulumi" \
    "-s -w $version_flag" osusergo,grpcnotrace \
    "github.com/pulumi/pulumi/pkg/v3@$want" "github.com/pulumi/pulumi/sdk/v3@$want" ||
    fail pulumi-cli "go build of the Pulumi CLI failed (see $build_root/cli/build.log)" \
      "install Pulumi $want from pulumi.com"
  step pulumi-cli "installed $("$PULUMI_BIN/pulumi" version) in $PULUMI_BIN"
fi

# The language host lives in a module of its own, untagged: its pseudo-version is the release commit of the
# repository-wide tag vX.Y.Z, which the proxy reports for github.com/pulumi/pulumi@vX.Y.Z+incompatible.
host_module=github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
# From go list's JSON (Time "2024-05-01T12:34:56Z", Origin.Hash) it prints v3.0.0-20240501123456-<12 hash chars>.
release=$({ go list -m -json "github.com/pulumi/pulumi@$want+incompatible" 2>/dev/null || true; } | node -e '
  const info = JSON.parse(require("node:fs").readFileSync(0, "utf8").trim() || "{}");
  const hash = info.Origin?.Hash;
  const time = info.Time?.replace(/[-:TZ]/g, "").slice(0, 14);
  if (hash && time) console.log("v3.0.0-" + time + "-" + hash.slice(0, 12));
')
REPLACES=""
if [ -n "$release" ] && [ -n "$(module_info "$host_module@$release" Dir)" ]; then
  step language-host "building pulumi-language-nodejs from $host_module@$release"
  build_go_command language-host "$build_root/language-host" "$host_module" "$PULUMI_BIN/pulumi-language-nodejs" \
    "-s -w $version_flag" osusergo,grpcnotrace "$host_module@$release" ||
    fail language-host "go build of the nodejs language host failed" "install Pulumi $want from pulumi.com"
else
  # Measured here: the proxy serves no version of the language host's own module, so the host comes from the
  # last SDK release that still carried it; it speaks the same language-host protocol to the CLI.
  fallback=$LANGUAGE_HOST_FALLBACK_SDK
  step language-host "the proxy does not serve $host_module@${release:-?}; building it from sdk/v3@$fallback"
  build_go_command language-host "$build_root/language-host-$fallback" \
    github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs "$PULUMI_BIN/pulumi-language-nodejs" \
    "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$fallback" osusergo,grpcnotrace \
    "github.com/pulumi/pulumi/sdk/v3@$fallback" ||
    fail language-host "go build of the nodejs language host failed" "install Pulumi $want from pulumi.com"
fi

# Dynamic providers run through this script, which @pulumi/pulumi ships at its root, as an official install has it:
# the engine tests' inline programs use it (the project's own program starts its host from Pulumi.yaml's plugins).
cp "$repo_root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs" "$PULUMI_BIN/" 2>/dev/null ||
  fail language-host "node_modules/@pulumi/pulumi is missing" "run 'npm ci' first"
step language-host "installed pulumi-language-nodejs and pulumi-resource-pulumi-nodejs in $PULUMI_BIN"
