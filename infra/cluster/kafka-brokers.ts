/**
 * The brokers: one container per broker with its own listeners, data volume and host port.
 * In KRaft mode every broker is also a controller; otherwise the brokers use ZooKeeper, and the
 * caller makes them depend on the ensemble.
 */
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { brokerHealthcheck, SERVER_STOP_GRACE_SECONDS, WAIT_TIMEOUT_SECONDS } from "../kafka/healthchecks";
import { brokerEnvironment, toEnvList, type BrokerEnvironmentSettings } from "../kafka/environment";
import { stackLabels, stackScopedName } from "../docker/identity";
import { brokerAlias, brokerHostPort, memberNumbers } from "../kafka/listeners";
import { memoryLimit } from "../config/memory-size";
import { dataVolume, volumeMount } from "../docker/volumes";

export interface KafkaBrokersArgs {
  /** Name of the Docker network the brokers join. */
  networkName: pulumi.Input<string>;
  /** Image (name or id) of cp-kafka or an image with the same interface. */
  image: pulumi.Input<string>;
  /** Everything the brokers' environment is rendered from (listeners, replication, heap). */
  settings: BrokerEnvironmentSettings;
  /** Memory limit of each broker's container, in bytes. */
  memoryBytes: number;
  /** Host address that the EXTERNAL listeners are published on. */
  hostBindAddress: string;
  /** Keep the data volumes on `pulumi destroy`. */
  retainData: boolean;
  /** Resources that must be ready before any broker starts (the ZooKeeper nodes). */
  startAfter: pulumi.Resource[];
}

export class KafkaBrokers extends pulumi.ComponentResource {
  /** The broker containers, for other resources to depend on. */
  readonly containers: docker.Container[];
  readonly containerNames: pulumi.Output<string[]>;

  constructor(name: string, args: KafkaBrokersArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-pulumi:index:KafkaBrokers", name, {}, opts);
    this.containers = memberNumbers(args.settings.layout.brokers).map((broker) => this.broker(args, broker));
    this.containerNames = pulumi.all(this.containers.map((container) => container.name));
    this.registerOutputs({ containerNames: this.containerNames });
  }

  private broker(args: KafkaBrokersArgs, broker: number): docker.Container {
    const alias = brokerAlias(broker);
    const hostPort = brokerHostPort(args.settings.layout, broker);
    const data = dataVolume({ name: `${alias}-data`, role: "broker", retain: args.retainData }, this);
    return new docker.Container(
      alias,
      {
        name: stackScopedName(alias),
        image: args.image,
        hostname: alias,
        envs: toEnvList(brokerEnvironment(args.settings, broker)),
        networksAdvanced: [{ name: args.networkName, aliases: [alias] }],
        ports: [{ internal: hostPort, external: hostPort, ip: args.hostBindAddress }],
        volumes: [volumeMount(data, "/var/lib/kafka/data")],
        ...memoryLimit(args.memoryBytes),
        healthcheck: brokerHealthcheck(),
        wait: true,
        waitTimeout: WAIT_TIMEOUT_SECONDS,
        // docker stop with this timeout before the removal (see SERVER_STOP_GRACE_SECONDS).
        destroyGraceSeconds: SERVER_STOP_GRACE_SECONDS,
        restart: "unless-stopped",
        labels: stackLabels("broker"),
      },
      // A fixed container name and host port cannot exist twice: remove the old container first.
      // The provider would record a changed healthcheck without applying it, so it replaces instead.
      {
        parent: this,
        deleteBeforeReplace: true,
        replaceOnChanges: ["healthcheck"],
        dependsOn: args.startAfter,
      },
    );
  }
}
