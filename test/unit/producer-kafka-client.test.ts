import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Partitioners, type ICustomPartitioner, type ProducerBatch } from "kafkajs";
import { createKafka } from "../../apps/src/shared/kafka-connection.js";
import {
  createAppProducer,
  SendDeadlineError,
  wrapProducer,
  type KafkajsProducer,
} from "../../apps/src/producer/kafka-producer.js";
import {
  buildProducerConfig,
  buildSendRequest,
  SEND_DEADLINE_MS,
  SEND_RETRY,
} from "../../apps/src/producer/producer-settings.js";
import { capturingLogger } from "./support/capturing-logger";

const KEYS = Array.from({ length: 20 }, (_, index) => `user-${index}`);

describe("producer settings", () => {
  it("makes the producer idempotent with one request in flight and bounded retries", () => {
    const config = buildProducerConfig();
    assert.equal(config.idempotent, true);
    assert.equal(config.maxInFlightRequests, 1);
    assert.deepEqual(config.retry, SEND_RETRY);
    // kafkajs refuses an idempotent producer without retries.
    assert.ok((config.retry?.retries ?? 0) > 0);
    assert.ok((config.retry?.retries ?? 0) < 100);
  });

  it("gives up a send during an outage after one to two minutes", () => {
    let worstCaseMs = 0;
    let bestCaseMs = 0;
    for (let attempt = 0; attempt < SEND_RETRY.retries; attempt++) {
      const delay = SEND_RETRY.initialRetryTime * SEND_RETRY.multiplier ** attempt;
      worstCaseMs += Math.min(delay * (1 + SEND_RETRY.factor), SEND_RETRY.maxRetryTime);
      bestCaseMs += Math.min(delay * (1 - SEND_RETRY.factor), SEND_RETRY.maxRetryTime);
    }
    assert.ok(bestCaseMs > 30_000, `backoff at least ${bestCaseMs} ms`);
    assert.ok(worstCaseMs < 90_000, `backoff at most ${worstCaseMs} ms`);
    assert.ok(SEND_DEADLINE_MS >= 60_000 && SEND_DEADLINE_MS <= 120_000, `deadline ${SEND_DEADLINE_MS} ms`);
  });

  it("places keys like the Java clients (murmur2 DefaultPartitioner), not like the legacy one", () => {
    // Compared by behaviour: the apps may load their own copy of kafkajs (apps/node_modules).
    const partitionMetadata = [0, 1, 2].map((partitionId) => ({
      partitionId,
      partitionErrorCode: 0,
      leader: 1,
      replicas: [1],
      isr: [1],
      offlineReplicas: [],
    }));
    const place = (partitioner: ReturnType<ICustomPartitioner>) =>
      KEYS.map((key) =>
        partitioner({ topic: "registred_user", partitionMetadata, message: { key, value: "{}" } }),
      );
    const ours = place(buildProducerConfig().createPartitioner?.() ?? assert.fail("no partitioner chosen"));
    assert.deepEqual(ours, place(Partitioners.DefaultPartitioner()));
    assert.notDeepEqual(ours, place(Partitioners.LegacyPartitioner()));
  });

  it("sends batches with acks=all and the records keyed as given", () => {
    const request = buildSendRequest("registred_user", [
      { key: "user-1", value: "{}" },
      { key: "user-2", value: "[]" },
    ]);
    assert.equal(request.acks, -1);
    assert.deepEqual(request.topicMessages, [
      {
        topic: "registred_user",
        messages: [
          { key: "user-1", value: "{}" },
          { key: "user-2", value: "[]" },
        ],
      },
    ]);
  });

  it("creates the app's producer without a broker and without a partitioner warning", () => {
    const { logger, lines } = capturingLogger();
    const kafka = createKafka({ brokers: ["127.0.0.1:1"], clientId: "unit-test", logger });
    const producer = createAppProducer(kafka, logger);
    assert.equal(typeof producer.sendBatch, "function");
    assert.deepEqual(
      lines.filter((line) => String(line.msg).includes("partitioner")),
      [],
    );
  });
});

/** A kafkajs producer stand-in: `send` decides what each sendBatch does. */
function fakeKafkaProducers(send: (call: number) => Promise<void>) {
  const created: { connects: number; disconnects: number; batches: ProducerBatch[] }[] = [];
  let calls = 0;
  const create = (): KafkajsProducer => {
    const state = { connects: 0, disconnects: 0, batches: [] as ProducerBatch[] };
    created.push(state);
    return {
      connect: async () => void (state.connects += 1),
      disconnect: async () => void (state.disconnects += 1),
      sendBatch: async (batch) => {
        state.batches.push(batch);
        calls += 1;
        await send(calls);
        return [{ topicName: "registred_user", partition: 2, errorCode: 0, baseOffset: "41" }];
      },
    };
  };
  return { create, created };
}

describe("app producer", () => {
  const records = [{ key: "user-1", value: "{}" }];

  it("reports where a batch landed", async () => {
    const { create } = fakeKafkaProducers(async () => undefined);
    const producer = wrapProducer(create, capturingLogger().logger);
    assert.deepEqual(await producer.sendBatch("registred_user", records), [
      { topic: "registred_user", partition: 2, baseOffset: "41" },
    ]);
  });

  it("fails a send that is not acknowledged before the deadline", async () => {
    const { create } = fakeKafkaProducers(() => new Promise<void>(() => undefined));
    const producer = wrapProducer(create, capturingLogger().logger, 30);
    const started = Date.now();
    await assert.rejects(producer.sendBatch("registred_user", records), SendDeadlineError);
    assert.ok(Date.now() - started < 2_000);
  });

  it("replaces the producer after a failed send, so the next batch gets a new producer id", async () => {
    const { create, created } = fakeKafkaProducers(async (call) => {
      if (call === 1) throw new Error("retries exhausted");
    });
    const producer = wrapProducer(create, capturingLogger().logger);
    await producer.connect();
    await assert.rejects(producer.sendBatch("registred_user", records), /retries exhausted/);
    assert.equal(created.length, 2);
    assert.equal(created[0]?.disconnects, 1, "the old producer is disconnected");
    await producer.sendBatch("registred_user", records);
    assert.equal(created[1]?.connects, 1, "the new producer connects before its first send");
    assert.equal(created[1]?.batches.length, 1);
    await producer.sendBatch("registred_user", records);
    assert.equal(created[1]?.connects, 1, "and only once");
    assert.equal(created.length, 2);
  });
});
