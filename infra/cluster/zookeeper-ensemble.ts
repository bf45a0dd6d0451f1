/**
 * The ZooKeeper side of a ZooKeeper-mode cluster: one standalone node, or an ensemble of 3 or 5
 * (a majority must be up, so 3 tolerates one failure and 5 two). Each node keeps its data and
 * transaction log in named volumes and reports healthy once it serves clients.
 */
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { zookeeperHealthcheck, SERVER_STOP_GRACE_SECONDS, WAIT_TIMEOUT_SECONDS } from "../kafka/healthchecks";
import { toEnvList, zookeeperEnvironment } from "../kafka/environment";
import { stackLabels, stackScopedName } from "../docker/identity";
import { memberNumbers, zookeeperAlias, zookeeperConnect, ZOOKEEPER_CLIENT_PORT } from "../kafka/listeners";
import { memoryLimit } from "../config/memory-size";
import { dataVolume, volumeMount } from "../docker/volumes";

export interface ZookeeperEnsembleArgs {
  /** Name of the Docker network the nodes join. */
  networkName: pulumi.Input<string>;
  /** Image (name or id) of cp-zookeeper or an image with the same interface. */
  image: pulumi.Input<string>;
  /** Ensemble size: 1, 3 or 5. */
  nodes: number;
  /** JVM heap of each node, e.g. `256m`. */
  heap: string;
  /** Memory limit of each node's container, in bytes. */
  memoryBytes: number;
  /** Host address that published ports bind to. */
  hostBindAddress: string;
  /** Host port of node 1's client port (node N: + N - 1); undefined publishes nothing. */
  hostPort: number | undefined;
  /** Keep the data volumes on `pulumi destroy`. */
  retainData: boolean;
}

export class ZookeeperEnsemble extends pulumi.ComponentResource {
  /** The node containers, for other resources to depend on. */
  readonly containers: docker.Container[];
  readonly containerNames: pulumi.Output<string[]>;
  /** `zookeeper.connect` for the brokers, e.g. `zookeeper-1:2181`. */
  readonly connectString: string;

  constructor(name: string, args: ZookeeperEnsembleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-pulumi:index:ZookeeperEnsemble", name, {}, opts);
    this.containers = memberNumbers(args.nodes).map((node) => this.node(args, node));
    this.containerNames = pulumi.all(this.containers.map((container) => container.name));
    this.connectString = zookeeperConnect(args.nodes);
    this.registerOutputs({ containerNames: this.containerNames, connectString: this.connectString });
  }

  private node(args: ZookeeperEnsembleArgs, node: number): docker.Container {
    const alias = zookeeperAlias(node);
    const volume = (suffix: string) =>
      dataVolume({ name: `${alias}-${suffix}`, role: "zookeeper", retain: args.retainData }, this);
    return new docker.Container(
      alias,
      {
        name: stackScopedName(alias),
        image: args.image,
        hostname: alias,
        envs: toEnvList(zookeeperEnvironment({ nodes: args.nodes, heap: args.heap }, node)),
        networksAdvanced: [{ name: args.networkName, aliases: [alias] }],
        ports:
          args.hostPort === undefined
            ? []
            : [
                {
                  internal: ZOOKEEPER_CLIENT_PORT,
                  external: args.hostPort + node - 1,
                  ip: args.hostBindAddress,
                },
              ],
        volumes: [
          volumeMount(volume("data"), "/var/lib/zookeeper/data"),
          volumeMount(volume("log"), "/var/lib/zookeeper/log"),
        ],
        ...memoryLimit(args.memoryBytes),
        healthcheck: zookeeperHealthcheck(),
        wait: true,
        waitTimeout: WAIT_TIMEOUT_SECONDS,
        // docker stop with this timeout before the removal (see SERVER_STOP_GRACE_SECONDS).
        destroyGraceSeconds: SERVER_STOP_GRACE_SECONDS,
        restart: "unless-stopped",
        labels: stackLabels("zookeeper"),
      },
      // A fixed container name and host port cannot exist twice: remove the old container first.
      // The provider would record a changed healthcheck without applying it, so it replaces instead.
      { parent: this, deleteBeforeReplace: true, replaceOnChanges: ["healthcheck"] },
    );
  }
}
