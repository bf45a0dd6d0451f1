#!/usr/bin/env bash
# The Kubernetes side of `npm run up` and `npm run destroy` for a stack with platform kubernetes. A stack that names
# no cluster (no kubernetes:kubeconfig in its file, no KUBECONFIG) runs on the local cluster: `kubernetes_up`
# starts it (npm run toolchain -- kubernetes), builds the air-gapped images and pushes the Kafka image to the
# cluster's registry; `use_local_cluster` exports its KUBECONFIG and kubectl. A stack that names a cluster only
# gets the kubernetes plugin: its images are the user's to provide.
# Sourced by up.sh and destroy.sh after lib.sh, with $stack set; never run on its own.
: "${stack:?the stack to bring up}"

# stack_setting KEY: the stack file's value of kafka-pulumi:KEY (or KEY as given, e.g. kubernetes:kubeconfig),
# else Pulumi.yaml's default, else empty.
stack_setting() {
  node -e '
    const { load } = require("js-yaml");
    const fs = require("node:fs");
    const read = (file) => (fs.existsSync(file) ? load(fs.readFileSync(file, "utf8")) ?? {} : {});
    const key = process.argv[3].includes(":") ? process.argv[3] : "kafka-pulumi:" + process.argv[3];
    const declared = read(process.argv[1]).config?.[key.replace("kafka-pulumi:", "")]?.default;
    console.log(read(process.argv[2]).config?.[key] ?? declared ?? "");
  ' Pulumi.yaml "Pulumi.$stack.yaml" "$1"
}

# Images the local cluster pulls from its registry: each kafkaImage of the form localhost:5000/<local image>.
push_to_local_registry() {
  local image local_image
  image=$(stack_setting kafkaImage)
  local_image=${image#localhost:5000/}
  [ "$local_image" != "$image" ] || return 0
  step up "pushing $local_image to the local cluster's registry as $image"
  if ! { docker tag "$local_image" "$image" && docker push -q "$image" >/dev/null; }; then
    fail up "could not push $image" "is the local cluster's registry running? npm run toolchain -- kubernetes"
  fi
}

# Whether the stack names no cluster of its own, so that it runs on the local one.
on_local_cluster() {
  [ -z "${KUBECONFIG:-}" ] && [ -z "$(stack_setting kubernetes:kubeconfig)" ]
}

# Points kubectl and the kubernetes provider at the local cluster.
use_local_cluster() {
  # shellcheck source=toolchain/versions.sh
  . scripts/toolchain/versions.sh
  # shellcheck source=toolchain/kubernetes/env.sh
  . scripts/toolchain/kubernetes/env.sh
  export KUBECONFIG=$KUBECONFIG_PATH
  export PATH=$K8S_TOOLS:$PATH
}

kubernetes_up() {
  if on_local_cluster; then
    bash scripts/toolchain/install.sh kubernetes || fail up "the local Kubernetes cluster did not start (see above)" \
      "read the step's message, or point the stack at your cluster: pulumi config set kubernetes:kubeconfig PATH"
    bash images/build.sh || fail up "the air-gapped images did not build" "see above"
    push_to_local_registry
    use_local_cluster
    step up "using the local Kubernetes cluster (KUBECONFIG=$KUBECONFIG)"
  else
    bash scripts/toolchain/install.sh kubernetes-plugin || fail up "the Pulumi kubernetes plugin is missing (see above)" \
      "pulumi plugin install resource kubernetes $(node -p 'require("./package.json").dependencies["@pulumi/kubernetes"]')"
  fi
}
