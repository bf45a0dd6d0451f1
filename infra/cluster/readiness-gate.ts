/**
 * A point in the deployment that waits until a set of server containers is ready (see readiness.ts),
 * instead of each container's own `wait`: the members of a set start together (KRaft brokers serve only
 * once a quorum of them runs), and what depends on the set waits here. Its inputs carry the containers'
 * ids, so it waits again whenever one of them was replaced.
 */
import type * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { dockerName, type DockerIdentity } from "../docker/identity";
import { actionProvider } from "../pulumi/action-provider";
import { containerHealth } from "../docker/container-health";
import { WAIT_TIMEOUT_SECONDS, waitUntilReady } from "./readiness";

interface GateState {
  containers: string[];
  containerIds: string[];
  bootstrapServers?: string;
  timeoutSeconds: number;
}

// The gate is only a wait: nothing to remove.
const gateProvider = actionProvider<GateState>(
  (inputs) => inputs.containers.join(","),
  (inputs) => waitUntilReady({ ...inputs, members: inputs.containers }, containerHealth),
);

export interface ReadinessGateArgs {
  /** Docker names of the containers to wait for. */
  containers: string[];
  /** Their ids: a new id is a replaced container, which the gate waits for. */
  containerIds: pulumi.Input<string>[];
  /** Host-side bootstrap list: also wait until no partition is under-replicated (brokers only). */
  bootstrapServers?: string;
  /** How long to wait before the update fails. */
  timeoutSeconds: number;
}

export class ReadinessGate extends pulumi.dynamic.Resource {
  constructor(name: string, args: ReadinessGateArgs, opts?: pulumi.CustomResourceOptions) {
    super(gateProvider, name, { ...args }, opts, "kafka", "ReadinessGate");
  }
}

export interface SetReadinessArgs {
  identity: DockerIdentity;
  /** Network aliases of the members, also their Docker name suffixes. */
  aliases: string[];
  containers: docker.Container[];
  /** Brokers: wait until no partition is under-replicated, too. */
  bootstrapServers?: string;
}

/** The gate `<name>-ready`, done once every member of a set is ready; what dependents wait for. */
export function setReadiness(name: string, args: SetReadinessArgs, parent: pulumi.Resource): ReadinessGate {
  return new ReadinessGate(
    `${name}-ready`,
    {
      containers: args.aliases.map((alias) => dockerName(args.identity, alias)),
      containerIds: args.containers.map((container) => container.id),
      bootstrapServers: args.bootstrapServers,
      timeoutSeconds: WAIT_TIMEOUT_SECONDS,
    },
    { parent },
  );
}
