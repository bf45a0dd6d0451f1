#!/usr/bin/env bash
# `npm run toolchain:kubernetes:stop`: ends every process of the local cluster (also those a killed run left),
# unmounts its volumes and container filesystems, removes the iptables chains and the bridge it added and puts
# back the kernel settings the kubelet and kube-proxy changed. The Docker engine is not touched. Certificates,
# etcd's data, images and volumes stay for the next start. Safe to run when nothing is running.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/versions.sh"
. "$here/kubernetes/env.sh"
. "$here/kubernetes/daemons.sh"
. "$here/kubernetes/host-state.sh"
. "$here/kubernetes/teardown.sh"

if [ "$(id -u)" -ne 0 ]; then
  need_root || fail kubernetes "stopping the cluster needs root" "run as root or install sudo"
  exec sudo env PATH="$PATH" KAFKA_PULUMI_CACHE="$TOOLCHAIN_CACHE" TOOLCHAIN_T0="$TOOLCHAIN_T0" bash "$0" "$@"
fi
if ! cluster_left_behind; then
  step kubernetes "the cluster is not running, nothing to stop"
  exit 0
fi
step kubernetes "stopping the cluster"
stop_cluster
step kubernetes "stopped; the host's sysctls, iptables chains and mounts are back as before the start"
