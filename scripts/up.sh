#!/usr/bin/env bash
# `npm run up [-- STACK]`: installs what is missing (npm dependencies, toolchain, images), then brings the stack
# up (default dev; airgap when the official images can be neither found nor pulled) and prints its outputs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. scripts/toolchain/lib.sh

if [ ! -d node_modules/@pulumi/pulumi ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step up "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund >/dev/null || fail up "npm ci failed" "run 'npm ci' and read its output"
fi
bash scripts/toolchain/install.sh || fail up "the toolchain is not complete (see above)" \
  "install Pulumi and its docker plugin from pulumi.com, then run 'npm run up' again"

stack=${1:-dev}
if grep -q '^ *kafka-pulumi:platform: *kubernetes' "Pulumi.$stack.yaml" 2>/dev/null; then
  platform=kubernetes
  # shellcheck source=kubernetes-target.sh
  . scripts/kubernetes-target.sh
  kubernetes_up
else
  platform=docker
  stack=$(bash scripts/stack-choice.sh "$stack") || fail up "the stack's images are not available" "see above"
  [ "$stack" != airgap ] || bash images/build.sh || fail up "the air-gapped images did not build" "see above"
fi

. scripts/pulumi-env.sh
step up "pulumi up of stack $stack (backend ${PULUMI_BACKEND_URL:-$(pulumi whoami --verbose 2>/dev/null | sed -n 's/^Backend URL: //p')})"
pulumi stack select --create "$stack" >/dev/null
echo "$stack" >.pulumi-stack
# A stack brought up by an older version needs a one-time state migration; its local state file says cheaply
# whether it does, so that other ups skip the migration's Node start and state export.
if bash scripts/state-needs-migration.sh "$stack"; then
  migrated=$(node --import tsx scripts/migrate-state.ts "$stack") || fail up "the stack's state could not be migrated" \
    "read the error above; 'pulumi stack export --stack $stack' shows the state"
  [ -z "$migrated" ] || step up "$migrated"
fi
# The compiled program starts sooner; infra/entry.cjs runs it only while it is newer than its sources.
npm run -s build:program || fail up "the program did not compile" "fix what esbuild says above and run 'npm run up' again"
# --refresh: images/build.sh may have rebuilt a local image under the same tag; without reading the images'
# ids again, the state keeps the old id and the containers stay on the old image.
pulumi up --refresh --yes --stack "$stack" || fail up "pulumi up failed (see above)" "fix what it says and run 'npm run up' again"

step up "outputs of stack $stack"
pulumi stack output --stack "$stack"
if [ "$platform" = kubernetes ]; then
  namespace=$(pulumi stack output namespace --stack "$stack")
  consumer=$(pulumi stack output consumerWorkload --stack "$stack" 2>/dev/null || true)
  [ -z "$consumer" ] || echo "Follow the consumer: kubectl logs -f -n $namespace $consumer"
else
  consumer=$(pulumi stack output consumerContainer --stack "$stack" 2>/dev/null || true)
  [ -z "$consumer" ] || echo "Follow the consumer: docker logs -f $consumer"
fi
echo "Tear down:          npm run destroy"
