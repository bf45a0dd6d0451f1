/**
 * The resource graph around the cluster, against Pulumi mocks: the producer and consumer (images,
 * environment, start order), the options that add or remove resources, and the program itself
 * (infra/index.ts) reading the stack config and exporting the cluster's addresses.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  CONTAINER,
  container,
  deploy,
  env,
  find,
  PROJECT,
  registrations,
  STACK,
  TEARDOWN,
  TEARDOWN_SCOPE,
  TOPIC,
  useClusterMocks,
  VOLUME,
} from "./support/cluster-mocks";

useClusterMocks();

describe("apps", () => {
  test("runs the producer and consumer on the internal listeners with the compose file's settings", async () => {
    await deploy({});
    assert.deepEqual(env("apps-producer"), {
      KAFKA_BROKERS: "kafka-1:29092",
      KAFKA_CLIENT_ID: "kafka-pulumi-producer",
      KAFKA_TOPIC: "registred_user",
      LOG_LEVEL: "info",
      PRODUCER_COUNT: "0",
      PRODUCER_INTERVAL_MS: "3000",
    });
    assert.equal(env("apps-consumer")["CONSUMER_GROUP"], "my_favorite_group");
    assert.equal(container("apps-producer").init, undefined, "the image's tini is the init process");
    const image = find("docker:index/image:Image", "apps-producer-image").inputs;
    assert.deepEqual(image["build"], {
      context: "apps",
      dockerfile: "apps/Dockerfile",
      args: { APP: "producer", NODE_IMAGE: "node:22-bookworm-slim" },
      builderVersion: "BuilderBuildKit",
      platform: `linux/${process.arch === "arm64" ? "arm64" : "amd64"}`,
    });
    assert.equal(image["skipPush"], true);
  });

  test("an unlimited producer and the consumer run until stopped", async () => {
    await deploy({});
    for (const app of ["apps-producer", "apps-consumer"]) {
      assert.equal(container(app).restart, "unless-stopped", app);
      assert.equal(container(app).mustRun, true, app);
    }
  });

  test("a producer with a count stays finished once it has sent them", async () => {
    await deploy({ producerCount: 100 });
    assert.equal(container("apps-producer").restart, "on-failure", "restarted only after a failure");
    assert.equal(container("apps-producer").mustRun, false, "a later up does not start it again");
    assert.equal(container("apps-consumer").restart, "unless-stopped");
    assert.equal(container("apps-consumer").mustRun, true);
  });
});

describe("options", () => {
  test("retainData keeps every volume on destroy", async () => {
    await deploy({ brokers: 3, retainData: true });
    const volumes = registrations.filter((r) => r.type === VOLUME);
    assert.equal(volumes.length, 3 + 2);
    for (const volume of volumes) assert.equal(volume.retainOnDelete, true, volume.name);
  });

  test("retainData keeps the topics too: destroy deletes them while the brokers still run", async () => {
    await deploy({ brokers: 3, retainData: true, topics: '[{"name":"registred_user"},{"name":"audit"}]' });
    const topics = registrations.filter((r) => r.type === TOPIC);
    assert.equal(topics.length, 2);
    for (const topic of topics) {
      assert.equal(topic.retainOnDelete, true, topic.name);
      assert.equal(topic.inputs["retainData"], undefined, `${topic.name}: not a provider input`);
    }
  });

  test("destroy is one teardown: declared first, and both components (so all they hold) are deleted with its scope", async () => {
    await deploy({ brokers: 3, retainData: true });
    const [scope, teardown] = registrations;
    assert.equal(scope?.type, TEARDOWN_SCOPE);
    assert.equal(teardown?.type, TEARDOWN);
    assert.equal(teardown.deletedWith, "", "the teardown's own delete runs");
    assert.deepEqual(teardown.inputs, {
      project: PROJECT,
      stack: STACK,
      retainData: true,
      stopGraceSeconds: 30,
    });
    const components = registrations.filter((r) => r.parent === "" && r !== scope && r !== teardown);
    assert.deepEqual(
      components.map((r) => [r.name, r.deletedWith]),
      [
        ["kafka", "teardown-scope"],
        ["apps", "teardown-scope"],
      ],
    );
  });

  test("apps=false declares no app images or containers", async () => {
    const { outputs } = await deploy({ apps: false });
    assert.equal(outputs.producerContainer, undefined);
    assert.equal(registrations.filter((r) => r.type === "docker:index/image:Image").length, 0);
    assert.deepEqual(
      registrations.filter((r) => r.type === CONTAINER).map((r) => r.name),
      ["kafka-zookeeper-1", "kafka-1"],
    );
  });

  test("without declared topics the apps start once the brokers are ready and configured", async () => {
    await deploy({ topics: "[]" });
    assert.ok(find(CONTAINER, "apps-consumer").dependencies.includes("kafka-runtime-config"));
  });
});

describe("the program (infra/index.ts)", () => {
  test("reads the stack config and exports the cluster's addresses and container names", async () => {
    const { outputs } = await deploy({
      brokers: "3",
      topics: JSON.stringify([{ name: "registred_user", partitions: 3 }, { name: "audit" }]),
    });
    assert.deepEqual(outputs, {
      platform: "docker",
      bootstrapServers: "localhost:9092,localhost:9093,localhost:9094",
      internalBootstrapServers: "kafka-1:29092,kafka-2:29092,kafka-3:29092",
      zookeeperConnect: "zookeeper-1:2181",
      networkName: `${PROJECT}-${STACK}-network`,
      topics: ["registred_user", "audit"],
      zookeeperContainers: [`${PROJECT}-${STACK}-zookeeper-1`],
      brokerContainers: [1, 2, 3].map((broker) => `${PROJECT}-${STACK}-kafka-${broker}`),
      producerContainer: `${PROJECT}-${STACK}-producer`,
      consumerContainer: `${PROJECT}-${STACK}-consumer`,
    });
    assert.equal(find(TOPIC, "kafka-topic-registred_user").inputs["partitions"], 3);
  });
});
