/**
 * The brokers: one container per broker with its own listeners, data volume and host port, replaced
 * one at a time by a change (rolling.ts), and a readiness gate after all of them (server-set.ts). In KRaft
 * mode every broker is also a controller; otherwise the brokers use ZooKeeper, and start once its
 * containers exist (they wait for it to serve themselves).
 */
import type * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { dockerHealthcheck } from "../docker/healthcheck";
import { dataVolume, volumeMount } from "../docker/volumes";
import { BROKER_DATA_PATH } from "../kafka/data-paths";
import { brokerEnvironment, type BrokerEnvironmentSettings } from "../kafka/environment";
import { brokerProbe } from "../kafka/healthchecks";
import { brokerAlias, brokerHostAddress, brokerHostPort, memberNumbers } from "../kafka/listeners";
import type { ReadinessGate } from "./readiness-gate";
import { warnIfWritesStop } from "./rolling";
import { serverContainer, type ServerMember } from "./server-container";
import { serverSet, type MemberSlot, type ServerSetDockerArgs } from "./server-set";

/** The image is cp-kafka or one with the same interface. */
export interface KafkaBrokersArgs extends ServerSetDockerArgs {
  /** Everything the brokers' environment is rendered from (listeners, replication, heap). */
  settings: BrokerEnvironmentSettings;
  /** Host-side bootstrap list, through which readiness checks that every partition is in sync. */
  bootstrapServers: string;
  /** Resources that must exist before any broker starts (the ZooKeeper nodes). */
  startAfter: pulumi.Resource[];
}

/** Broker N is `<name>-N` (`kafka-1` for a component named `kafka`), as is its network alias. */
export class KafkaBrokers extends pulumi.ComponentResource {
  /** The broker containers, for other resources to depend on. */
  readonly containers: docker.Container[];
  /** Done once every broker is healthy and every partition in sync. */
  readonly ready: ReadinessGate;
  readonly containerNames: pulumi.Output<string[]>;

  constructor(name: string, args: KafkaBrokersArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-pulumi:index:KafkaBrokers", name, {}, opts);
    const set = serverSet(
      name,
      {
        identity: args.identity,
        aliases: memberNumbers(args.settings.layout.brokers).map(brokerAlias),
        member: (slot, after) => this.broker(name, args, slot, after),
        // The EXTERNAL listener is published: asked from the host, a broker costs no exec.
        probe: (slot) => ({ apiVersions: brokerHostAddress(args.settings.layout, slot.number) }),
        bootstrapServers: args.bootstrapServers,
      },
      this,
    );
    const shape = { ...args.settings, brokers: set.members.length };
    warnIfWritesStop(shape, args.identity, set.containerNames, set.members, this);
    this.containers = set.containers;
    this.ready = set.ready;
    this.containerNames = pulumi.all(this.containers.map((container) => container.name));
    this.registerOutputs({ containerNames: this.containerNames });
  }

  private broker(
    name: string,
    args: KafkaBrokersArgs,
    slot: MemberSlot,
    after: pulumi.Resource[],
  ): ServerMember {
    const hostPort = brokerHostPort(args.settings.layout, slot.number);
    const data = dataVolume(
      `${name}-${slot.number}-data`,
      { identity: args.identity, suffix: `${slot.alias}-data`, role: "broker", retain: args.retainData },
      { parent: this },
    );
    return serverContainer(
      `${name}-${slot.number}`,
      {
        identity: args.identity,
        alias: slot.alias,
        containerName: slot.containerName,
        role: "broker",
        networkName: args.networkName,
        image: args.image,
        environment: brokerEnvironment(args.settings, slot.number),
        ports: [{ internal: hostPort, external: hostPort, ip: args.hostBindAddress }],
        volumes: [volumeMount(data, BROKER_DATA_PATH)],
        memoryBytes: args.memoryBytes,
        healthcheck: dockerHealthcheck(brokerProbe()),
      },
      { parent: this, dependsOn: [...args.startAfter, ...after] },
    );
  }
}
