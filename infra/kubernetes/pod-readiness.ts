/**
 * The Docker platform's readiness rule on Kubernetes (cluster/readiness.ts): a broker is ready once its pod
 * is Ready at its current revision and no partition is under-replicated. The gate `<name>-ready` waits for
 * every broker (what topics and apps wait for); the turn `<name>-N-rolled` waits for broker N before broker
 * N+1 changes. A turn that is created waits for nothing, so a new cluster starts every broker at once.
 */
import * as pulumi from "@pulumi/pulumi";
import { actionProvider } from "../pulumi/action-provider";
import { waitUntilReady } from "../cluster/readiness";
import { podReadiness, type KubeAccess } from "./kubectl";
import { dynamicProvider, KafkaDynamicResource } from "../pulumi/dynamic-resource";

export interface PodReadinessTarget {
  access: KubeAccess;
  namespace: string;
  /** The pods that must be Ready, by name, with the revision each must carry. */
  revisions: Record<string, string>;
  /** Host-side bootstrap list: every partition must be in sync, too. */
  bootstrapServers: string;
  timeoutSeconds: number;
}

/** Waits until every pod is Ready at its revision and every ISR is full; throws with what lags. */
export function waitUntilPodsReady(target: PodReadinessTarget): Promise<void> {
  return waitUntilReady({ ...target, members: Object.keys(target.revisions) }, (pods) =>
    podReadiness(target.access, target.namespace, pods, target.revisions),
  );
}

const podsOf = (inputs: PodReadinessTarget) => Object.keys(inputs.revisions).join(",");
// Both only wait: nothing to remove.
const gateProvider = actionProvider<PodReadinessTarget>(podsOf, waitUntilPodsReady);
const turnProvider = actionProvider<PodReadinessTarget>(podsOf, waitUntilPodsReady, false);

type PodReadinessInputs = { [K in keyof PodReadinessTarget]: pulumi.Input<PodReadinessTarget[K]> };

const podReadinessGateResource = dynamicProvider("PodReadinessGate", gateProvider);

/** Done once every broker is ready; waits again whenever one's revision changes. */
export class PodReadinessGate extends KafkaDynamicResource {
  constructor(name: string, args: PodReadinessInputs, opts?: pulumi.CustomResourceOptions) {
    super(podReadinessGateResource, name, { ...args }, opts);
  }
}

const podRollingTurnResource = dynamicProvider("PodRollingTurn", turnProvider);

/** Broker N's turn: when its revision changes, waits until it is ready again before broker N+1 changes. */
export class PodRollingTurn extends KafkaDynamicResource {
  constructor(name: string, args: PodReadinessInputs, opts?: pulumi.CustomResourceOptions) {
    super(podRollingTurnResource, name, { ...args }, opts);
  }
}
