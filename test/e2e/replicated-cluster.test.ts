/**
 * The airgap stack's shape (three brokers, replication 3, min ISR 2, the apps) through `pulumi up` with the
 * real CLI and docker plugin: it comes up healthy and serves host clients, re-runs change nothing, it heals
 * drift, it loses no acknowledged message when a broker stops, config changes replace the brokers one at a
 * time under a steady host producer, and bad config changes nothing.
 * The cases share one stack and run in order.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { docker } from "../support/commands.js";
import { execFileSync } from "node:child_process";
import { withAdmin } from "../../infra/admin/admin-client";
import { changes, E2eStack, e2eSkip, shippedStackConfig, stage } from "./support/e2e-stack.js";
import {
  assertInOrderPerKey,
  brokerConfig,
  keyedRecords,
  produce,
  readAll,
  topicLayout,
  waitForFullIsr,
} from "./support/host-kafka.js";
import { assertOneAtATime, assertWritesKeptGoing, underSteadyWrites } from "./support/rolling-checks.js";
import {
  assertRunningAndHealthy,
  containerStates,
  eventually,
  jsonLogLines,
  removeStackObjects,
} from "./support/stack-containers.js";

const skip = e2eSkip();
const TOPIC = "registred_user";
const REBUILT_TAG = "e2e-rolling";

/** The same image under a new id (one more label), so that switching to it replaces every broker. */
async function rebuiltImage(image: string): Promise<string> {
  const tag = `${image.split(":")[0]}:${REBUILT_TAG}`;
  execFileSync("docker", ["build", "-q", "-t", tag, "-"], {
    input: `FROM ${image}\nLABEL kafka-pulumi.e2e=rolling\n`,
    stdio: ["pipe", "ignore", "pipe"],
  });
  return tag;
}

