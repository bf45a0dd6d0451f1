#!/usr/bin/env bash
# Writes the local cluster's configuration files (containerd, CNI, registry, kubelet, kube-proxy, CoreDNS) from
# env.sh's values; each start rewrites them, so a changed script takes effect on the next start.
# Sourced by start.sh, never run on its own.

write_containerd_config() {
  mkdir -p "$K8S_CONFIG/cni" "$K8S_CONFIG/registry-hosts/localhost:5000"
  # This instance's own root, state and socket leave the Docker engine's containerd untouched. Containers here
  # may not lower their OOM score (no CAP_SYS_RESOURCE), hence restrict_oom_score_adj.
  cat >"$K8S_CONFIG/containerd.toml" <<TOML
version = 2
root = "$CONTAINERD_ROOT"
state = "$K8S_RUN/containerd"
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs",
  "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.zfs"]

[grpc]
  address = "$CONTAINERD_SOCKET"

[plugins."io.containerd.internal.v1.opt"]
  path = "$CONTAINERD_ROOT/opt"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  restrict_oom_score_adj = true
  netns_mounts_under_state_dir = true
  stream_server_address = "127.0.0.1"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        Root = "$K8S_RUN/runc"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "$CNI_BIN_DIR"
    conf_dir = "$K8S_CONFIG/cni"
  [plugins."io.containerd.grpc.v1.cri".registry]
    config_path = "$K8S_CONFIG/registry-hosts"
TOML
  # Images named localhost:5000/... come from the local registry, over plain http.
  cat >"$K8S_CONFIG/registry-hosts/localhost:5000/hosts.toml" <<TOML
server = "http://$REGISTRY_ADDRESS"

[host."http://$REGISTRY_ADDRESS"]
  capabilities = ["pull", "resolve"]
TOML
}

write_cni_config() {
  # firewall admits the pods' traffic in FORWARD, whose policy the Docker engine sets to DROP.
  cat >"$K8S_CONFIG/cni/10-$CNI_NETWORK.conflist" <<JSON
{
  "cniVersion": "1.0.0",
  "name": "$CNI_NETWORK",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$POD_BRIDGE",
      "isGateway": true,
      "ipMasq": true,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "ranges": [[{ "subnet": "$POD_CIDR", "gateway": "$POD_GATEWAY" }]],
        "routes": [{ "dst": "0.0.0.0/0" }],
        "dataDir": "$K8S_RUN/ipam"
      }
    },
    { "type": "portmap", "capabilities": { "portMappings": true } },
    { "type": "firewall" }
  ]
}
JSON
}

write_registry_config() {
  cat >"$K8S_CONFIG/docker-registry.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $K8S_REGISTRY_DATA
  delete:
    enabled: true
http:
  addr: $REGISTRY_ADDRESS
YAML
}

write_kubelet_config() {
  # Image garbage collection is off: an image that cannot be pulled again must not be removed for disk space.
  cat >"$K8S_CONFIG/kubelet.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: 127.0.0.1
port: $KUBELET_PORT
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: $KUBELET_HEALTHZ_PORT
authentication:
  anonymous:
    enabled: false
  webhook:
    enabled: true
  x509:
    clientCAFile: $K8S_PKI/ca.crt
authorization:
  mode: Webhook
containerRuntimeEndpoint: unix://$CONTAINERD_SOCKET
cgroupDriver: cgroupfs
failCgroupV1: false
failSwapOn: false
clusterDNS: [$POD_GATEWAY]
clusterDomain: $CLUSTER_DOMAIN
podLogsDir: $K8S_DIR/pod-logs
volumePluginDir: $KUBELET_ROOT/volume-plugins
rotateCertificates: false
serializeImagePulls: false
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard:
  memory.available: 100Mi
  nodefs.available: 1%
  nodefs.inodesFree: 1%
  imagefs.available: 1%
YAML
}

write_kube_proxy_config() {
  # NodePorts answer on 127.0.0.1 (localhostNodePorts), which is how the host reaches brokers' external listeners.
  # Zero conntrack values leave the host's conntrack sysctls as they are.
  cat >"$K8S_CONFIG/kube-proxy.yaml" <<YAML
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: iptables
hostnameOverride: $K8S_NODE_NAME
clientConnection:
  kubeconfig: $K8S_CONFIG/kube-proxy.conf
clusterCIDR: $POD_CIDR
nodePortAddresses: [127.0.0.0/8]
iptables:
  localhostNodePorts: true
conntrack:
  maxPerCore: 0
  min: 0
  tcpEstablishedTimeout: 0s
  tcpCloseWaitTimeout: 0s
healthzBindAddress: 127.0.0.1:$KUBE_PROXY_HEALTHZ_PORT
metricsBindAddress: 127.0.0.1:$KUBE_PROXY_METRICS_PORT
YAML
}

write_corefile() {
  # CoreDNS runs on the host and answers the pods on their gateway address (the kubelet's clusterDNS).
  cat >"$K8S_CONFIG/Corefile" <<COREFILE
.:53 {
    bind $POD_GATEWAY
    errors
    ready 127.0.0.1:$COREDNS_READY_PORT
    loadbalance
    cache 30
    kubernetes $CLUSTER_DOMAIN in-addr.arpa ip6.arpa {
        kubeconfig $K8S_CONFIG/coredns.conf
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
    }
    forward . /etc/resolv.conf
}
COREFILE
}

write_cluster_configs() {
  mkdir -p "$K8S_CONFIG"
  write_containerd_config
  write_cni_config
  write_registry_config
  write_kubelet_config
  write_kube_proxy_config
  write_corefile
}
