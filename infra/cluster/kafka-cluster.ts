/**
 * A Kafka cluster on one Docker engine: the stack's network, ZooKeeper (in ZooKeeper mode), the
 * brokers and the declared topics, started in that order, each step only once the previous one
 * reports healthy.
 */
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { KafkaBrokers } from "./kafka-brokers";
import { stackLabels, stackScopedName } from "../docker/identity";
import { hostBootstrapServers, internalBootstrapServers, type ClusterMode } from "../kafka/listeners";
import type { PortSettings } from "../config/ports";
import type { TopicSpec } from "../config/topics";
import { KafkaTopic } from "../topics/kafka-topic";
import { ZookeeperEnsemble } from "./zookeeper-ensemble";

export interface KafkaClusterArgs extends PortSettings {
  /** `zookeeper`: brokers coordinated by ZooKeeper; `kraft`: brokers that are also controllers. */
  mode: ClusterMode;
  /** Number of brokers, 1 to 9. */
  brokers: number;
  /** ZooKeeper ensemble size (1, 3 or 5); unused in KRaft mode. */
  zookeeperNodes: number;
  /** Replicas of new topics and of the offsets and transaction-state topics. */
  replicationFactor: number;
  /** In-sync replicas an acks=all write needs (also for the transaction-state log). */
  minInsyncReplicas: number;
  /** Partitions of topics created without a count (auto-created ones, too). */
  defaultPartitions: number;
  /** Whether the brokers create a topic on first use. */
  autoCreateTopics: boolean;
  /** KRaft cluster id, a base64 UUID; unused in ZooKeeper mode. */
  clusterId: string;
  /** Broker image, cp-kafka or one with the same environment interface. */
  kafkaImage: string;
  /** ZooKeeper image, cp-zookeeper or one with the same environment interface. */
  zookeeperImage: string;
  /** JVM heap of each broker, e.g. `512m`. */
  brokerHeap: string;
  /** Memory limit of each broker container, in bytes. */
  brokerMemoryBytes: number;
  /** JVM heap of each ZooKeeper node. */
  zookeeperHeap: string;
  /** Memory limit of each ZooKeeper container, in bytes. */
  zookeeperMemoryBytes: number;
  /** Keep the data volumes, and the topics in them, on `pulumi destroy`. */
  retainData: boolean;
  /** Topics to create and keep in the declared shape. */
  topics: TopicSpec[];
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
  /** What clients depend on: the topics, or the brokers when no topic is declared. */
  readonly readyForClients: pulumi.Resource[];
  readonly topics: pulumi.Output<string[]>;

  constructor(name: string, args: KafkaClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-pulumi:index:KafkaCluster", name, {}, opts);
    const layout = {
      mode: args.mode,
      brokers: args.brokers,
      advertisedHost: args.advertisedHost,
      hostPortBase: args.hostPortBase,
    };
    this.bootstrapServers = hostBootstrapServers(layout);
    this.internalBootstrapServers = internalBootstrapServers(layout);

    const network = new docker.Network(
      "network",
      { name: stackScopedName("network"), driver: "bridge", labels: stackLabels("network") },
      // The name is fixed per stack, so a replacement must remove the old network (and, through
      // the dependency, its containers) before it creates the new one.
      { parent: this, deleteBeforeReplace: true },
    );
    this.networkName = network.name;

    const zookeeper = args.mode === "zookeeper" ? this.zookeeper(args, network.name) : undefined;
    this.zookeeperConnect = zookeeper?.connectString;
    this.zookeeperContainers = zookeeper?.containerNames ?? pulumi.output([]);

    const brokers = new KafkaBrokers(
      "brokers",
      {
        networkName: network.name,
        image: this.localImage("kafka-image", args.kafkaImage),
        settings: { ...args, layout, heap: args.brokerHeap },
        memoryBytes: args.brokerMemoryBytes,
        hostBindAddress: args.hostBindAddress,
        retainData: args.retainData,
        startAfter: zookeeper?.containers ?? [],
      },
      { parent: this },
    );
    this.brokerContainers = brokers.containerNames;

    this.topicResources = args.topics.map(
      (topic) =>
        new KafkaTopic(
          `topic-${topic.name}`,
          { ...topic, bootstrapServers: this.bootstrapServers, retainData: args.retainData },
          { parent: this, dependsOn: brokers.containers },
        ),
    );
    this.topics = pulumi.all(this.topicResources.map((topic) => topic.name));
    this.readyForClients = this.topicResources.length > 0 ? this.topicResources : brokers.containers;

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

  private zookeeper(args: KafkaClusterArgs, networkName: pulumi.Output<string>): ZookeeperEnsemble {
    return new ZookeeperEnsemble(
      "zookeeper",
      {
        networkName,
        image: this.localImage("zookeeper-image", args.zookeeperImage),
        nodes: args.zookeeperNodes,
        heap: args.zookeeperHeap,
        memoryBytes: args.zookeeperMemoryBytes,
        hostBindAddress: args.hostBindAddress,
        hostPort: args.zookeeperHostPort,
        retainData: args.retainData,
      },
      { parent: this },
    );
  }

  /**
   * The image's id, taken from the local engine when present and pulled otherwise. keepLocally:
   * destroy must never delete an image that an offline machine cannot pull again.
   */
  private localImage(name: string, image: string): pulumi.Output<string> {
    return new docker.RemoteImage(name, { name: image, keepLocally: true }, { parent: this }).imageId;
  }
}
