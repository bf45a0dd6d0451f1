/**
 * The stack configuration rules, part two: host ports and addresses, topics, resources and images,
 * the apps' settings and unknown keys.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { validateConfig } from "../../infra/config";
import { assertRejected, problemsOf } from "./support/config-problems";

describe("host ports and addresses", () => {
  test("hostPortBase must be an unprivileged port", () => {
    assertRejected({ hostPortBase: 80 }, "hostPortBase", 80, "from 1024 to 65535");
    assertRejected({ hostPortBase: 70000 }, "hostPortBase", 70000, "from 1024 to 65535");
  });

  test("the last broker's port must not pass 65535", () => {
    assertRejected({ brokers: 3, hostPortBase: 65534 }, "hostPortBase", 65534, "at most 65533");
  });

  test("ZooKeeper's published ports must not overlap the brokers'", () => {
    assertRejected(
      { brokers: 3, zookeeperHostPort: 9094 },
      "zookeeperHostPort",
      9094,
      "ports outside 9092-9094, which the brokers publish via hostPortBase",
    );
  });

  test("zookeeperHostPort is 0 (not published) or an unprivileged port", () => {
    assertRejected(
      { zookeeperHostPort: 80 },
      "zookeeperHostPort",
      80,
      "0 (not published) or a port from 1024",
    );
  });

  test("the brokers' host ports must not include the ports they use inside their containers", () => {
    assertRejected(
      { brokers: 3, hostPortBase: 29090 },
      "hostPortBase",
      29090,
      "a range of broker host ports without 29092, which every broker uses inside its container for " +
        "the INTERNAL listener (the brokers would take 29090-29092)",
    );
    assertRejected(
      { mode: "kraft", hostPortBase: 29093 },
      "hostPortBase",
      29093,
      "without 29093, which every broker uses inside its container for the CONTROLLER listener (mode=kraft)",
    );
    // No CONTROLLER listener with ZooKeeper; the range just below INTERNAL is free.
    assert.equal(validateConfig({ hostPortBase: 29093 }).cluster.hostPortBase, 29093);
    assert.equal(validateConfig({ brokers: 3, hostPortBase: 29089 }).cluster.hostPortBase, 29089);
  });

  test("hostBindAddress must be an IPv4 address", () => {
    assertRejected({ hostBindAddress: "localhost" }, "hostBindAddress", "localhost", "an IPv4 address");
    assertRejected({ hostBindAddress: "256.0.0.1" }, "hostBindAddress", "256.0.0.1", "an IPv4 address");
    assert.equal(validateConfig({ hostBindAddress: "0.0.0.0" }).cluster.hostBindAddress, "0.0.0.0");
  });

  test("advertisedHost must be a host name or IPv4 address", () => {
    assertRejected({ advertisedHost: "my host" }, "advertisedHost", "my host", "a host name or IPv4 address");
    assertRejected({ advertisedHost: "-bad.example" }, "advertisedHost", "-bad.example", "a host name");
    assert.equal(validateConfig({ advertisedHost: "kafka.lan" }).cluster.advertisedHost, "kafka.lan");
  });
});

describe("topics", () => {
  test("topics must be a list of objects", () => {
    assertRejected({ topics: '{"name":"a"}' }, "topics", { name: "a" }, "a list of objects");
    assertRejected({ topics: "[not json" }, "topics", "[not json", /a list of objects.*this is not JSON: /);
    assertRejected({ topics: '["a"]' }, "topics[0]", "a", "an object with fields name, partitions");
  });

  test("topic names follow Kafka's rule", () => {
    const rule = "1-249 characters from A-Z a-z 0-9 . _ -";
    assertRejected({ topics: [{ name: "user events" }] }, "topics[0].name", "user events", rule);
    assertRejected({ topics: [{ name: ".." }] }, "topics[0].name", "..", 'not "." or ".."');
    assertRejected({ topics: [{ name: "x".repeat(250) }] }, "topics[0].name", "x".repeat(250), rule);
    const missing = problemsOf({ topics: [{}] });
    assert.ok(
      missing.some((p) =>
        p.startsWith(`topics[0].name is required (unset): expected a Kafka topic name: ${rule}`),
      ),
      missing.join("\n"),
    );
  });

  test("topic names starting with __ are Kafka's internal topics and refused", () => {
    for (const name of ["__consumer_offsets", "__my_topic"]) {
      assertRejected(
        { topics: [{ name }] },
        "topics[0].name",
        name,
        'not starting with "__" (reserved for Kafka\'s internal topics such as __consumer_offsets)',
      );
    }
    assert.equal(validateConfig({ topics: [{ name: "_private" }] }).cluster.topics[0]?.name, "_private");
  });

  test("a topic name is declared once, and not twice up to '.' versus '_'", () => {
    const twice = problemsOf({ topics: [{ name: "a" }, { name: "a" }] });
    assert.ok(
      twice.some((p) => p.includes('"a" is declared twice: expected each topic name once')),
      twice.join(),
    );
    const colliding = problemsOf({ topics: [{ name: "user.events" }, { name: "user_events" }] });
    assert.ok(
      colliding.some((p) => p.includes('"user_events" collides with "user.events"')),
      colliding.join(),
    );
  });

  test("partitions must be a whole number of at least 1", () => {
    assertRejected(
      { topics: [{ name: "a", partitions: 0 }] },
      "topics[0].partitions",
      0,
      "a whole number from 1 to",
    );
    assertRejected(
      { topics: [{ name: "a", partitions: 1.5 }] },
      "topics[0].partitions",
      1.5,
      "a whole number",
    );
  });

  test("a topic's own replication factor and partitions are recorded as explicit, the others get the cluster's", () => {
    const topics = validateConfig({
      brokers: 3,
      defaultPartitions: 3,
      topics: [{ name: "a", replicationFactor: 2, partitions: 6 }, { name: "b" }],
    }).cluster.topics;
    const recorded = topics.map((t) => [
      t.name,
      t.replicationFactor,
      t.replicationFactorExplicit,
      t.partitions,
      t.partitionsExplicit,
    ]);
    assert.deepEqual(recorded, [
      ["a", 2, true, 6, true],
      ["b", 3, false, 3, false],
    ]);
  });

  test("a topic's replication factor must reach the cluster's min ISR unless it sets its own", () => {
    assertRejected(
      { brokers: 3, topics: [{ name: "a", replicationFactor: 1 }] },
      "topics[0].replicationFactor",
      1,
      'at least minInsyncReplicas=2, the cluster\'s min ISR that acks=all writes need, or configs {"min.insync.replicas": "1"}',
    );
    const topics = validateConfig({
      brokers: 3,
      topics: [{ name: "a", replicationFactor: 1, configs: { "min.insync.replicas": "1" } }],
    }).cluster.topics;
    assert.equal(topics[0]?.replicationFactor, 1);
  });

  test("a topic's own min.insync.replicas must be a whole number up to its replication factor", () => {
    for (const [configs, value] of [
      [{ "min.insync.replicas": "3" }, "3"],
      [{ "min.insync.replicas": "0" }, "0"],
      [{ "min.insync.replicas": "two" }, "two"],
    ] as const) {
      assertRejected(
        { brokers: 3, topics: [{ name: "a", replicationFactor: 2, configs }] },
        "topics[0].configs.min.insync.replicas",
        value,
        "a whole number from 1 to the topic's replication factor 2, as a string",
      );
    }
    // Against the cluster's replication factor for a topic without its own.
    assertRejected(
      { brokers: 3, replicationFactor: 2, topics: [{ name: "a", configs: { "min.insync.replicas": "3" } }] },
      "topics[0].configs.min.insync.replicas",
      "3",
      "to the topic's replication factor 2",
    );
  });

  test("a topic's replication factor cannot exceed the number of brokers", () => {
    assertRejected(
      { brokers: 3, topics: [{ name: "a", replicationFactor: 4 }] },
      "topics[0].replicationFactor",
      4,
      "from 1 to 3 (the number of brokers)",
    );
  });

  test("topic configs map names to strings", () => {
    assertRejected(
      { topics: [{ name: "a", configs: { "retention.ms": 1000 } }] },
      "topics[0].configs.retention.ms",
      1000,
      "a string",
    );
    assertRejected(
      { topics: [{ name: "a", configs: ["x"] }] },
      "topics[0].configs",
      ["x"],
      "an object mapping",
    );
  });

  test("unknown topic fields are reported", () => {
    assertRejected(
      { topics: [{ name: "a", partition: 3 }] },
      "topics[0].partition",
      3,
      "topic fields are name",
    );
  });

  test("producerTopic must be declared when the brokers do not auto-create topics", () => {
    assertRejected(
      { autoCreateTopics: false, producerTopic: "other" },
      "producerTopic",
      "other",
      'a topic listed in topics ("registred_user") while autoCreateTopics is false',
    );
    assert.equal(validateConfig({ producerTopic: "other" }).apps?.topic, "other");
  });
});

describe("resources and images", () => {
  test("memory sizes use k, m or g", () => {
    assertRejected({ brokerMemory: "lots" }, "brokerMemory", "lots", "a size like 256m or 1g");
    assertRejected({ appMemory: "256" }, "appMemory", "256", "a size like 256m or 1g");
    assertRejected({ zookeeperMemory: "32m" }, "zookeeperMemory", "32m", "at least 64m");
  });

  test("a heap must be smaller than its container's memory limit", () => {
    assertRejected({ brokerHeap: "1g" }, "brokerHeap", "1g", "less than brokerMemory=1g");
    assertRejected(
      { zookeeperHeap: "2g", zookeeperMemory: "1g" },
      "zookeeperHeap",
      "2g",
      "less than zookeeperMemory",
    );
  });

  test("image names must be image references", () => {
    assertRejected({ kafkaImage: "" }, "kafkaImage", "", "an image reference");
    assertRejected({ nodeImage: "node 22" }, "nodeImage", "node 22", "an image reference");
    const images = validateConfig({
      kafkaImage: "kafka-airgap/kafka:3.9.1",
      zookeeperImage: "registry:5000/zk:1",
    });
    assert.equal(images.cluster.kafkaImage, "kafka-airgap/kafka:3.9.1");
  });
});

describe("apps", () => {
  test("producer pace and count are whole numbers", () => {
    assertRejected({ producerIntervalMs: -1 }, "producerIntervalMs", -1, "a whole number from 0 to 86400000");
    assertRejected({ producerCount: "many" }, "producerCount", "many", "(0 = unlimited)");
  });

  test("consumerGroup and logLevel follow the apps' rules", () => {
    assertRejected({ consumerGroup: "my group" }, "consumerGroup", "my group", "a consumer group id");
    assertRejected({ logLevel: "verbose" }, "logLevel", "verbose", "one of debug, info, warn, error");
  });
});

test("unknown keys are reported with the list of allowed keys", () => {
  const problems = problemsOf({ broker: 3 });
  assert.ok(problems.some((p) => p.startsWith("broker is not a setting of this project: expected one of ")));
  assert.ok(
    problems.some((p) => p.includes("brokers, clusterId")),
    problems.join("\n"),
  );
});
