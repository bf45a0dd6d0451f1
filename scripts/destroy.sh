#!/usr/bin/env bash
# `npm run destroy [-- STACK]`: removes every resource of the stack `npm run up` last brought up (or STACK).
# Data volumes (and the topics in them) survive only when the stack sets retainData and `pulumi up` ran since.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. scripts/toolchain/lib.sh
. scripts/pulumi-env.sh

stack=${1:-$(cat .pulumi-stack 2>/dev/null || echo dev)}
if grep -q '^ *kafka-pulumi:platform: *kubernetes' "Pulumi.$stack.yaml" 2>/dev/null; then
  # shellcheck source=kubernetes-target.sh
  . scripts/kubernetes-target.sh
  if on_local_cluster; then use_local_cluster; fi
fi
command -v pulumi >/dev/null 2>&1 || fail destroy "no pulumi CLI" "run 'npm run toolchain'"
step destroy "pulumi destroy of stack $stack"
if [ "$(pulumi config get retainData --stack "$stack" 2>/dev/null || true)" = true ]; then
  echo "retainData is true: volumes and topics are kept only if 'pulumi up' ran since it was set"
fi
pulumi destroy --yes --stack "$stack" || fail destroy "pulumi destroy failed (see above)" \
  "fix what it says and run 'npm run destroy' again"
step destroy "stack $stack destroyed; its config (Pulumi.$stack.yaml) is kept"
