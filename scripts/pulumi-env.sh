#!/usr/bin/env bash
# The environment `npm run up` and `npm run destroy` give the Pulumi CLI: the CLI in ~/.pulumi/bin, no update
# checks or plugin downloads, and a local file backend (no Pulumi Cloud account) unless the user chose another.
# Sourced, never run on its own.
. "$(dirname "${BASH_SOURCE[0]}")/toolchain/pulumi-home.sh"
if [ -z "${PULUMI_BACKEND_URL:-}" ] && ! pulumi whoami >/dev/null 2>&1; then
  export PULUMI_BACKEND_URL="file://~"
fi
# Dev stacks keep no secrets; an empty passphrase is what `pulumi stack init` accepts for them.
if [ -z "${PULUMI_CONFIG_PASSPHRASE+set}" ] && [ -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]; then
  export PULUMI_CONFIG_PASSPHRASE=""
fi
