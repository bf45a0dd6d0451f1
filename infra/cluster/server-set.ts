/**
 * What the brokers and the ZooKeeper ensemble share: a set of server containers named after their network
 * aliases, replaced one at a time (rolling.ts), and the readiness gate `<name>-ready` that what depends on
 * the set waits for (readiness-gate.ts). Each member's Docker name is made here, once.
 */
import type * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import type { MemberProbe } from "../docker/container-health";
import { dockerName, type DockerIdentity } from "../docker/identity";
import { WAIT_TIMEOUT_SECONDS } from "./readiness";
import { ReadinessGate } from "./readiness-gate";
import { rollingSet } from "./rolling";
import type { ServerMember } from "./server-container";

/** What every member of a set runs with on Docker. */
export interface ServerSetDockerArgs {
  /** Names and labels of the Docker objects. */
  identity: DockerIdentity;
  /** Name of the Docker network the members join. */
  networkName: pulumi.Input<string>;
  /** Image (name or id) of the members. */
  image: pulumi.Input<string>;
  /** Memory limit of each member's container, in bytes. */
  memoryBytes: number;
  /** Host address that published ports bind to. */
  hostBindAddress: string;
  /** Keep the data volumes on `pulumi destroy`. */
  retainData: boolean;
}

/** One member to declare: its position, network alias and Docker name. */
export interface MemberSlot {
  /** 1-based, as in `kafka-1`. */
  number: number;
  alias: string;
  containerName: string;
}

export interface ServerSetArgs {
  identity: DockerIdentity;
  /** Network aliases of the members, in order; also their Docker name suffixes. */
  aliases: string[];
  /** Declares one member, to be created or replaced after `after`. */
  member: (slot: MemberSlot, after: pulumi.Resource[]) => ServerMember;
  /** How the readiness checks ask a member whether it serves. */
  probe: (slot: MemberSlot) => MemberProbe;
  /** Brokers: readiness also waits until no partition is under-replicated. */
  bootstrapServers?: string;
  /** The gate waits only after a member was replaced, as nothing waits for this set at the start. */
  gateOnChangesOnly?: boolean;
}

export interface ServerSet {
  members: ServerMember[];
  /** The member containers, for other resources to depend on. */
  containers: docker.Container[];
  /** Done once every member is ready. */
  ready: ReadinessGate;
  /** The members' Docker names, in order. */
  containerNames: string[];
}

export function serverSet(name: string, args: ServerSetArgs, parent: pulumi.Resource): ServerSet {
  const slots = args.aliases.map((alias, index) => ({
    number: index + 1,
    alias,
    containerName: dockerName(args.identity, alias),
  }));
  const containerNames = slots.map((slot) => slot.containerName);
  const probes = slots.map((slot) => [slot.containerName, args.probe(slot)] as const);
  const members = rollingSet(
    name,
    {
      containerNames,
      probes: probes.map(([, probe]) => probe),
      member: (index, after) => {
        const slot = slots[index];
        if (slot === undefined) throw new Error(`${name}: no member ${index + 1}`);
        return args.member(slot, after);
      },
      bootstrapServers: args.bootstrapServers,
    },
    parent,
  );
  const containers = members.map((member) => member.container);
  const ready = new ReadinessGate(
    `${name}-ready`,
    {
      containers: containerNames,
      probes: Object.fromEntries(probes),
      containerIds: containers.map((container) => container.id),
      bootstrapServers: args.bootstrapServers,
      timeoutSeconds: WAIT_TIMEOUT_SECONDS,
      // Absent unless set, so that the other gates' inputs stay as they were.
      ...(args.gateOnChangesOnly === true ? { changesOnly: true } : {}),
    },
    { parent },
  );
  return { members, containers, ready, containerNames };
}
