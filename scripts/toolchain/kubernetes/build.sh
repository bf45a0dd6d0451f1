#!/usr/bin/env bash
# Builds the local cluster's programs from the Go module proxy, each in a wrapper main module of its own under
# the cache, and skips every build whose output is already there.
# Sourced by kubernetes.sh after lib.sh, versions.sh, go-build.sh and env.sh, never run on its own.

KUBE_COMMANDS="kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl kubeadm"

# staging_replaces GOMOD VERSION: k8s.io/kubernetes replaces its staging modules (k8s.io/api, ...) with folders
# of its repository, which a module from the proxy lacks; each becomes the published k8s.io/NAME@VERSION.
staging_replaces() {
  # shellcheck disable=SC2016 # the single-quoted text is JavaScript, not shell
  go mod edit -json "$1" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{
    for (const r of JSON.parse(s).Replace ?? [])
      if (r.New.Path.startsWith("./staging/")) console.log(`${r.Old.Path}=${r.Old.Path}@${process.argv[1]}`)})' "$2"
}

# The version stamps Kubernetes' own build writes, so `kubectl version` and the apiserver report the release.
kube_version_ldflags() {
  local minor=${KUBERNETES_VERSION#v1.} pkg
  minor=${minor%%.*}
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    printf -- '-X %s.gitVersion=%s -X %s.gitMajor=1 -X %s.gitMinor=%s -X %s.gitCommit= -X %s.gitTreeState=archive ' \
      "$pkg" "$KUBERNETES_VERSION" "$pkg" "$pkg" "$minor" "$pkg" "$pkg"
    printf -- '-X %s.buildDate=%s ' "$pkg" "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  done
}

build_kubernetes() {
  local missing="" c
  for c in $KUBE_COMMANDS; do [ -x "$KUBE_BIN/$c" ] || missing="$missing $c"; done
  if [ -z "$missing" ]; then
    step kubernetes "Kubernetes $KUBERNETES_VERSION is built"
    return 0
  fi
  local gomod dir=$K8S_BUILDS/kubernetes-$KUBERNETES_VERSION pkgs
  gomod=$(module_info "k8s.io/kubernetes@$KUBERNETES_VERSION" GoMod)
  [ -n "$gomod" ] || fail kubernetes "the Go module proxy does not serve k8s.io/kubernetes@$KUBERNETES_VERSION" \
    "pin a KUBERNETES_VERSION the proxy serves in scripts/toolchain/versions.sh"
  # shellcheck disable=SC2034 # read by write_main_module
  REPLACES="$(staging_replaces "$gomod" "v0.${KUBERNETES_VERSION#v1.}") $(non_local_replaces "$gomod")"
  pkgs=$(for c in $KUBE_COMMANDS; do echo "k8s.io/kubernetes/cmd/$c"; done)
  step kubernetes "building Kubernetes $KUBERNETES_VERSION:$missing (first build: about 20 min on 2 cores)"
  write_main_module kubernetes "$dir" "$pkgs" "k8s.io/kubernetes@$KUBERNETES_VERSION" ||
    fail kubernetes "go mod tidy of the Kubernetes wrapper module failed (see $dir/tidy.log)" \
      "check that the Go module proxy serves k8s.io/kubernetes@$KUBERNETES_VERSION and its staging modules"
  # One go build for all commands: they share most packages, which are then compiled once.
  # shellcheck disable=SC2086 # one package per word
  go build -C "$dir" -trimpath -ldflags "-s -w $(kube_version_ldflags)" -o "$KUBE_BIN/" $pkgs >"$dir/build.log" 2>&1 ||
    { tail -n 20 "$dir/build.log" >&2; fail kubernetes "go build of Kubernetes failed (see $dir/build.log)" \
      "fix the cause shown above and run the step again; finished commands are kept"; }
  step kubernetes "built $("$KUBE_BIN/kubectl" version --client 2>/dev/null | head -n 1) and the control plane in $KUBE_BIN"
}

build_etcd() {
  if [ -x "$ETCD_BIN/etcd" ]; then
    step kubernetes "etcd $ETCD_VERSION is built"
    return 0
  fi
  step kubernetes "building etcd $ETCD_VERSION"
  local m reqs=""
  # etcd's server module replaces its sibling modules with folders; they are published at the same version.
  for m in server/v3 api/v3 client/pkg/v3 client/v3 pkg/v3; do reqs="$reqs go.etcd.io/etcd/$m@$ETCD_VERSION"; done
  # shellcheck disable=SC2086 # one requirement per word
  REPLACES="" build_go_command etcd "$K8S_BUILDS/etcd-$ETCD_VERSION" go.etcd.io/etcd/server/v3 "$ETCD_BIN/etcd" \
    "-s -w" "" $reqs || fail kubernetes "go build of etcd failed (see $K8S_BUILDS/etcd-$ETCD_VERSION/build.log)" \
    "pin an ETCD_VERSION the Go module proxy serves in scripts/toolchain/versions.sh"
  step kubernetes "built $("$ETCD_BIN/etcd" --version | head -n 1)"
}

# build_own_command NAME OUTPUT REQUIRE...: builds the main package in kubernetes/NAME/ of this folder, again
# whenever its source or requirements change (their digest is kept beside the output).
build_own_command() {
  local name=$1 out=$2 src dir=$K8S_BUILDS/$1 digest
  shift 2
  src=$(dirname "${BASH_SOURCE[0]}")/$name/main.go
  digest=$(cat "$src" - <<<"$*" | sha256sum | cut -c1-64)
  if [ -x "$out" ] && [ "$(cat "$out.digest" 2>/dev/null)" = "$digest" ]; then
    step kubernetes "$name is built"
    return 0
  fi
  step kubernetes "building $name${1:+ with $*}"
  mkdir -p "$dir/cmd/$name"
  cp "$src" "$dir/cmd/$name/main.go"
  if ! REPLACES="" write_main_module "$name" "$dir" "" "$@" ||
    ! go build -C "$dir" -trimpath -ldflags "-s -w" -o "$out" "./cmd/$name" >"$dir/build.log" 2>&1; then
    tail -n 20 "$dir/build.log" >&2
    fail kubernetes "go build of $name failed (see $dir/tidy.log and build.log)" "fix the cause shown above and run the step again"
  fi
  echo "$digest" >"$out.digest"
  step kubernetes "built $out"
}

build_cluster_programs() {
  require_go kubernetes "the local Kubernetes cluster"
  build_kubernetes
  build_etcd
  build_own_command coredns "$COREDNS_BIN/coredns" "github.com/coredns/coredns@$COREDNS_VERSION"
  build_own_command volume-provisioner "$PROVISIONER_BIN/volume-provisioner" \
    "sigs.k8s.io/sig-storage-lib-external-provisioner/v13@$VOLUME_PROVISIONER_LIB_VERSION"
  build_own_command pause "$PAUSE_BIN/pause"
}
