#!/usr/bin/env bash
# Starts the local single-node cluster (run as root by kubernetes.sh once its programs are built): the image
# registry, containerd, etcd, the control plane, CoreDNS, the volume provisioner, kube-proxy and the kubelet, and
# waits until the node is Ready. A running cluster is left as it is; what a killed run left is cleared first.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
. "$here/../versions.sh"
. "$here/env.sh"
. "$here/daemons.sh"
. "$here/host-state.sh"
. "$here/teardown.sh"
. "$here/config.sh"
. "$here/pki.sh"
. "$here/pause-image.sh"
. "$here/cluster-objects.sh"

pki=$K8S_PKI
kubectl() { "$KUBE_BIN/kubectl" --kubeconfig "$KUBECONFIG_PATH" "$@"; }
# node_ready [SINCE]: the node reports Ready, in a heartbeat no older than SINCE (the node's status from before a
# restart stays Ready for a while).
node_ready() {
  local ready
  ready=$(kubectl get node "$K8S_NODE_NAME" \
    -o 'jsonpath={range .status.conditions[?(@.type=="Ready")]}{.status} {.lastHeartbeatTime}{end}')
  [ "${ready% *}" = True ] && [[ ! ${ready#* } < ${1:-} ]]
}
healthz() { curl -fsk --max-time 2 "$1" >/dev/null; }

cluster_running() {
  local name
  for name in $CLUSTER_DAEMONS registry containerd; do daemon_alive "$name" || return 1; done
  healthz "https://127.0.0.1:$APISERVER_PORT/readyz" && node_ready ""
}

if cluster_running; then
  step kubernetes "the cluster is running (kubeconfig: $KUBECONFIG_PATH, context $K8S_CLUSTER_NAME)"
  exit 0
fi
if cluster_left_behind; then
  step kubernetes "clearing what an earlier run left (processes, mounts, iptables chains, state)"
  stop_cluster
fi

record_sysctls
record_host_paths
mkdir -p "$K8S_RUN/pids" "$K8S_LOGS" "$K8S_VOLUMES" "$K8S_REGISTRY_DATA" "$KUBELET_ROOT" "$K8S_DIR/pod-logs"
write_cluster_configs
ensure_cluster_pki
create_pod_bridge

if curl -fs --max-time 2 "http://$REGISTRY_ADDRESS/v2/" >/dev/null 2>&1; then
  fail kubernetes "another image registry already answers on $REGISTRY_ADDRESS" \
    "stop it (for Debian's service: systemctl disable --now docker-registry) and run the step again"
fi
step kubernetes "starting the image registry ($REGISTRY_ADDRESS) and containerd"
start_daemon registry docker-registry serve "$K8S_CONFIG/docker-registry.yml"
start_daemon containerd containerd --config "$K8S_CONFIG/containerd.toml"
wait_for containerd 30 ctr --address "$CONTAINERD_SOCKET" version
wait_for registry 30 curl -fs "http://$REGISTRY_ADDRESS/v2/"
ensure_pause_image

step kubernetes "starting etcd and kube-apiserver"
start_daemon etcd "$ETCD_BIN/etcd" --name "$K8S_NODE_NAME" --data-dir "$K8S_DIR/etcd" \
  --listen-client-urls "https://127.0.0.1:$ETCD_CLIENT_PORT" --advertise-client-urls "https://127.0.0.1:$ETCD_CLIENT_PORT" \
  --listen-peer-urls "https://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "https://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster "$K8S_NODE_NAME=https://127.0.0.1:$ETCD_PEER_PORT" \
  --cert-file "$pki/etcd/server.crt" --key-file "$pki/etcd/server.key" --trusted-ca-file "$pki/etcd/ca.crt" \
  --client-cert-auth --peer-cert-file "$pki/etcd/peer.crt" --peer-key-file "$pki/etcd/peer.key" \
  --peer-trusted-ca-file "$pki/etcd/ca.crt" --peer-client-cert-auth --snapshot-count 10000
# The apiserver listens on loopback only. It advertises the node's address, which the kubernetes Service
# points at (pods cannot reach the apiserver through it).
start_daemon kube-apiserver "$KUBE_BIN/kube-apiserver" --bind-address 127.0.0.1 --secure-port "$APISERVER_PORT" \
  --advertise-address "$POD_GATEWAY" \
  --etcd-servers "https://127.0.0.1:$ETCD_CLIENT_PORT" --etcd-cafile "$pki/etcd/ca.crt" \
  --etcd-certfile "$pki/apiserver-etcd-client.crt" --etcd-keyfile "$pki/apiserver-etcd-client.key" \
  --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" --client-ca-file "$pki/ca.crt" \
  --kubelet-client-certificate "$pki/apiserver-kubelet-client.crt" --kubelet-client-key "$pki/apiserver-kubelet-client.key" \
  --kubelet-preferred-address-types Hostname --authorization-mode Node,RBAC --enable-admission-plugins NodeRestriction \
  --allow-privileged --service-account-issuer "https://kubernetes.default.svc.$CLUSTER_DOMAIN" \
  --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
  --service-cluster-ip-range "$SERVICE_CIDR" --service-node-port-range "$NODE_PORT_RANGE" \
  --proxy-client-cert-file "$pki/front-proxy-client.crt" --proxy-client-key-file "$pki/front-proxy-client.key" \
  --requestheader-client-ca-file "$pki/front-proxy-ca.crt" --requestheader-allowed-names front-proxy-client \
  --requestheader-extra-headers-prefix X-Remote-Extra- --requestheader-group-headers X-Remote-Group \
  --requestheader-username-headers X-Remote-User
wait_for kube-apiserver 90 healthz "https://127.0.0.1:$APISERVER_PORT/readyz"
apply_cluster_objects

step kubernetes "starting the controller manager, scheduler, CoreDNS, volume provisioner, kube-proxy and kubelet"
component_auth() { echo --kubeconfig "$1" --authentication-kubeconfig "$1" --authorization-kubeconfig "$1"; }
# shellcheck disable=SC2046 # component_auth gives flags and a path without spaces
start_daemon kube-controller-manager "$KUBE_BIN/kube-controller-manager" $(component_auth "$K8S_CONFIG/controller-manager.conf") \
  --bind-address 127.0.0.1 --secure-port "$CONTROLLER_MANAGER_PORT" --leader-elect=false --controllers '*' \
  --cluster-name "$K8S_CLUSTER_NAME" --cluster-signing-cert-file "$pki/ca.crt" --cluster-signing-key-file "$pki/ca.key" \
  --root-ca-file "$pki/ca.crt" --service-account-private-key-file "$pki/sa.key" --use-service-account-credentials \
  --service-cluster-ip-range "$SERVICE_CIDR" --client-ca-file "$pki/ca.crt" \
  --requestheader-client-ca-file "$pki/front-proxy-ca.crt" --flex-volume-plugin-dir "$KUBELET_ROOT/volume-plugins"
# shellcheck disable=SC2046 # component_auth gives flags and a path without spaces
start_daemon kube-scheduler "$KUBE_BIN/kube-scheduler" $(component_auth "$K8S_CONFIG/scheduler.conf") \
  --bind-address 127.0.0.1 --secure-port "$SCHEDULER_PORT" --leader-elect=false
start_daemon coredns "$COREDNS_BIN/coredns" -conf "$K8S_CONFIG/Corefile"
start_daemon volume-provisioner "$PROVISIONER_BIN/volume-provisioner" --kubeconfig "$K8S_CONFIG/volume-provisioner.conf" \
  --directory "$K8S_VOLUMES" --node-name "$K8S_NODE_NAME" --provisioner-name "$VOLUME_PROVISIONER_NAME"
start_daemon kube-proxy "$KUBE_BIN/kube-proxy" --config "$K8S_CONFIG/kube-proxy.yaml"
kubelet_started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
# The node is named localhost so that the apiserver reaches the kubelet by a name that resolves here.
start_daemon kubelet "$KUBE_BIN/kubelet" --config "$K8S_CONFIG/kubelet.yaml" --kubeconfig "$K8S_CONFIG/kubelet.conf" \
  --root-dir "$KUBELET_ROOT" --cert-dir "$KUBELET_ROOT/pki" --hostname-override "$K8S_NODE_NAME" --node-ip "$POD_GATEWAY"

wait_for kubelet 90 node_ready "$kubelet_started"
wait_for kube-controller-manager 60 kubectl -n default get serviceaccount default
wait_for coredns 30 curl -fs "http://127.0.0.1:$COREDNS_READY_PORT/ready"
wait_for kube-proxy 30 curl -fs "http://127.0.0.1:$KUBE_PROXY_HEALTHZ_PORT/healthz"
wait_for kube-scheduler 30 healthz "https://127.0.0.1:$SCHEDULER_PORT/healthz"
[ -z "${KUBECONFIG_OWNER:-}" ] || chown "$KUBECONFIG_OWNER" "$KUBECONFIG_PATH"
step kubernetes "node $K8S_NODE_NAME is Ready: kubeconfig $KUBECONFIG_PATH, context $K8S_CLUSTER_NAME"
