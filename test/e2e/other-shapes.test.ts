/**
 * The other shapes users pick: KRaft mode (brokers that are also controllers) and the original compose
 * file's shape (one broker, replication 1, the producer's topic created on first use). Each comes up
 * healthy through `pulumi up` and passes a round trip from the host; KRaft's brokers, the controller quorum
 * among them, also roll one at a time under steady writes.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { E2eStack, e2eSkip, shippedStackConfig, stage } from "./support/e2e-stack.js";
import { assertInOrderPerKey, keyedRecords, produce, readAll, topicLayout } from "./support/host-kafka.js";
import { assertOneAtATime, assertWritesKeptGoing, underSteadyWrites } from "./support/rolling-checks.js";
import {
  assertRunningAndHealthy,
  eventually,
  jsonLogLines,
  removeStackObjects,
} from "./support/stack-containers.js";

const skip = e2eSkip();
const AIRGAP_IMAGES = {
  kafkaImage: "kafka-airgap/kafka:3.9.1",
  zookeeperImage: "kafka-airgap/zookeeper:3.9.1",
  nodeImage: "kafka-airgap/node:22",
};

async function roundTrip(e2e: E2eStack, topic: string): Promise<void> {
  const bootstrap = await e2e.output<string>("bootstrapServers");
  const sent = keyedRecords(300, 5, "shape");
  await produce(bootstrap, topic, sent);
  const received = await readAll(bootstrap, topic, sent.length, {
    keep: (record) => record.key.startsWith("shape-"),
  });
  assertInOrderPerKey(sent, received);
}

describe("other cluster shapes through pulumi up", { skip, timeout: 20 * 60_000 }, () => {
  test("g. KRaft mode: three brokers that are also controllers", async () => {
    const e2e = await E2eStack.create("kraft", {
      ...shippedStackConfig("airgap"),
      mode: "kraft",
      apps: "false",
    });
    try {
      await stage("up (kraft, 3 brokers)", () => e2e.up());
      const names = ["kafka-1", "kafka-2", "kafka-3"].map((broker) => `kafka-pulumi-${e2e.name}-${broker}`);
      await assertRunningAndHealthy(e2e.name, names);
      await stage("round trip (kraft)", () => roundTrip(e2e, "registred_user"));
      const bootstrap = await e2e.output<string>("bootstrapServers");
      const run = await underSteadyWrites(AIRGAP_IMAGES.kafkaImage, bootstrap, "e2e-rolling", async () => {
        await e2e.configure({ brokerHeap: "448m" });
        await stage("up: brokerHeap 512m->448m (kraft, rolling)", () => e2e.up());
      });
      await assertOneAtATime(e2e.name, names);
      await assertRunningAndHealthy(e2e.name, names);
      assertWritesKeptGoing(run, "the KRaft brokerHeap change");
    } finally {
      await stage("destroy (kraft)", () => e2e.remove());
      await removeStackObjects(e2e.name);
    }
  });

  test("g. the compose file's shape: one broker, replication 1, the producer's topic auto-created", async () => {
    const e2e = await E2eStack.create("compose", {
      ...shippedStackConfig("compose"),
      ...AIRGAP_IMAGES,
      topics: "[]",
      producerIntervalMs: "200",
    });
    try {
      await stage("up (compose shape)", () => e2e.up());
      const consumer = await e2e.output<string>("consumerContainer");
      const prefix = `kafka-pulumi-${e2e.name}-`;
      await assertRunningAndHealthy(
        e2e.name,
        ["zookeeper-1", "kafka-1", "producer", "consumer"].map((n) => prefix + n),
      );
      const received = await eventually(
        async () => (await jsonLogLines(consumer)).filter((line) => line["msg"] === "received"),
        (lines) => lines.length > 0,
        60_000,
      );
      assert.ok(received.length > 0, "the consumer logs the producer's events");
      const bootstrap = await e2e.output<string>("bootstrapServers");
      assert.deepEqual(
        (await topicLayout(bootstrap, "registred_user")).replicas,
        [1],
        "auto-created, replication 1",
      );
      await stage("round trip (compose shape)", () => roundTrip(e2e, "registred_user"));

      await e2e.configure({ brokerHeap: "384m" });
      const preview = await stage("preview of a brokerHeap change", () => e2e.stack.preview());
      assert.match(
        preview.stdout,
        /this update restarts brokers, and writes stop until they are back: brokers=1, replicationFactor=1/,
        "a change that restarts the only broker says so before it is applied",
      );
    } finally {
      await stage("destroy (compose shape)", () => e2e.remove());
      await removeStackObjects(e2e.name);
    }
  });
});