/** Brokers replaced one at a time start several seconds apart (each waits for the one before it). */
describe("the replicated airgap cluster through pulumi up", { skip, timeout: 40 * 60_000 }, () => {
  let e2e: E2eStack;
  let bootstrap: string;
  const name = (suffix: string) => `kafka-pulumi-${e2e.name}-${suffix}`;
  const allContainers = () => [
    ...["zookeeper-1", "kafka-1", "kafka-2", "kafka-3"].map(name),
    name("producer"),
    name("consumer"),
  ];

  before(async () => {
    e2e = await E2eStack.create("replicated", {
      ...shippedStackConfig("airgap"),
      // A quick producer, so the consumer's log shows its events within seconds.
      producerIntervalMs: "200",
    });
  });

  after(async () => {
    if (e2e === undefined) return;
    await stage("destroy", () => e2e.remove());
    await removeStackObjects(e2e.name);
    const image = shippedStackConfig("airgap")["kafkaImage"] ?? "";
    await docker(["rmi", `${image.split(":")[0]}:${REBUILT_TAG}`]).catch(() => undefined);
  });

  test("a. comes up from nothing: every container healthy, host clients served in order per key", async () => {
    const result = await stage("up from nothing", () => e2e.up());
    assert.equal(result.summary.result, "succeeded");
    bootstrap = await e2e.output<string>("bootstrapServers");
    assert.equal(bootstrap, "localhost:9092,localhost:9093,localhost:9094");
    await assertRunningAndHealthy(e2e.name, allContainers());

    const sent = keyedRecords(1000, 10);
    await stage("1,000 keyed records from the host", () => produce(bootstrap, TOPIC, sent));
    // The producer app writes to the same topic: keep only the host's records.
    const received = await stage("read back from the host", () =>
      readAll(bootstrap, TOPIC, sent.length, { keep: (record) => record.key.startsWith("key-") }),
    );
    assertInOrderPerKey(sent, received);

    const consumer = await e2e.output<string>("consumerContainer");
    const producer = await e2e.output<string>("producerContainer");
    const sentByProducer = (await jsonLogLines(producer)).filter((line) => line["msg"] === "sent");
    assert.ok(sentByProducer.length > 0, "the producer logs sent events");
    const seen = await eventually(
      async () => (await jsonLogLines(consumer)).filter((line) => line["msg"] === "received"),
      (lines) =>
        lines.some((line) => typeof line["key"] === "string" && !String(line["key"]).startsWith("key-")),
      30_000,
    );
    const producerKeys = new Set(sentByProducer.map((line) => line["key"]));
    assert.ok(
      seen.some((line) => producerKeys.has(line["key"])),
      "the consumer logs events the producer sent",
    );
  });

  test("b. a second up and an up --refresh change nothing", async () => {
    await stage("second up (expect no changes)", () => e2e.up({ expectNoChanges: true }));
    await stage("up --refresh (expect no changes)", () => e2e.up({ refresh: true, expectNoChanges: true }));
  });

  test("d. drift: a stopped broker and a removed app container are back after up --refresh", async () => {
    await docker(["stop", name("kafka-2")]);
    await docker(["rm", "-f", name("consumer")]);
    const result = await stage("up --refresh after drift", () => e2e.up({ refresh: true }));
    assert.ok(Object.keys(changes(result)).length > 0, "the drift was noticed");
    await assertRunningAndHealthy(e2e.name, allContainers());
    await stage("broker back in every ISR", () => waitForFullIsr(bootstrap));
    await stage("then up --refresh (expect no changes)", () =>
      e2e.up({ refresh: true, expectNoChanges: true }),
    );
  });

  test("e. broker loss: 5,000 acks=all records while a broker stops, all read back exactly once", async () => {
    const topic = "e2e-broker-loss";
    await withAdmin(bootstrap, (admin) =>
      admin.createTopics({
        topics: [{ topic, numPartitions: 3, replicationFactor: 3 }],
        waitForLeaders: true,
      }),
    );
    const sent = keyedRecords(5000, 20, "loss");
    const acknowledged = await stage("5,000 records, kafka-3 stopped after 1,000", () =>
      produce(bootstrap, topic, sent, {
        batch: 50,
        between: async (count) => {
          if (count === 1000) await docker(["stop", name("kafka-3")]);
        },
      }),
    );
    assert.equal(acknowledged, 5000);
    const states = await containerStates(e2e.name);
    assert.equal(states.get(name("kafka-3"))?.status, "exited", "kafka-3 was down during the run");
    const received = await stage("read back", () => readAll(bootstrap, topic, 5000));
    assertInOrderPerKey(sent, received);
    await stage("up --refresh brings kafka-3 back", () => e2e.up({ refresh: true }));
    await assertRunningAndHealthy(e2e.name, allContainers());
    await stage("every ISR full again", () => waitForFullIsr(bootstrap));
  });

  test("c. replicationFactor and kafkaImage changes roll broker by broker under a steady host producer", async () => {
    const apps = [name("producer"), name("consumer")];
    const appsBefore = await containerStates(e2e.name);
    const kafkaImage = shippedStackConfig("airgap")["kafkaImage"] ?? "";
    const brokers = ["kafka-1", "kafka-2", "kafka-3"].map(name);
    const run = await underSteadyWrites(kafkaImage, bootstrap, "e2e-rolling", async () => {
      await e2e.configure({ replicationFactor: "2", minInsyncReplicas: "1" });
      await stage("up: replicationFactor 3->2, minInsyncReplicas 2->1 (rolling)", () => e2e.up());
      await assertOneAtATime(e2e.name, brokers);
      await e2e.configure({ kafkaImage: await rebuiltImage(kafkaImage) });
      await stage("up: kafkaImage -> another build of the same image (rolling)", () => e2e.up());
      await assertOneAtATime(e2e.name, brokers);
    });
    assertWritesKeptGoing(run, "both changes");

    const appsAfter = await containerStates(e2e.name);
    for (const app of apps) {
      assert.equal(appsAfter.get(app)?.id, appsBefore.get(app)?.id, `${app} was not replaced`);
      assert.equal(appsAfter.get(app)?.restartCount, 0, `${app} did not restart`);
    }
    const sentAfter = (await jsonLogLines(name("producer"))).filter(
      (line) => line["msg"] === "sent" && Date.parse(String(line["time"])) > Date.now() - 30_000,
    );
    assert.ok(sentAfter.length > 0, "the producer app still sends");

    for (const broker of [1, 2, 3]) {
      assert.equal(await brokerConfig(bootstrap, broker, "default.replication.factor"), "2");
      assert.equal(await brokerConfig(bootstrap, broker, "min.insync.replicas"), "1");
    }
    const topic = "e2e-after-replication-change";
    await withAdmin(bootstrap, (admin) => admin.createTopics({ topics: [{ topic }], waitForLeaders: true }));
    const created = await topicLayout(bootstrap, topic);
    assert.deepEqual(created.replicas, [2, 2, 2], "a new topic gets the new replication factor");
    assert.equal(created.minInsyncReplicas, "1");

    await e2e.configure({ topics: JSON.stringify([{ name: TOPIC, partitions: 6 }]) });
    await stage("up: registred_user partitions 3->6", () => e2e.up());
    assert.equal((await topicLayout(bootstrap, TOPIC)).replicas.length, 6);

    await e2e.configure({ brokers: "4" });
    await stage("up: brokers 3->4", () => e2e.up());
    await assertRunningAndHealthy(e2e.name, [...allContainers(), name("kafka-4")]);
    const four = await withAdmin(bootstrap, (admin) => admin.describeCluster());
    assert.deepEqual(four.brokers.map((broker) => broker.nodeId).sort(), [1, 2, 3, 4]);
    assert.equal(await e2e.output<string>("bootstrapServers"), `${bootstrap},localhost:9095`);

    await e2e.configure({ brokers: "3" });
    await stage("up: brokers 4->3", () => e2e.up());
    const three = await withAdmin(bootstrap, (admin) => admin.describeCluster());
    assert.deepEqual(three.brokers.map((broker) => broker.nodeId).sort(), [1, 2, 3]);
    assert.equal((await containerStates(e2e.name)).has(name("kafka-4")), false, "kafka-4 is removed");
    await stage("every ISR full", () => waitForFullIsr(bootstrap));
  });

  test("h. bad config fails preview and up with the validation message and keeps what exists", async () => {
    const before = await containerStates(e2e.name);
    await e2e.configure({ replicationFactor: "4" });
    const message = /replicationFactor="4" is invalid: expected a whole number from 0 to 3/;
    await assert.rejects(e2e.stack.preview(), message);
    await assert.rejects(e2e.up(), message);
    const after = await containerStates(e2e.name);
    assert.deepEqual(
      [...after.values()].map((state) => [state.name, state.id, state.status]),
      [...before.values()].map((state) => [state.name, state.id, state.status]),
    );
    await e2e.configure({ replicationFactor: "2" });
    await stage("up after the fix (expect no changes)", () => e2e.up({ expectNoChanges: true }));
  });
});
