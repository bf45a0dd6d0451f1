/**
 * A point in the deployment that waits until server containers are ready (see readiness.ts). Its
 * inputs carry the containers' ids, so it runs again whenever one of them was replaced:
 * - a roll gate (waitOnCreate false) sits between two brokers or ZooKeeper nodes: the next one is
 *   replaced only once this one is back, and a new cluster still starts all of them at once;
 * - a readiness gate (waitOnCreate true) after all of them is what `pulumi up` waits for.
 */
import * as pulumi from "@pulumi/pulumi";
import { waitUntilReady } from "./readiness";

interface GateState {
  containers: string[];
  containerIds: string[];
  bootstrapServers?: string;
  waitOnCreate: boolean;
  timeoutSeconds: number;
}

const gateProvider: pulumi.dynamic.ResourceProvider<GateState, GateState> = {
  async create(inputs) {
    if (inputs.waitOnCreate) await waitUntilReady(inputs);
    return { id: inputs.containers.join(","), outs: inputs };
  },

  async diff(_id, olds, news) {
    return {
      changes: JSON.stringify(olds) !== JSON.stringify(news),
      replaces: [],
      deleteBeforeReplace: false,
    };
  },

  async update(_id, _olds, news) {
    await waitUntilReady(news);
    return { outs: news };
  },

  // Nothing to remove: the gate is only a wait.
  async delete() {},
};

export interface ReadinessGateArgs {
  /** Docker names of the containers to wait for. */
  containers: string[];
  /** Their ids: a new id is a replaced container, which the gate waits for. */
  containerIds: pulumi.Input<string>[];
  /** Host-side bootstrap list: also wait until no partition is under-replicated (brokers only). */
  bootstrapServers?: string;
  /** Whether creating the gate waits too (the cluster's readiness), or only a later update (a roll gate). */
  waitOnCreate: boolean;
  /** How long to wait before the update fails. */
  timeoutSeconds: number;
}

export class ReadinessGate extends pulumi.dynamic.Resource {
  constructor(name: string, args: ReadinessGateArgs, opts?: pulumi.CustomResourceOptions) {
    super(gateProvider, name, { ...args }, opts, "kafka", "ReadinessGate");
  }
}
