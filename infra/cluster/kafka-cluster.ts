/**
 * A Kafka cluster on one Docker engine: the stack's network, ZooKeeper (in ZooKeeper mode) and the
 * brokers started together (changed one at a time, see rolling.ts), then, once every broker is healthy
 * and in sync, the runtime broker settings and the declared topics.
 */
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterSettings } from "../config";
import { dockerLabels, dockerName, type DockerIdentity } from "../docker/identity";
import { formerlyNamed } from "../pulumi/former-names";
import { StackNetwork } from "../docker/network";
import { brokerEnvironmentSettings, listenerLayout } from "../kafka/cluster-shape";
import { dynamicBrokerProperties } from "../kafka/environment";
import { hostBootstrapServers, internalBootstrapServers, memberNumbers } from "../kafka/listeners";
import { DynamicBrokerConfig } from "./dynamic-broker-config";
import { KafkaTopic } from "../topics";
import { KafkaBrokers } from "./kafka-brokers";
import { ZookeeperEnsemble } from "./zookeeper-ensemble";

export interface KafkaClusterArgs extends ClusterSettings {
  /** Names and labels of the Docker objects. */
  identity: DockerIdentity;
}

export class KafkaCluster extends pulumi.ComponentResource {
  readonly networkName: pulumi.Output<string>;
  /** Bootstrap list for clients on the host, e.g. `localhost:9092,localhost:9093`. */
  readonly bootstrapServers: string;
  /** Bootstrap list for containers on the stack's network, e.g. `kafka-1:29092`. */
  readonly internalBootstrapServers: string;
  /** ZooKeeper connect string; undefined in KRaft mode. */
  readonly zookeeperConnect: string | undefined;
  readonly zookeeperContainers: pulumi.Output<string[]>;
  readonly brokerContainers: pulumi.Output<string[]>;
  /** The topic resources. */
  readonly topicResources: KafkaTopic[];
  /** What clients depend on: the runtime settings and the topics. */
  readonly readyForClients: pulumi.Resource[];
  readonly topics: pulumi.Output<string[]>;

  constructor(name: string, args: KafkaClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-pulumi:index:KafkaCluster", name, {}, opts);
    const layout = listenerLayout(args);
    this.bootstrapServers = hostBootstrapServers(layout);
    this.internalBootstrapServers = internalBootstrapServers(layout);

    const identity = args.identity;
    const kafkaImage = this.localImage(`${name}-image`, args.kafkaImage);
    const network = new StackNetwork(
      `${name}-network`,
      { name: dockerName(identity, "network"), labels: dockerLabels(identity, "network") },
      { parent: this },
    );
    this.networkName = network.name;

    const zookeeper = args.mode === "zookeeper" ? this.zookeeper(name, args, network.name) : undefined;
    this.zookeeperConnect = zookeeper?.connectString;
    this.zookeeperContainers = zookeeper?.containerNames ?? pulumi.output([]);

    const brokers = new KafkaBrokers(
      name,
      {
        identity,
        networkName: network.name,
        image: kafkaImage.imageId,
        settings: brokerEnvironmentSettings(args),
        bootstrapServers: this.bootstrapServers,
        memoryBytes: args.brokerMemoryBytes,
        hostBindAddress: args.hostBindAddress,
        retainData: args.retainData,
        startAfter: zookeeper?.containers ?? [],
      },
      { parent: this, ...formerlyNamed("brokers") },
    );
    this.brokerContainers = brokers.containerNames;

    const runtimeConfig = new DynamicBrokerConfig(
      `${name}-runtime-config`,
      {
        bootstrapServers: this.bootstrapServers,
        brokerIds: memberNumbers(args.brokers),
        configs: dynamicBrokerProperties(args),
      },
      { parent: this, dependsOn: [brokers.ready] },
    );

    // Beside the runtime settings, not after them. The brokers too, so that destroy deletes the topics
    // while the brokers still run.
    const beforeTopics = [brokers.ready, ...brokers.containers];
    this.topicResources = args.topics.map(
      (topic) =>
        new KafkaTopic(
          `${name}-topic-${topic.name}`,
          { ...topic, bootstrapServers: this.bootstrapServers, retainData: args.retainData },
          { parent: this, dependsOn: beforeTopics, ...formerlyNamed(`topic-${topic.name}`) },
        ),
    );
    this.topics = pulumi.all(this.topicResources.map((topic) => topic.name));
    this.readyForClients = [runtimeConfig, ...this.topicResources];

    this.registerOutputs({
      networkName: this.networkName,
      bootstrapServers: this.bootstrapServers,
      internalBootstrapServers: this.internalBootstrapServers,
      zookeeperConnect: this.zookeeperConnect,
      zookeeperContainers: this.zookeeperContainers,
      brokerContainers: this.brokerContainers,
      topics: this.topics,
    });
  }

  private zookeeper(
    name: string,
    args: KafkaClusterArgs,
    networkName: pulumi.Output<string>,
  ): ZookeeperEnsemble {
    return new ZookeeperEnsemble(
      `${name}-zookeeper`,
      {
        identity: args.identity,
        networkName,
        image: this.localImage(`${name}-zookeeper-image`, args.zookeeperImage, "zookeeper-image").imageId,
        nodes: args.zookeeperNodes,
        heap: args.zookeeperHeap,
        memoryBytes: args.zookeeperMemoryBytes,
        hostBindAddress: args.hostBindAddress,
        hostPort: args.zookeeperHostPort,
        retainData: args.retainData,
      },
      { parent: this, ...formerlyNamed("zookeeper") },
    );
  }

  /**
   * The image's id, taken from the local engine when present and pulled otherwise. keepLocally:
   * destroy must never delete an image that an offline machine cannot pull again.
   */
  private localImage(name: string, image: string, formerName?: string): docker.RemoteImage {
    const aliases = formerName === undefined ? {} : formerlyNamed(formerName);
    return new docker.RemoteImage(name, { name: image, keepLocally: true }, { parent: this, ...aliases });
  }
}
