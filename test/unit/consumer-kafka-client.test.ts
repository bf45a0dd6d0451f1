import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Consumer, EachBatchPayload } from "kafkajs";
import { createKafka } from "../../apps/src/shared/kafka-connection.js";
import { isAssigned, pruneToAssignment } from "../../apps/src/consumer/consumer-offsets.js";
import { buildConsumerConfig, CONSUMER_RUN_SETTINGS } from "../../apps/src/consumer/consumer-settings.js";
import { createAppConsumer, wrapConsumer } from "../../apps/src/consumer/kafka-consumer.js";
import { capturingLogger } from "./support/capturing-logger";

describe("consumer settings", () => {
  it("bounds a fetch's wait, so shutdown does not wait out a long fetch", () => {
    const { logger } = capturingLogger();
    assert.equal(buildConsumerConfig("my_favorite_group", logger).maxWaitTimeInMs, 3_000);
  });

  it("restarts the consumer after retriable failures and logs why", async () => {
    const { logger, lines } = capturingLogger();
    const config = buildConsumerConfig("my_favorite_group", logger);
    assert.equal(config.groupId, "my_favorite_group");
    const restart = await config.retry?.restartOnFailure?.(new Error("coordinator not available"));
    assert.equal(restart, true);
    assert.equal(lines[0]?.level, "warn");
    assert.equal(lines[0]?.error, "coordinator not available");
  });

  it("lets batches of different partitions be handled concurrently", () => {
    assert.equal(CONSUMER_RUN_SETTINGS.partitionsConsumedConcurrently, 3);
  });

  it("creates the app's consumer without a broker", () => {
    const { logger, lines } = capturingLogger();
    const kafka = createKafka({ brokers: ["127.0.0.1:1"], clientId: "unit-test", logger });
    const consumer = createAppConsumer(kafka, "my_favorite_group", logger);
    assert.equal(typeof consumer.run, "function");
    assert.deepEqual(lines, []);
  });
});

/** A kafkajs consumer stand-in: events are emitted by hand, batches handed in one at a time. */
function fakeKafkaConsumer() {
  const listeners = new Map<string, ((event: { payload: unknown }) => void)[]>();
  const commits: unknown[][] = [];
  let eachBatch: ((payload: EachBatchPayload) => Promise<void>) | undefined;
  const fake = {
    events: { REBALANCING: "rebalancing", GROUP_JOIN: "group_join", CRASH: "crash" },
    on: (event: string, listener: (event: { payload: unknown }) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return () => undefined;
    },
    run: async (config: { eachBatch: (payload: EachBatchPayload) => Promise<void> }) => {
      eachBatch = config.eachBatch;
    },
    commitOffsets: async (offsets: unknown[]) => {
      commits.push(offsets);
      if (commits.length === 1) throw new Error("rebalance in progress");
    },
    disconnect: async () => undefined,
  };
  const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l({ payload }));
  const handle = (partition: number, offset: string) =>
    eachBatch?.({
      batch: { topic: "registred_user", partition, messages: [{ offset, key: null, value: null }] },
      resolveOffset: () => undefined,
      heartbeat: async () => undefined,
      isRunning: () => true,
      isStale: () => false,
    } as unknown as EachBatchPayload);
  return { consumer: fake as unknown as Consumer, emit, handle, commits };
}

/** Lets commits started in the background by an event finish. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("consumer offsets", () => {
  it("drops offsets of partitions that are not in the new assignment", () => {
    const handled = new Map<string, unknown>([
      ["registred_user:0", { offset: "5" }],
      ["registred_user:1", { offset: "7" }],
      ["other:0", { offset: "1" }],
    ]);
    const committed = new Map<string, string>([
      ["registred_user:0", "5"],
      ["registred_user:2", "3"],
    ]);
    const dropped = pruneToAssignment({ registred_user: [1, 2] }, handled, committed);
    assert.deepEqual(dropped, ["other:0", "registred_user:0"]);
    assert.deepEqual([...handled.keys()], ["registred_user:1"]);
    assert.deepEqual([...committed.keys()], ["registred_user:2"]);
    assert.equal(isAssigned({ registred_user: [1, 2] }, "registred_user", 2), true);
    assert.equal(isAssigned({ registred_user: [1, 2] }, "registred_user", 0), false);
    assert.equal(isAssigned({}, "registred_user", 0), false);
  });

  it("never commits an offset for a partition revoked at a rebalance", async () => {
    const fake = fakeKafkaConsumer();
    const { logger, lines } = capturingLogger();
    const consumer = wrapConsumer(fake.consumer, logger);
    await consumer.run(() => undefined);

    fake.emit("group_join", { memberAssignment: { registred_user: [0, 1] } });
    await fake.handle(0, "10");
    await fake.handle(1, "20");
    // The commit at REBALANCING fails; partition 0 then moves to another member.
    fake.emit("rebalancing", {});
    await settle();
    assert.equal(lines[0]?.msg, "offset commit failed; retrying with the next commit");
    fake.emit("group_join", { memberAssignment: { registred_user: [1] } });
    fake.emit("rebalancing", {});
    await settle();
    assert.deepEqual(fake.commits[1], [{ topic: "registred_user", partition: 1, offset: "21" }]);
    // A batch of the revoked partition that finishes late is not recorded either.
    await fake.handle(0, "11");
    await fake.handle(1, "21");
    await consumer.disconnect();
    assert.deepEqual(fake.commits[2], [{ topic: "registred_user", partition: 1, offset: "22" }]);
    assert.equal(fake.commits.length, 3);
  });
});
