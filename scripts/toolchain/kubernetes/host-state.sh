#!/usr/bin/env bash
# What the cluster changes on the host beyond its own directories, and how the stop puts it back: kernel
# settings, iptables chains, cgroups, the pods' bridge. Sourced after env.sh, never run on its own.

# Set by the kubelet (kernel tunables it insists on), kube-proxy (route_localnet for NodePorts on 127.0.0.1,
# conntrack) and the CNI bridge plugin (forwarding).
CLUSTER_SYSCTLS="vm.overcommit_memory vm.panic_on_oom kernel.panic kernel.panic_on_oops kernel.keys.root_maxkeys
kernel.keys.root_maxbytes net.ipv4.conf.all.route_localnet net.ipv4.conf.default.route_localnet net.ipv4.ip_forward
net.ipv6.conf.all.forwarding net.bridge.bridge-nf-call-iptables net.bridge.bridge-nf-call-ip6tables
net.netfilter.nf_conntrack_max net.netfilter.nf_conntrack_tcp_timeout_established
net.netfilter.nf_conntrack_tcp_timeout_close_wait"
SYSCTL_RECORD=$K8S_RUN/sysctl-originals
# Folders the kubelet and the CNI library make at fixed places (the device plugins' socket, container log links,
# the CNI result cache); those that did not exist before the first start are removed by the stop.
HOST_PATHS="/var/lib/kubelet /var/log/containers /var/lib/cni"
HOST_PATHS_RECORD=$K8S_RUN/host-paths-created

# record_sysctls: keeps the host's values from before the first start; a record left by a killed run stays,
# since the values now in force may be the cluster's.
record_sysctls() {
  [ -s "$SYSCTL_RECORD" ] && return 0
  mkdir -p "$K8S_RUN"
  local key value
  for key in $CLUSTER_SYSCTLS; do
    value=$(sysctl -n "$key" 2>/dev/null) && printf '%s=%s\n' "$key" "$value"
  done >"$SYSCTL_RECORD.tmp"
  mv "$SYSCTL_RECORD.tmp" "$SYSCTL_RECORD"
}

record_host_paths() {
  [ -e "$HOST_PATHS_RECORD" ] && return 0
  mkdir -p "$K8S_RUN"
  local path
  for path in $HOST_PATHS; do [ -e "$path" ] || echo "$path"; done >"$HOST_PATHS_RECORD"
}

remove_created_host_paths() {
  [ -e "$HOST_PATHS_RECORD" ] || return 0
  local path
  while IFS= read -r path; do rm -rf "$path"; done <"$HOST_PATHS_RECORD"
  rm -f "$HOST_PATHS_RECORD"
}

restore_sysctls() {
  [ -s "$SYSCTL_RECORD" ] || return 0
  local line
  while IFS= read -r line; do
    [ "$(sysctl -n "${line%%=*}" 2>/dev/null)" = "${line#*=}" ] || sysctl -q -w "$line" >/dev/null || true
  done <"$SYSCTL_RECORD"
  rm -f "$SYSCTL_RECORD"
}

# remove_cluster_chains: the iptables chains of the kubelet and kube-proxy (KUBE-*) and of the CNI plugins
# (CNI-*), and the rules of other chains that jump to them, rule by rule so that the Docker engine's rules,
# which it may change meanwhile, are left alone.
remove_cluster_chains() {
  local ipt table rules rule
  for ipt in iptables ip6tables; do
    command -v "$ipt" >/dev/null 2>&1 || continue
    for table in filter nat mangle raw; do
      rules=$("$ipt" -w -t "$table" -S 2>/dev/null) || continue
      # -S quotes and escapes like the shell (comments such as "name: \"kafka-pulumi\""), so the rule is read
      # back by the shell; a rule with $ or ` in it is no rule of ours and is never evaluated.
      while IFS= read -r rule; do
        [[ $rule == *[\$\`]* ]] && continue
        eval "\"\$ipt\" -w -t \"\$table\" -D ${rule#-A }" 2>/dev/null || true
      done < <(grep -E -- '^-A .* -j (KUBE|CNI)-' <<<"$rules" | grep -vE '^-A (KUBE|CNI)-')
      grep -oE '^-N (KUBE|CNI)-[^ ]+' <<<"$rules" | cut -c4- | xargs -r -n 1 "$ipt" -w -t "$table" -F 2>/dev/null || true
      grep -oE '^-N (KUBE|CNI)-[^ ]+' <<<"$rules" | cut -c4- | xargs -r -n 1 "$ipt" -w -t "$table" -X 2>/dev/null || true
    done
  done
}

# remove_pod_cgroups: the kubelet's cgroup tree (kubepods) and everything under it, once no process is left in it.
remove_pod_cgroups() {
  local tree
  find /sys/fs/cgroup -maxdepth 2 -type d -name kubepods 2>/dev/null | while IFS= read -r tree; do
    find "$tree" -depth -type d -exec rmdir {} + 2>/dev/null || true
  done
}

# create_pod_bridge: the pods' bridge with the gateway address, made before CoreDNS listens on that address; the
# CNI bridge plugin adopts it.
create_pod_bridge() {
  ip link show "$POD_BRIDGE" >/dev/null 2>&1 || ip link add "$POD_BRIDGE" type bridge
  ip -4 addr show dev "$POD_BRIDGE" | grep -q "inet $POD_GATEWAY/" ||
    ip addr add "$POD_GATEWAY/${POD_CIDR#*/}" dev "$POD_BRIDGE"
  ip link set "$POD_BRIDGE" up
}

remove_pod_bridge() {
  ip link show "$POD_BRIDGE" >/dev/null 2>&1 || return 0
  ip link delete "$POD_BRIDGE" || true
}
