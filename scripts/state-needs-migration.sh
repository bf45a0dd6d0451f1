#!/usr/bin/env bash
# `bash scripts/state-needs-migration.sh STACK`, run by `npm run up` before scripts/migrate-state.ts: exits 1 when
# the stack's state is a local file without the docker provider's network resource (nothing to migrate, so the
# migration's Node start and `pulumi stack export` are skipped), 0 when it has one or cannot be read cheaply
# (another backend, no state file yet), so that the migration itself decides.
set -euo pipefail
stack=${1:?usage: state-needs-migration.sh STACK}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

backend=${PULUMI_BACKEND_URL:-}
if [ -z "$backend" ] && [ -f "${PULUMI_HOME:-$HOME/.pulumi}/credentials.json" ]; then
  backend=$(sed -n 's/.*"current": *"\([^"]*\)".*/\1/p' "${PULUMI_HOME:-$HOME/.pulumi}/credentials.json" | head -n 1)
fi
case "$backend" in
  file://*) ;;
  *) exit 0 ;;
esac
dir=${backend#file://}
dir=${dir%%\?*}
case "$dir" in
  \~ | \~/*) dir=$HOME${dir#\~} ;;
esac

project=$(sed -n 's/^name: *//p' "$root/Pulumi.yaml" | head -n 1)
for state in "$dir/.pulumi/stacks/$project/$stack.json" "$dir/.pulumi/stacks/$stack.json"; do
  if [ -f "$state" ]; then
    grep -q '"docker:index/network:Network"' "$state" && exit 0
    exit 1
  fi
  if [ -f "$state.gz" ]; then
    grep -q '"docker:index/network:Network"' <(gzip -dc "$state.gz") && exit 0
    exit 1
  fi
done
exit 0
