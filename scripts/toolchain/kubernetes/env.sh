#!/usr/bin/env bash
# The local cluster's layout and addresses, defined once for the start, the stop and the builds.
# Sourced after lib.sh and versions.sh, never run on its own.
# shellcheck disable=SC2034 # the variables set here are read by the scripts that source this file

# Builds, one folder per pinned version, so a version bump builds anew and a second run reuses everything.
K8S_BUILDS=$TOOLCHAIN_CACHE/go
KUBE_BIN=$K8S_BUILDS/kubernetes-$KUBERNETES_VERSION/bin
ETCD_BIN=$K8S_BUILDS/etcd-$ETCD_VERSION/bin
COREDNS_BIN=$K8S_BUILDS/coredns-$COREDNS_VERSION/bin
PROVISIONER_BIN=$K8S_BUILDS/volume-provisioner/bin
PAUSE_BIN=$K8S_BUILDS/pause/bin

# What survives a stop: certificates, etcd's data, images, volumes, logs. Runtime state lives under /run, which
# a reboot empties together with everything a running cluster holds (mounts, sysctls, iptables).
K8S_DIR=$TOOLCHAIN_CACHE/kubernetes
K8S_PKI=$K8S_DIR/pki
K8S_CONFIG=$K8S_DIR/config
K8S_LOGS=$K8S_DIR/logs
K8S_VOLUMES=$K8S_DIR/volumes
K8S_REGISTRY_DATA=$K8S_DIR/registry
KUBELET_ROOT=$K8S_DIR/kubelet
CONTAINERD_ROOT=$K8S_DIR/containerd
KUBECONFIG_PATH=$K8S_DIR/kubeconfig
# kubectl at a path that does not change with the pinned version, for users' PATH and the tests.
K8S_TOOLS=$K8S_DIR/bin
K8S_RUN=/run/kafka-pulumi-kubernetes
CONTAINERD_SOCKET=$K8S_RUN/containerd.sock

K8S_CLUSTER_NAME=kafka-pulumi-local
K8S_NODE_NAME=localhost
APISERVER_PORT=6443
ETCD_CLIENT_PORT=2379
ETCD_PEER_PORT=2380
REGISTRY_ADDRESS=127.0.0.1:5000
# NodePorts: Kubernetes' default range plus 9000-29999, where brokers take theirs from hostPortBase. The
# components' own ports sit below it, so that no NodePort on 127.0.0.1 can shadow them.
NODE_PORT_RANGE=9000-32767
KUBELET_PORT=7250
KUBELET_HEALTHZ_PORT=7248
KUBE_PROXY_HEALTHZ_PORT=7256
KUBE_PROXY_METRICS_PORT=7249
CONTROLLER_MANAGER_PORT=7257
SCHEDULER_PORT=7259
COREDNS_READY_PORT=7181

POD_CIDR=10.244.0.0/16
SERVICE_CIDR=10.96.0.0/16
# The pods' bridge; its address is the pods' gateway and the address CoreDNS answers on.
POD_BRIDGE=kafka-k8s0
POD_GATEWAY=10.244.0.1
CLUSTER_DOMAIN=cluster.local
CNI_NETWORK=kafka-pulumi
CNI_BIN_DIR=/usr/lib/cni
PAUSE_IMAGE=localhost/kafka-pulumi/pause:1
STORAGE_CLASS=local-directory
VOLUME_PROVISIONER_NAME=kafka-pulumi.local/local-directory
