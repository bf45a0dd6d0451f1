/**
 * The resource graph in ZooKeeper mode, against Pulumi mocks: containers, volumes and topics for one
 * broker (the compose file's shape) and for three brokers on a three-node ensemble, with their
 * environment, ports, aliases, healthchecks, labels and start order.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  CONTAINER,
  container,
  containersNamed,
  deploy,
  env,
  find,
  GATE,
  TURN,
  NETWORK,
  PROJECT,
  registrations,
  RUNTIME_CONFIG,
  STACK,
  TOPIC,
  useClusterMocks,
  VOLUME,
} from "./support/cluster-mocks";

useClusterMocks();

describe("ZooKeeper mode, one broker (the compose file's shape)", () => {
  test("runs one ZooKeeper node and one broker with replication 1 for the internal topics", async () => {
    const { outputs } = await deploy({});
    assert.deepEqual(containersNamed("kafka-zookeeper-"), ["kafka-zookeeper-1"]);
    assert.deepEqual(containersNamed("kafka-"), ["kafka-1"]);
    assert.deepEqual(outputs.zookeeperContainers, [`${PROJECT}-${STACK}-zookeeper-1`]);
    assert.deepEqual(outputs.brokerContainers, [`${PROJECT}-${STACK}-kafka-1`]);
    const broker = env("kafka-1");
    assert.equal(broker["KAFKA_BROKER_ID"], "1");
    assert.equal(broker["KAFKA_ZOOKEEPER_CONNECT"], "zookeeper-1:2181");
    assert.equal(broker["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"], "1");
    assert.equal(broker["KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"], "1");
    assert.equal(broker["KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"], "1");
    assert.equal(broker["KAFKA_AUTO_CREATE_TOPICS_ENABLE"], "true");
    assert.equal(broker["KAFKA_ADVERTISED_LISTENERS"], "INTERNAL://kafka-1:29092,EXTERNAL://localhost:9092");
    assert.equal(broker["KAFKA_INTER_BROKER_LISTENER_NAME"], "INTERNAL");
    assert.equal(env("kafka-zookeeper-1")["ZOOKEEPER_CLIENT_PORT"], "2181");
    assert.equal(env("kafka-zookeeper-1")["ZOOKEEPER_SERVERS"], undefined);
  });

  test("publishes the broker's host listener on 127.0.0.1 only and ZooKeeper not at all", async () => {
    await deploy({});
    assert.deepEqual(container("kafka-1").ports, [{ internal: 9092, external: 9092, ip: "127.0.0.1" }]);
    assert.deepEqual(container("kafka-zookeeper-1").ports, []);
  });

  test("puts every container on the stack's network under its alias", async () => {
    const { outputs } = await deploy({});
    assert.equal(outputs.networkName, `${PROJECT}-${STACK}-network`);
    assert.deepEqual(container("kafka-zookeeper-1").networksAdvanced, [
      { name: outputs.networkName, aliases: ["zookeeper-1"] },
    ]);
    assert.deepEqual(container("kafka-1").networksAdvanced, [
      { name: outputs.networkName, aliases: ["kafka-1"] },
    ]);
    assert.deepEqual(container("apps-producer").networksAdvanced, [{ name: outputs.networkName }]);
  });

  test("gives ZooKeeper and brokers real-client probes, which readiness gates ask themselves", async () => {
    await deploy({});
    const zookeeper = container("kafka-zookeeper-1");
    assert.deepEqual(zookeeper.healthcheck?.tests.slice(0, 3), ["CMD", "bash", "-c"]);
    assert.match(zookeeper.healthcheck?.tests[3] ?? "", /\/dev\/tcp\/127\.0\.0\.1\/2181.*srvr.*\^Mode: /);
    const broker = container("kafka-1");
    assert.deepEqual(broker.healthcheck?.tests.slice(0, 3), ["CMD", "bash", "-c"]);
    // An ApiVersions request on the INTERNAL port, answered with correlation id 1 and error code 0.
    assert.match(
      broker.healthcheck?.tests[3] ?? "",
      /\/dev\/tcp\/127\.0\.0\.1\/29092 .*\\x00\\x12\\x00\\x00.*\?{8}000000010000/,
    );
    for (const name of ["kafka-zookeeper-1", "kafka-1"]) {
      assert.equal(container(name).wait, undefined, `${name}: the gates wait, not the container`);
      assert.equal(container(name).restart, "unless-stopped");
      // Docker's own probe runs rarely: each is an exec, and nothing waits for it.
      assert.equal(container(name).healthcheck?.interval, "1m0s");
    }
    // The gates ask the same probes: a broker's ApiVersions from the host on its published port, ZooKeeper's
    // srvr inside its container.
    assert.deepEqual(find(GATE, "kafka-ready").inputs, {
      containers: [`${PROJECT}-${STACK}-kafka-1`],
      probes: { [`${PROJECT}-${STACK}-kafka-1`]: { apiVersions: "localhost:9092" } },
      containerIds: ["kafka-1-id"],
      bootstrapServers: "localhost:9092",
      timeoutSeconds: 300,
    });
    assert.deepEqual(find(GATE, "kafka-zookeeper-ready").inputs, {
      containers: [`${PROJECT}-${STACK}-zookeeper-1`],
      probes: { [`${PROJECT}-${STACK}-zookeeper-1`]: { exec: zookeeper.healthcheck?.tests.slice(1) } },
      containerIds: ["kafka-zookeeper-1-id"],
      timeoutSeconds: 300,
      // The brokers wait for ZooKeeper themselves: its gate waits only after a node was replaced.
      changesOnly: true,
    });
  });

  test("stops every container with a grace period before removing it (no SIGKILL at once)", async () => {
    await deploy({});
    const graces = registrations
      .filter((r) => r.type === CONTAINER)
      .map((r) => [r.name, container(r.name).destroyGraceSeconds])
      .sort();
    assert.deepEqual(graces, [
      ["apps-consumer", 10],
      ["apps-producer", 10],
      ["kafka-1", 30],
      ["kafka-zookeeper-1", 30],
    ]);
  });

  test("starts brokers after ZooKeeper, topics after brokers and apps after topics", async () => {
    await deploy({});
    assert.ok(find(CONTAINER, "kafka-1").dependencies.includes("kafka-zookeeper-1"));
    assert.ok(find(TOPIC, "kafka-topic-registred_user").dependencies.includes("kafka-1"));
    for (const app of ["producer", "consumer"]) {
      assert.ok(
        find(CONTAINER, `apps-${app}`).dependencies.includes("kafka-topic-registred_user"),
        `${app} after the topic`,
      );
    }
  });

  test("keeps ZooKeeper and broker data in named volumes that destroy removes", async () => {
    await deploy({});
    assert.deepEqual(
      container("kafka-zookeeper-1").volumes?.map((v) => [v.volumeName, v.containerPath]),
      [
        [`${PROJECT}-${STACK}-zookeeper-1-data`, "/var/lib/zookeeper/data"],
        [`${PROJECT}-${STACK}-zookeeper-1-log`, "/var/lib/zookeeper/log"],
      ],
    );
    assert.deepEqual(container("kafka-1").volumes, [
      { volumeName: `${PROJECT}-${STACK}-kafka-1-data`, containerPath: "/var/lib/kafka/data" },
    ]);
    for (const volume of registrations.filter((r) => r.type === VOLUME)) {
      assert.notEqual(volume.retainOnDelete, true, `${volume.name} is removed by destroy`);
    }
    for (const topic of registrations.filter((r) => r.type === TOPIC)) {
      assert.notEqual(topic.retainOnDelete, true, `${topic.name} is deleted by destroy`);
    }
  });

  test("labels every container, network and volume with the project and stack", async () => {
    await deploy({});
    const labelled = registrations.filter((r) => [CONTAINER, VOLUME, NETWORK].includes(r.type));
    assert.equal(labelled.length, 4 + 3 + 1);
    for (const resource of labelled) {
      const labels = resource.inputs["labels"] as { label: string; value: string }[];
      assert.ok(
        labels.some((l) => l.label === "pulumi.project" && l.value === PROJECT),
        resource.name,
      );
      assert.ok(
        labels.some((l) => l.label === "pulumi.stack" && l.value === STACK),
        resource.name,
      );
    }
  });

  test("creates the declared topic through the host listener", async () => {
    const { outputs } = await deploy({});
    assert.deepEqual(outputs.topics, ["registred_user"]);
    const topic = find(TOPIC, "kafka-topic-registred_user").inputs;
    assert.equal(topic["bootstrapServers"], "localhost:9092");
    assert.equal(topic["partitions"], 1);
    assert.equal(topic["partitionsExplicit"], false, "defaultPartitions, kept as the topic has it later");
    assert.equal(topic["replicationFactor"], 1);
    assert.equal(topic["retainData"], undefined, "retainData is an option, not a provider input");
  });

  test("limits memory and heap per container, without swap (which Docker would otherwise read back as drift)", async () => {
    await deploy({});
    const limits = (name: string) => ({
      memory: container(name).memory,
      memorySwap: container(name).memorySwap,
    });
    assert.deepEqual(limits("kafka-1"), { memory: 1024, memorySwap: 1024 });
    assert.equal(env("kafka-1")["KAFKA_HEAP_OPTS"], "-Xms512m -Xmx512m");
    assert.deepEqual(limits("kafka-zookeeper-1"), { memory: 512, memorySwap: 512 });
    assert.equal(env("kafka-zookeeper-1")["KAFKA_HEAP_OPTS"], "-Xms256m -Xmx256m");
    assert.deepEqual(limits("apps-producer"), { memory: 256, memorySwap: 256 });
    assert.deepEqual(limits("apps-consumer"), { memory: 256, memorySwap: 256 });
  });

  // The network's provider asks for the same in its diff (test/engine/stack-network.test.ts).
  test("replaces fixed-name containers by deleting the old one first", async () => {
    await deploy({});
    const replaced = registrations.filter((r) => r.type === CONTAINER);
    assert.deepEqual(
      replaced.map((r) => [r.name, r.deleteBeforeReplace]),
      replaced.map((r) => [r.name, true]),
    );
  });

  test("creates the network and the volumes first: they wait for nothing", async () => {
    await deploy({});
    assert.deepEqual(find(NETWORK, "kafka-network").dependencies, []);
    assert.equal(find(VOLUME, "kafka-1-data").dependencies.length, 0);
  });

  test("replaces a server whose healthcheck changed (the provider would not apply it in place)", async () => {
    await deploy({});
    assert.deepEqual(find(CONTAINER, "kafka-1").replaceOnChanges, ["healthcheck"]);
    assert.deepEqual(find(CONTAINER, "kafka-zookeeper-1").replaceOnChanges, ["healthcheck"]);
  });
});

describe("ZooKeeper mode, three brokers and a three-node ensemble", () => {
  const raw = { brokers: 3, zookeeperNodes: 3 };

  test("runs an ensemble whose nodes know each other", async () => {
    await deploy(raw);
    assert.deepEqual(containersNamed("kafka-zookeeper-"), [
      "kafka-zookeeper-1",
      "kafka-zookeeper-2",
      "kafka-zookeeper-3",
    ]);
    for (const node of [1, 2, 3]) {
      const environment = env(`kafka-zookeeper-${node}`);
      assert.equal(environment["ZOOKEEPER_SERVER_ID"], String(node));
      assert.equal(
        environment["ZOOKEEPER_SERVERS"],
        "zookeeper-1:2888:3888;zookeeper-2:2888:3888;zookeeper-3:2888:3888",
      );
    }
  });

  test("gives each broker its own id, alias, advertised listener and host port", async () => {
    await deploy(raw);
    for (const broker of [1, 2, 3]) {
      const name = `kafka-${broker}`;
      const port = 9091 + broker;
      assert.equal(env(name)["KAFKA_BROKER_ID"], String(broker));
      assert.equal(
        env(name)["KAFKA_ADVERTISED_LISTENERS"],
        `INTERNAL://${name}:29092,EXTERNAL://localhost:${port}`,
      );
      assert.equal(
        env(name)["KAFKA_ZOOKEEPER_CONNECT"],
        "zookeeper-1:2181,zookeeper-2:2181,zookeeper-3:2181",
      );
      assert.deepEqual(container(name).ports, [{ internal: port, external: port, ip: "127.0.0.1" }]);
      assert.deepEqual(container(name).networksAdvanced[0]?.aliases, [name]);
    }
  });

  test("replicates three ways with two in-sync replicas by default", async () => {
    await deploy(raw);
    const broker = env("kafka-2");
    assert.equal(broker["KAFKA_DEFAULT_REPLICATION_FACTOR"], "3");
    assert.equal(broker["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"], "3");
    assert.equal(broker["KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"], "2");
    // Applied at runtime, so that changing it restarts no broker.
    assert.equal(broker["KAFKA_MIN_INSYNC_REPLICAS"], undefined);
    assert.deepEqual(find(RUNTIME_CONFIG, "kafka-runtime-config").inputs, {
      bootstrapServers: "localhost:9092,localhost:9093,localhost:9094",
      brokerIds: [1, 2, 3],
      configs: { "min.insync.replicas": "2" },
    });
    const topic = find(TOPIC, "kafka-topic-registred_user").inputs;
    assert.equal(topic["replicationFactor"], 3);
    assert.equal(topic["replicationFactorExplicit"], false, "the cluster's factor, applied at creation");
  });

  test("starts the members of each set together and waits for all of them behind one readiness gate", async () => {
    await deploy(raw);
    for (const set of ["kafka", "kafka-zookeeper"]) {
      const gate = find(GATE, `${set}-ready`);
      assert.deepEqual(
        gate.inputs["containerIds"],
        [1, 2, 3].map((member) => `${set}-${member}-id`),
      );
      for (const member of [2, 3]) {
        assert.ok(!find(CONTAINER, `${set}-${member}`).dependencies.includes(`${set}-${member - 1}`));
      }
    }
    assert.equal(
      find(GATE, "kafka-ready").inputs["bootstrapServers"],
      "localhost:9092,localhost:9093,localhost:9094",
    );
    assert.ok(find(RUNTIME_CONFIG, "kafka-runtime-config").dependencies.includes("kafka-ready"));
    const topic = find(TOPIC, "kafka-topic-registred_user");
    assert.ok(topic.dependencies.includes("kafka-ready"));
    assert.ok(!topic.dependencies.includes("kafka-runtime-config"), "topics beside the runtime settings");
    for (const app of ["apps-producer", "apps-consumer"])
      assert.ok(find(CONTAINER, app).dependencies.includes("kafka-runtime-config"));
  });

  test("replaces members one at a time: member N+1 waits for member N's turn at its new revision", async () => {
    await deploy(raw);
    for (const set of ["kafka", "kafka-zookeeper"]) {
      const revisions = [1, 2, 3].map((member) => {
        return container(`${set}-${member}`).labels.find((label) => label.label === "kafka-pulumi.revision")
          ?.value;
      });
      assert.equal(new Set(revisions).size, 3, `${set}: every member has its own revision`);
      for (const member of [1, 2]) {
        const turn = find(TURN, `${set}-${member}-rolled`);
        assert.equal(turn.inputs["container"], container(`${set}-${member}`).name);
        if (set === "kafka")
          assert.deepEqual(turn.inputs["probe"], { apiVersions: `localhost:${9091 + member}` });
        else
          assert.deepEqual(turn.inputs["probe"], {
            exec: container(`${set}-${member}`).healthcheck?.tests.slice(1),
          });
        assert.equal(turn.inputs["revision"], revisions[member - 1]);
        assert.ok(find(CONTAINER, `${set}-${member + 1}`).dependencies.includes(`${set}-${member}-rolled`));
        assert.ok(!turn.dependencies.includes(`${set}-${member}`), "a new set is not serialised");
      }
      assert.equal(
        find(TURN, `${set}-1-rolled`).inputs["bootstrapServers"],
        set === "kafka" ? "localhost:9092,localhost:9093,localhost:9094" : undefined,
      );
    }
  });

  test("starts every broker after every ZooKeeper node, and topics after every broker", async () => {
    const { outputs } = await deploy(raw);
    for (const broker of ["kafka-1", "kafka-2", "kafka-3"]) {
      const dependencies = find(CONTAINER, broker).dependencies;
      for (const node of ["kafka-zookeeper-1", "kafka-zookeeper-2", "kafka-zookeeper-3"])
        assert.ok(dependencies.includes(node));
      assert.ok(find(TOPIC, "kafka-topic-registred_user").dependencies.includes(broker));
    }
    assert.equal(outputs.bootstrapServers, "localhost:9092,localhost:9093,localhost:9094");
    assert.equal(outputs.internalBootstrapServers, "kafka-1:29092,kafka-2:29092,kafka-3:29092");
    assert.equal(outputs.zookeeperConnect, "zookeeper-1:2181,zookeeper-2:2181,zookeeper-3:2181");
    assert.deepEqual(env("apps-producer")["KAFKA_BROKERS"], "kafka-1:29092,kafka-2:29092,kafka-3:29092");
  });

  test("publishes ZooKeeper client ports only when zookeeperHostPort is set", async () => {
    await deploy({ ...raw, zookeeperHostPort: 2181 });
    assert.deepEqual(container("kafka-zookeeper-3").ports, [
      { internal: 2181, external: 2183, ip: "127.0.0.1" },
    ]);
  });
});
