/**
 * Members of a replicated set (brokers, ZooKeeper nodes) declared so that a change rolls: member N+1
 * depends on a gate that waits until member N is back (healthy and, for brokers, every partition in
 * sync), so replacements happen one at a time, while a new set starts all members together. A last
 * gate waits for the whole set, and is what later resources depend on.
 */
import type * as docker from "@pulumi/docker";
import type * as pulumi from "@pulumi/pulumi";
import { dockerName, type DockerIdentity } from "../docker/identity";
import { WAIT_TIMEOUT_SECONDS } from "../kafka/healthchecks";
import { ReadinessGate } from "./readiness-gate";

export interface RollingSet {
  containers: docker.Container[];
  /** Done once every member is ready; what dependents wait for. */
  ready: ReadinessGate;
}

export interface RollingSetArgs {
  /** Resource name prefix of the gates, e.g. `kafka`: gates `kafka-1-rolled`, `kafka-ready`. */
  name: string;
  identity: DockerIdentity;
  /** Network aliases of the members, in order; also their Docker name suffixes. */
  aliases: string[];
  /** Declares member `index` (0-based) to start after `after`. */
  member: (index: number, after: pulumi.Resource[]) => docker.Container;
  /** Brokers: wait until no partition is under-replicated, too. */
  bootstrapServers?: string;
  parent: pulumi.Resource;
}

export function rollingSet(args: RollingSetArgs): RollingSet {
  const names = args.aliases.map((alias) => dockerName(args.identity, alias));
  const containers: docker.Container[] = [];
  let previous: ReadinessGate | undefined;
  args.aliases.forEach((_alias, index) => {
    const container = args.member(index, previous === undefined ? [] : [previous]);
    containers.push(container);
    if (index < args.aliases.length - 1) {
      previous = new ReadinessGate(
        `${args.name}-${index + 1}-rolled`,
        {
          containers: [names[index] ?? ""],
          containerIds: [container.id],
          bootstrapServers: args.bootstrapServers,
          waitOnCreate: false,
          timeoutSeconds: WAIT_TIMEOUT_SECONDS,
        },
        { parent: args.parent },
      );
    }
  });
  const ready = new ReadinessGate(
    `${args.name}-ready`,
    {
      containers: names,
      containerIds: containers.map((container) => container.id),
      bootstrapServers: args.bootstrapServers,
      waitOnCreate: true,
      timeoutSeconds: WAIT_TIMEOUT_SECONDS,
    },
    { parent: args.parent, dependsOn: previous === undefined ? [] : [previous] },
  );
  return { containers, ready };
}
