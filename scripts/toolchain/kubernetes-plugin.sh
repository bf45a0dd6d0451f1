#!/usr/bin/env bash
# Toolchain step: Pulumi's kubernetes resource plugin at exactly the version of the pinned @pulumi/kubernetes
# package, built from its provider module on the Go module proxy and installed with `pulumi plugin install
# --file`. Nothing is built when that version is installed already.
set -euo pipefail
here=$(dirname "$0")
. "$here/lib.sh"
. "$here/versions.sh"
. "$here/pulumi-home.sh"
. "$here/go-build.sh"

version=$KUBERNETES_PLUGIN_VERSION
if [ -x "$PULUMI_HOME/plugins/resource-kubernetes-v$version/pulumi-resource-kubernetes" ]; then
  step k8s-plugin "resource plugin kubernetes $version is installed"
  exit 0
fi
command -v pulumi >/dev/null 2>&1 || fail k8s-plugin "no pulumi CLI on PATH" "run 'npm run toolchain' first"
[ "$KUBERNETES_PLUGIN_MODULE_FOR" = "$version" ] ||
  fail k8s-plugin "@pulumi/kubernetes is $version, but KUBERNETES_PLUGIN_MODULE_VERSION is the commit of $KUBERNETES_PLUGIN_MODULE_FOR" \
    "set KUBERNETES_PLUGIN_MODULE_VERSION in scripts/toolchain/versions.sh to the pseudo-version of the v$version commit"
require_go k8s-plugin "the kubernetes resource plugin"

module=github.com/pulumi/pulumi-kubernetes/provider/v4
step k8s-plugin "resolving $module@$KUBERNETES_PLUGIN_MODULE_VERSION"
src=$(module_info "$module@$KUBERNETES_PLUGIN_MODULE_VERSION" Dir)
[ -n "$src" ] || fail k8s-plugin "the Go module proxy does not serve $module@$KUBERNETES_PLUGIN_MODULE_VERSION" \
  "install the official plugin: pulumi plugin install resource kubernetes $version"

# The module is built in a writable copy: its go.mod replaces the SDK module with a folder of the repository that
# the module lacks (the published SDK is used instead), and the command embeds a schema generated from the
# shipped schema.json with the release's version.
build=$TOOLCHAIN_CACHE/go/pulumi-kubernetes-$version
binary=$build/bin/pulumi-resource-kubernetes
step k8s-plugin "building pulumi-resource-kubernetes $version (first build: about 10 min on 2 cores)"
rm -rf "$build/src"
mkdir -p "$build/bin"
cp -r "$src" "$build/src"
chmod -R u+w "$build/src"
log=$build/build.log
(
  cd "$build/src" &&
    go mod edit -dropreplace github.com/pulumi/pulumi-kubernetes/sdk/v4 &&
    cd cmd/pulumi-resource-kubernetes &&
    VERSION=$version go run generate.go &&
    go build -trimpath -ldflags "-s -w -X $module/pkg/version.Version=$version" -o "$binary" .
) >"$log" 2>&1 || { tail -n 20 "$log" >&2; fail k8s-plugin "building the kubernetes plugin failed (see $log)" \
  "install the official plugin: pulumi plugin install resource kubernetes $version"; }

pulumi plugin install resource kubernetes "$version" --file "$binary" >>"$log" 2>&1 ||
  fail k8s-plugin "pulumi plugin install --file failed (see $log)" "read the log and run the step again"
rm -rf "$build/src"
step k8s-plugin "installed resource plugin kubernetes $version"
