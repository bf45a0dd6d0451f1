/**
 * Defaults of the stack configuration, shared by the readers and mirrored in Pulumi.yaml.
 * The seed docker-compose file's shape: one ZooKeeper, one broker, topic `registred_user`,
 * a producer every 3 s and a consumer in group `my_favorite_group`.
 */

/** The value of replicationFactor and minInsyncReplicas that asks for the derived default. */
export const DERIVED = 0;

/**
 * Every key with its default. replicationFactor and minInsyncReplicas default to DERIVED (0):
 * min(3, brokers), and replicationFactor - 1 (at least 1).
 */
export const DEFAULTS = {
  mode: "zookeeper",
  brokers: 1,
  zookeeperNodes: 1,
  replicationFactor: DERIVED,
  minInsyncReplicas: DERIVED,
  defaultPartitions: 1,
  autoCreateTopics: true,
  advertisedHost: "localhost",
  hostBindAddress: "127.0.0.1",
  hostPortBase: 9092,
  zookeeperHostPort: 0,
  clusterId: "wdH0bzVYfox7jK-X8c_OvQ",
  kafkaImage: "confluentinc/cp-kafka:7.9.1",
  zookeeperImage: "confluentinc/cp-zookeeper:7.9.1",
  nodeImage: "node:22-bookworm-slim",
  brokerMemory: "1g",
  brokerHeap: "512m",
  zookeeperMemory: "512m",
  zookeeperHeap: "256m",
  appMemory: "256m",
  retainData: false,
  topics: [{ name: "registred_user" }],
  apps: true,
  producerTopic: "registred_user",
  producerIntervalMs: 3000,
  producerCount: 0,
  consumerGroup: "my_favorite_group",
  logLevel: "info",
} as const;
