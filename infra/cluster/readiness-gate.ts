/**
 * A point in the deployment that waits until a set of server containers is ready (see readiness.ts),
 * instead of each container's own `wait`: the members of a set start together (KRaft brokers serve only
 * once a quorum of them runs), and what depends on the set waits here. Its inputs carry the containers'
 * ids, so it waits again whenever one of them was replaced.
 */
import * as pulumi from "@pulumi/pulumi";
import { actionProvider } from "../pulumi/action-provider";
import { probedHealth, type MemberProbe } from "../docker/container-health";
import { waitUntilReady } from "./readiness";
import { dynamicProvider, KafkaDynamicResource } from "../pulumi/dynamic-resource";

interface GateState {
  containers: string[];
  probes: Record<string, MemberProbe>;
  containerIds: string[];
  bootstrapServers?: string;
  timeoutSeconds: number;
  changesOnly?: boolean;
}

// The gate is only a wait: nothing to remove.
const gateProvider = actionProvider<GateState>(
  (inputs) => inputs.containers.join(","),
  (inputs) => waitUntilReady({ ...inputs, members: inputs.containers }, probedHealth(inputs.probes)),
  (inputs) => inputs.changesOnly !== true,
);

export interface ReadinessGateArgs {
  /** Docker names of the containers to wait for. */
  containers: string[];
  /** How each container, by Docker name, is asked whether it serves. */
  probes: Record<string, MemberProbe>;
  /** Their ids: a new id is a replaced container, which the gate waits for. */
  containerIds: pulumi.Input<string>[];
  /** Host-side bootstrap list: also wait until no partition is under-replicated (brokers only). */
  bootstrapServers?: string;
  /** How long to wait before the update fails. */
  timeoutSeconds: number;
  /**
   * Wait only when a member was replaced, not when the set is created: for a set nothing waits for at the start,
   * whose polling would only take CPU from the servers while they start.
   */
  changesOnly?: boolean;
}

const readinessGateResource = dynamicProvider("ReadinessGate", gateProvider);

export class ReadinessGate extends KafkaDynamicResource {
  constructor(name: string, args: ReadinessGateArgs, opts?: pulumi.CustomResourceOptions) {
    super(readinessGateResource, name, { ...args }, opts);
  }
}
