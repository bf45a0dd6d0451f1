#!/usr/bin/env bash
# Where the official installer puts Pulumi: the CLI and its bundled plugins in $PULUMI_HOME/bin.
# Sourced, never run on its own.
PULUMI_HOME=${PULUMI_HOME:-$HOME/.pulumi}
PULUMI_BIN=$PULUMI_HOME/bin
export PULUMI_HOME
case ":$PATH:" in *":$PULUMI_BIN:"*) ;; *) PATH=$PULUMI_BIN:$PATH ;; esac
export PATH
export PULUMI_SKIP_UPDATE_CHECK=${PULUMI_SKIP_UPDATE_CHECK:-true}
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=${PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION:-true}
