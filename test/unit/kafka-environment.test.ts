/**
 * Environment rendering for the Confluent images: the property-name mapping, and the variables of
 * ZooKeeper-mode brokers, KRaft brokers and ZooKeeper nodes.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  brokerEnvironment,
  dynamicBrokerProperties,
  kafkaPropertyEnvName,
  toEnvList,
  zookeeperEnvironment,
  type BrokerEnvironmentSettings,
} from "../../infra/kafka/environment";

const oneBroker: BrokerEnvironmentSettings = {
  layout: { mode: "zookeeper", brokers: 1, advertisedHost: "localhost", hostPortBase: 9092 },
  zookeeperNodes: 1,
  clusterId: "wdH0bzVYfox7jK-X8c_OvQ",
  replicationFactor: 1,
  minInsyncReplicas: 1,
  defaultPartitions: 1,
  autoCreateTopics: true,
  heap: "512m",
};

describe("property names", () => {
  test("dots become _, underscores __ and dashes ___, upper case with prefix KAFKA_", () => {
    assert.equal(
      kafkaPropertyEnvName("offsets.topic.replication.factor"),
      "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR",
    );
    assert.equal(
      kafkaPropertyEnvName("listener.name.internal_x.sasl"),
      "KAFKA_LISTENER_NAME_INTERNAL__X_SASL",
    );
    assert.equal(kafkaPropertyEnvName("confluent.some-setting"), "KAFKA_CONFLUENT_SOME___SETTING");
  });
});

describe("ZooKeeper-mode broker", () => {
  test("renders the compose file's single broker", () => {
    assert.deepEqual(brokerEnvironment(oneBroker, 1), {
      KAFKA_HEAP_OPTS: "-Xms512m -Xmx512m",
      KAFKA_LISTENERS: "INTERNAL://0.0.0.0:29092,EXTERNAL://0.0.0.0:9092",
      KAFKA_ADVERTISED_LISTENERS: "INTERNAL://kafka-1:29092,EXTERNAL://localhost:9092",
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: "INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT",
      KAFKA_INTER_BROKER_LISTENER_NAME: "INTERNAL",
      KAFKA_DEFAULT_REPLICATION_FACTOR: "1",
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: "1",
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: "1",
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: "1",
      KAFKA_NUM_PARTITIONS: "1",
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: "true",
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: "0",
      KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: "10",
      KAFKA_CONTROLLED_SHUTDOWN_RETRY_BACKOFF_MS: "500",
      KAFKA_REPLICA_FETCH_WAIT_MAX_MS: "500",
      KAFKA_NUM_NETWORK_THREADS: "1",
      KAFKA_NUM_IO_THREADS: "2",
      KAFKA_BROKER_ID: "1",
      KAFKA_ZOOKEEPER_CONNECT: "zookeeper-1:2181",
    });
  });

  test("replication settings follow the config", () => {
    const settings = { ...oneBroker, replicationFactor: 3, minInsyncReplicas: 2, autoCreateTopics: false };
    const environment = brokerEnvironment({ ...settings, layout: { ...settings.layout, brokers: 3 } }, 3);
    assert.equal(environment["KAFKA_DEFAULT_REPLICATION_FACTOR"], "3");
    assert.equal(environment["KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"], "3");
    assert.equal(environment["KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"], "2");
    // min.insync.replicas is applied at runtime, so the environment (whose change restarts a broker) lacks it.
    assert.equal(environment["KAFKA_MIN_INSYNC_REPLICAS"], undefined);
    assert.deepEqual(dynamicBrokerProperties(settings), { "min.insync.replicas": "2" });
    assert.equal(environment["KAFKA_AUTO_CREATE_TOPICS_ENABLE"], "false");
    assert.equal(environment["KAFKA_BROKER_ID"], "3");
  });

  test("a min.insync.replicas change leaves the environment as it is", () => {
    const before = brokerEnvironment({ ...oneBroker, replicationFactor: 3, minInsyncReplicas: 2 }, 1);
    const after = brokerEnvironment({ ...oneBroker, replicationFactor: 3, minInsyncReplicas: 1 }, 1);
    assert.deepEqual(after, before);
  });
});

describe("KRaft broker", () => {
  test("is a combined broker and controller with the cluster id and no ZooKeeper settings", () => {
    const layout = { ...oneBroker.layout, mode: "kraft" as const, brokers: 3 };
    const environment = brokerEnvironment({ ...oneBroker, layout }, 2);
    assert.equal(environment["KAFKA_PROCESS_ROLES"], "broker,controller");
    assert.equal(environment["KAFKA_NODE_ID"], "2");
    assert.equal(environment["KAFKA_CONTROLLER_LISTENER_NAMES"], "CONTROLLER");
    assert.equal(
      environment["KAFKA_CONTROLLER_QUORUM_VOTERS"],
      "1@kafka-1:29093,2@kafka-2:29093,3@kafka-3:29093",
    );
    assert.equal(environment["CLUSTER_ID"], "wdH0bzVYfox7jK-X8c_OvQ");
    assert.equal(environment["KAFKA_BROKER_ID"], undefined);
    assert.equal(environment["KAFKA_ZOOKEEPER_CONNECT"], undefined);
  });
});

describe("ZooKeeper node", () => {
  test("a single node runs standalone", () => {
    assert.deepEqual(zookeeperEnvironment({ nodes: 1, heap: "256m" }, 1), {
      ZOOKEEPER_CLIENT_PORT: "2181",
      ZOOKEEPER_TICK_TIME: "2000",
      KAFKA_HEAP_OPTS: "-Xms256m -Xmx256m",
    });
  });

  test("an ensemble node knows its id and every peer", () => {
    const environment = zookeeperEnvironment({ nodes: 5, heap: "256m" }, 4);
    assert.equal(environment["ZOOKEEPER_SERVER_ID"], "4");
    assert.equal(
      environment["ZOOKEEPER_SERVERS"],
      [1, 2, 3, 4, 5].map((n) => `zookeeper-${n}:2888:3888`).join(";"),
    );
    assert.equal(environment["ZOOKEEPER_INIT_LIMIT"], "5");
    assert.equal(environment["ZOOKEEPER_SYNC_LIMIT"], "2");
  });
});

test("the env list is sorted, so equal settings never show a diff", () => {
  assert.deepEqual(toEnvList({ B: "2", A: "1=x" }), ["A=1=x", "B=2"]);
});
