#!/usr/bin/env bash
# Toolchain step `kubernetes` (not part of the default toolchain): a local single-node Kubernetes cluster that
# the Kafka stack and its end-to-end tests run on, made from package registries only. Kubernetes, etcd, CoreDNS,
# a volume provisioner and the pause binary are built from the Go module proxy (cached, so a second run takes
# seconds); containerd, runc, the CNI plugins, conntrack, iptables and an image registry come from Debian. Also
# installs Pulumi's kubernetes resource plugin. Stop it with `npm run toolchain:kubernetes:stop`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/versions.sh"
. "$here/go-build.sh"
. "$here/kubernetes/env.sh"
. "$here/kubernetes/build.sh"

[ "$(uname -s)" = Linux ] || fail kubernetes "the local cluster runs on Linux only" "use a Linux machine or VM"
need_root || fail kubernetes "the cluster's containerd, kubelet and kube-proxy need root" "run as root or install sudo"
had_registry=$(command -v docker-registry || true)
ensure_commands kubernetes /usr/bin/containerd=containerd /usr/sbin/runc=runc "$CNI_BIN_DIR/firewall=containernetworking-plugins" \
  /usr/sbin/conntrack=conntrack /usr/sbin/iptables=iptables /usr/bin/docker-registry=docker-registry
# Only the registry's program is wanted: where installing the package started its service (systemd), that
# service would hold port 5000 with a configuration of its own.
if [ -z "$had_registry" ] && command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet docker-registry 2>/dev/null; then
  step kubernetes "disabling the docker-registry service the package started (the cluster runs its own)"
  as_root systemctl disable --now docker-registry >/dev/null 2>&1 || true
fi

build_cluster_programs
mkdir -p "$K8S_TOOLS"
ln -sfn "$KUBE_BIN/kubectl" "$K8S_TOOLS/kubectl"
bash "$here/kubernetes-plugin.sh"

# Only starting the cluster needs root; the builds and the plugin belong to the user who runs the step.
as_root env PATH="$PATH" KAFKA_PULUMI_CACHE="$TOOLCHAIN_CACHE" TOOLCHAIN_T0="$TOOLCHAIN_T0" \
  KUBECONFIG_OWNER="$(id -u):$(id -g)" bash "$here/kubernetes/start.sh"
