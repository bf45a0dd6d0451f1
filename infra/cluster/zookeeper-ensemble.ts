/**
 * The ZooKeeper side of a ZooKeeper-mode cluster: one standalone node, or an ensemble of 3 or 5
 * (a majority must be up, so 3 tolerates one failure and 5 two). Each node keeps its data and
 * transaction log in named volumes and reports healthy once it serves clients.
 */
import type * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { formerlyNamed } from "../pulumi/former-names";
import { dataVolume, volumeMount } from "../docker/volumes";
import { zookeeperEnvironment } from "../kafka/environment";
import { dockerHealthcheck } from "../docker/healthcheck";
import { ZOOKEEPER_DATA_PATH, ZOOKEEPER_LOG_PATH } from "../kafka/data-paths";
import { zookeeperProbe } from "../kafka/healthchecks";
import { memberNumbers, zookeeperAlias, zookeeperConnect, ZOOKEEPER_CLIENT_PORT } from "../kafka/listeners";
import type { ReadinessGate } from "./readiness-gate";
import { serverContainer, type ServerMember } from "./server-container";
import { serverSet, type MemberSlot, type ServerSetDockerArgs } from "./server-set";

/** The image is cp-zookeeper or one with the same interface. */
export interface ZookeeperEnsembleArgs extends ServerSetDockerArgs {
  /** Ensemble size: 1, 3 or 5. */
  nodes: number;
  /** JVM heap of each node, e.g. `256m`. */
  heap: string;
  /** Host port of node 1's client port (node N: + N - 1); undefined publishes nothing. */
  hostPort: number | undefined;
}

export class ZookeeperEnsemble extends pulumi.ComponentResource {
  /** The node containers, for other resources to depend on. */
  readonly containers: docker.Container[];
  /**
   * Done at once when the ensemble is created (the brokers wait for it themselves), and after a change once
   * every node serves clients.
   */
  readonly ready: ReadinessGate;
  readonly containerNames: pulumi.Output<string[]>;
  /** `zookeeper.connect` for the brokers, e.g. `zookeeper-1:2181`. */
  readonly connectString: string;

  constructor(name: string, args: ZookeeperEnsembleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-pulumi:index:ZookeeperEnsemble", name, {}, opts);
    const set = serverSet(
      name,
      {
        identity: args.identity,
        aliases: memberNumbers(args.nodes).map(zookeeperAlias),
        member: (slot, after) => this.node(name, args, slot, after),
        probe: () => ({ exec: zookeeperProbe() }),
        gateOnChangesOnly: true,
      },
      this,
    );
    this.containers = set.containers;
    this.ready = set.ready;
    this.containerNames = pulumi.all(this.containers.map((container) => container.name));
    this.connectString = zookeeperConnect(args.nodes);
    this.registerOutputs({ containerNames: this.containerNames, connectString: this.connectString });
  }

  private node(
    name: string,
    args: ZookeeperEnsembleArgs,
    slot: MemberSlot,
    after: pulumi.Resource[],
  ): ServerMember {
    const { number: node, alias } = slot;
    const volume = (kind: string) =>
      dataVolume(
        `${name}-${node}-${kind}`,
        { identity: args.identity, suffix: `${alias}-${kind}`, role: "zookeeper", retain: args.retainData },
        { parent: this, ...formerlyNamed(`${alias}-${kind}`) },
      );
    const ports =
      args.hostPort === undefined
        ? []
        : [{ internal: ZOOKEEPER_CLIENT_PORT, external: args.hostPort + node - 1, ip: args.hostBindAddress }];
    return serverContainer(
      `${name}-${node}`,
      {
        identity: args.identity,
        alias,
        containerName: slot.containerName,
        role: "zookeeper",
        networkName: args.networkName,
        image: args.image,
        environment: zookeeperEnvironment({ nodes: args.nodes, heap: args.heap }, node),
        ports,
        volumes: [
          volumeMount(volume("data"), ZOOKEEPER_DATA_PATH),
          volumeMount(volume("log"), ZOOKEEPER_LOG_PATH),
        ],
        memoryBytes: args.memoryBytes,
        healthcheck: dockerHealthcheck(zookeeperProbe()),
      },
      { parent: this, dependsOn: after, ...formerlyNamed(alias) },
    );
  }
}
