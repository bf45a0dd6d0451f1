#!/usr/bin/env bash
# Ends the local cluster and gives the host back as it was: used by the stop command, and by the start to clear
# what a killed run left behind. Keeps what a next start reuses (certificates, etcd data, images, volumes).
# Sourced after env.sh, daemons.sh and host-state.sh, never run on its own.

# cluster_mounts: mount points under the cluster's directories (the kubelet's root, pod volumes, container root
# filesystems, network namespaces), deepest first.
cluster_mounts() {
  awk -v dir="$K8S_DIR" -v run="$K8S_RUN" '{
    m = $5
    if (m == dir || index(m, dir "/") == 1 || m == run || index(m, run "/") == 1) print length(m), m
  }' /proc/self/mountinfo | sort -rn | cut -d' ' -f2-
}

unmount_cluster() {
  local mount
  for _ in 1 2 3 4 5; do
    [ -n "$(cluster_mounts)" ] || return 0
    while IFS= read -r mount; do
      umount "$mount" 2>/dev/null || umount -l "$mount" 2>/dev/null || true
    done < <(cluster_mounts)
  done
  [ -z "$(cluster_mounts)" ] || step kubernetes "WARNING: still mounted: $(cluster_mounts | tr '\n' ' ')"
}

# cluster_left_behind: anything of a cluster run is on the host (running or left by a killed run).
# remove_shim_sockets: the shims' sockets lie in containerd's fixed folder, named by a digest of this containerd's
# address, the namespace and the task; the task folders of the state directory name them.
remove_shim_sockets() {
  local task namespace digest
  for task in "$K8S_RUN"/containerd/io.containerd.runtime.v2.task/*/*; do
    [ -d "$task" ] || continue
    namespace=$(basename "$(dirname "$task")")
    digest=$(printf '%s' "$CONTAINERD_SOCKET/$namespace/${task##*/}" | sha256sum | cut -c1-64)
    rm -f "/run/containerd/s/$digest"
  done
}

cluster_left_behind() {
  [ -e "$K8S_RUN" ] || [ -n "$(cluster_processes)" ] || [ -n "$(cluster_mounts)" ] ||
    ip link show "$POD_BRIDGE" >/dev/null 2>&1 ||
    find /sys/fs/cgroup -maxdepth 2 -type d -name kubepods 2>/dev/null | grep -q .
}

stop_cluster() {
  # The kubelet first, so that it restarts no container; then the pods, given time to end cleanly; then the other
  # daemons. The containerd shims only wait for containerd to collect them, so they are killed.
  # shellcheck disable=SC2046 # one pid per word
  end_processes 10 $(cluster_processes kubelet)
  # shellcheck disable=SC2046
  end_processes 10 $(pod_processes)
  # shellcheck disable=SC2046 # etcd last: the apiserver does not end while it waits for etcd
  end_processes 10 $(cluster_processes "${CLUSTER_DAEMONS/etcd/}" containerd docker-registry)
  # shellcheck disable=SC2046
  end_processes 10 $(cluster_processes etcd)
  # shellcheck disable=SC2046
  end_processes 0 $(cluster_processes)
  unmount_cluster
  remove_pod_bridge
  remove_cluster_chains
  remove_pod_cgroups
  restore_sysctls
  remove_created_host_paths
  # Files the CNI library and the kubelet keep outside the cluster's directories.
  local result id
  for result in /var/lib/cni/results/"$CNI_NETWORK"-*; do
    [ -e "$result" ] || continue
    id=${result#*/"$CNI_NETWORK"-}
    rm -f "$result" "/var/lib/cni/results/cni-loopback-${id%-*}-lo"
  done
  find /var/log/containers -maxdepth 1 -type l -lname "$K8S_DIR/*" -delete 2>/dev/null || true
  remove_shim_sockets
  rm -rf "$K8S_RUN"
}
