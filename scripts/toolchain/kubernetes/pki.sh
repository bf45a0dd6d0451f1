#!/usr/bin/env bash
# The local cluster's certificates and kubeconfigs, made by kubeadm's own phases (the layout every kubeadm
# cluster has) once, and kept across stops. Sourced by start.sh, never run on its own.

KUBEADM_CONFIG=$K8S_CONFIG/kubeadm.yaml

write_kubeadm_config() {
  # A local cluster that is rebuilt at will: certificates last ten years rather than kubeadm's one. kubeadm
  # refuses a loopback advertise address; the pods' gateway is the node's address (see start.sh).
  cat >"$KUBEADM_CONFIG" <<YAML
apiVersion: kubeadm.k8s.io/v1beta4
kind: InitConfiguration
localAPIEndpoint:
  advertiseAddress: $POD_GATEWAY
  bindPort: $APISERVER_PORT
nodeRegistration:
  name: $K8S_NODE_NAME
---
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
clusterName: $K8S_CLUSTER_NAME
kubernetesVersion: $KUBERNETES_VERSION
certificatesDir: $K8S_PKI
controlPlaneEndpoint: 127.0.0.1:$APISERVER_PORT
certificateValidityPeriod: 87600h
networking:
  dnsDomain: $CLUSTER_DOMAIN
  serviceSubnet: $SERVICE_CIDR
  podSubnet: $POD_CIDR
apiServer:
  certSANs: [localhost, 127.0.0.1]
etcd:
  local:
    serverCertSANs: [localhost, 127.0.0.1]
    peerCertSANs: [localhost, 127.0.0.1]
YAML
}

# user_kubeconfig FILE USER [GROUP]: a kubeconfig with a client certificate for USER (in GROUP), signed by the CA.
user_kubeconfig() {
  local out=$1 user=$2 group=${3:-}
  [ -s "$out" ] && return 0
  "$KUBE_BIN/kubeadm" kubeconfig user --config "$KUBEADM_CONFIG" --client-name "$user" ${group:+--org "$group"} \
    --validity-period 87600h >"$out.tmp" 2>>"$K8S_LOGS/kubeadm.log" && mv "$out.tmp" "$out"
}

ensure_cluster_pki() {
  local kubeadm=$KUBE_BIN/kubeadm log=$K8S_LOGS/kubeadm.log c
  for c in "$K8S_PKI/sa.key" "$K8S_PKI/etcd/server.crt" "$KUBECONFIG_PATH" "$K8S_CONFIG"/{controller-manager,scheduler,kubelet,kube-proxy,coredns,volume-provisioner}.conf; do
    [ -s "$c" ] || break
  done
  [ -s "$c" ] && return 0
  mkdir -p "$K8S_PKI" "$K8S_CONFIG" "$K8S_LOGS"
  write_kubeadm_config
  # Both phases keep the files that exist, so this only fills in what is missing.
  "$kubeadm" init phase certs all --config "$KUBEADM_CONFIG" >>"$log" 2>&1 ||
    fail kubernetes "kubeadm could not make the cluster's certificates (see $log)" "remove $K8S_PKI and start again"
  for c in controller-manager scheduler kubelet; do
    [ -s "$K8S_CONFIG/$c.conf" ] && continue
    # kubeadm points these at the advertise address; the apiserver listens on loopback only.
    { "$kubeadm" init phase kubeconfig "$c" --config "$KUBEADM_CONFIG" --kubeconfig-dir "$K8S_CONFIG" &&
      "$KUBE_BIN/kubectl" config set-cluster "$K8S_CLUSTER_NAME" --kubeconfig "$K8S_CONFIG/$c.conf" \
        --server "https://127.0.0.1:$APISERVER_PORT"; } >>"$log" 2>&1 ||
      fail kubernetes "kubeadm could not write the $c kubeconfig (see $log)" "remove $K8S_CONFIG and start again"
  done
  # system:kube-proxy is bound to its role by Kubernetes' bootstrap RBAC; the others by manifests/rbac.yaml.
  if ! user_kubeconfig "$K8S_CONFIG/kube-proxy.conf" system:kube-proxy ||
    ! user_kubeconfig "$K8S_CONFIG/coredns.conf" kafka-pulumi:coredns ||
    ! user_kubeconfig "$K8S_CONFIG/volume-provisioner.conf" kafka-pulumi:volume-provisioner; then
    fail kubernetes "kubeadm could not write the components' kubeconfigs (see $log)" "remove $K8S_CONFIG and start again"
  fi
  if [ ! -s "$KUBECONFIG_PATH" ]; then
    user_kubeconfig "$KUBECONFIG_PATH.admin" kafka-pulumi-admin system:masters ||
      fail kubernetes "kubeadm could not write the admin kubeconfig (see $log)" "remove $K8S_CONFIG and start again"
    # The context is named after the cluster, the name users and the Pulumi program select.
    KUBECONFIG=$KUBECONFIG_PATH.admin "$KUBE_BIN/kubectl" config rename-context \
      "kafka-pulumi-admin@$K8S_CLUSTER_NAME" "$K8S_CLUSTER_NAME" >/dev/null ||
      fail kubernetes "could not name the admin kubeconfig's context" "remove $KUBECONFIG_PATH.admin and start again"
    mv "$KUBECONFIG_PATH.admin" "$KUBECONFIG_PATH"
  fi
}
