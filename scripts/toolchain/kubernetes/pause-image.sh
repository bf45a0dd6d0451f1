#!/usr/bin/env bash
# The pod sandbox image: no registry that serves the upstream pause image is reachable, so the pause binary built
# here is packed as a one-layer OCI image and imported into the cluster's containerd.
# Sourced by start.sh after env.sh, never run on its own.

ctr_k8s() { ctr --address "$CONTAINERD_SOCKET" --namespace k8s.io "$@"; }

# oci_blob DIR FILE: moves FILE into DIR's blob store and prints its digest and size as a descriptor's fields.
oci_blob() {
  local digest size
  digest=$(sha256sum "$2" | cut -c1-64)
  size=$(stat -c %s "$2")
  mv "$2" "$1/blobs/sha256/$digest"
  printf '"digest": "sha256:%s", "size": %s' "$digest" "$size"
}

ensure_pause_image() {
  [ -n "$(ctr_k8s images ls -q "name==$PAUSE_IMAGE")" ] && return 0
  local work layer diff_id arch config manifest
  work=$(mktemp -d)
  mkdir -p "$work/root" "$work/oci/blobs/sha256"
  cp "$PAUSE_BIN/pause" "$work/root/pause"
  tar -C "$work/root" --numeric-owner --owner=0 --group=0 --mtime=@0 -cf "$work/layer.tar" pause
  diff_id=$(sha256sum "$work/layer.tar" | cut -c1-64)
  case $(uname -m) in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
  layer=$(oci_blob "$work/oci" "$work/layer.tar")
  printf '{"architecture": "%s", "os": "linux", "config": {"Entrypoint": ["/pause"], "User": "65535:65535"},
    "rootfs": {"type": "layers", "diff_ids": ["sha256:%s"]}}' "$arch" "$diff_id" >"$work/config.json"
  config=$(oci_blob "$work/oci" "$work/config.json")
  printf '{"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.oci.image.config.v1+json", %s},
    "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", %s}]}' "$config" "$layer" >"$work/manifest.json"
  manifest=$(oci_blob "$work/oci" "$work/manifest.json")
  printf '{"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", %s,
    "annotations": {"io.containerd.image.name": "%s"}}]}' "$manifest" "$PAUSE_IMAGE" >"$work/oci/index.json"
  printf '{"imageLayoutVersion": "1.0.0"}' >"$work/oci/oci-layout"
  tar -C "$work/oci" -cf "$work/pause.tar" .
  ctr_k8s images import "$work/pause.tar" >>"$K8S_LOGS/containerd.log" 2>&1 ||
    fail kubernetes "could not import the pause image into containerd (see $K8S_LOGS/containerd.log)" \
      "read the log, then 'npm run toolchain:kubernetes:stop' and start again"
  rm -rf "$work"
}
