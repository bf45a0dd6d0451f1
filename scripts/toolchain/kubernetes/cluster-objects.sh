#!/usr/bin/env bash
# The objects every start applies to the cluster: the roles of the apiserver towards kubelets and of the host-run
# CoreDNS and volume provisioner, and the default StorageClass. Sourced by start.sh after env.sh, never run on its own.

cluster_objects() {
  cat <<YAML
# The apiserver's client certificate for kubelets (logs, exec, port-forward), as kubeadm's own setup binds it.
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: kafka-pulumi:apiserver-kubelet-client
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:kubelet-api-admin }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: User, name: kube-apiserver-kubelet-client }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: kafka-pulumi:coredns
rules:
  - apiGroups: [""]
    resources: [endpoints, services, pods, namespaces]
    verbs: [list, watch]
  - apiGroups: [discovery.k8s.io]
    resources: [endpointslices]
    verbs: [list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: kafka-pulumi:coredns
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: kafka-pulumi:coredns }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: User, name: kafka-pulumi:coredns }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: kafka-pulumi:volume-provisioner
rules:
  - apiGroups: [""]
    resources: [persistentvolumes]
    verbs: [get, list, watch, create, delete, update, patch]
  - apiGroups: [""]
    resources: [persistentvolumeclaims]
    verbs: [get, list, watch, update, patch]
  - apiGroups: [""]
    resources: [nodes]
    verbs: [get, list, watch]
  - apiGroups: [storage.k8s.io]
    resources: [storageclasses]
    verbs: [get, list, watch]
  - apiGroups: ["", events.k8s.io]
    resources: [events]
    verbs: [create, update, patch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: kafka-pulumi:volume-provisioner
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: kafka-pulumi:volume-provisioner }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: User, name: kafka-pulumi:volume-provisioner }
---
# Claims wait for their pod, so the volume is made where the pod runs; deleting a claim deletes its directory.
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: $STORAGE_CLASS
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: $VOLUME_PROVISIONER_NAME
reclaimPolicy: Delete
volumeBindingMode: WaitForFirstConsumer
YAML
}

apply_cluster_objects() {
  cluster_objects | "$KUBE_BIN/kubectl" --kubeconfig "$KUBECONFIG_PATH" apply -f - >>"$K8S_LOGS/kubectl.log" 2>&1 ||
    fail kubernetes "kubectl apply of the cluster's roles and StorageClass failed (see $K8S_LOGS/kubectl.log)" \
      "read the log; the apiserver's log is $K8S_LOGS/kube-apiserver.log"
}
