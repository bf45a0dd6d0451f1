import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ProducerSettings } from "../../apps/src/shared/app-config.js";
import type { AppProducer, OutgoingRecord } from "../../apps/src/shared/kafka-client.js";
import { createLogger } from "../../apps/src/shared/logger.js";
import { createUserEventFactory, parseUserEvent } from "../../apps/src/shared/user-event.js";
import { runSendLoop } from "../../apps/src/producer/send-loop.js";

/** Records every batch; throws for the batch numbers listed in `failing`. */
function fakeProducer(failing: number[] = []) {
  const batches: OutgoingRecord[][] = [];
  const producer: AppProducer = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    sendBatch: async (topic, records) => {
      batches.push([...records]);
      if (failing.includes(batches.length)) throw new Error("broker said no");
      return records.map((_, index) => ({ topic, partition: 0, baseOffset: String(index) }));
    },
  };
  return { producer, batches };
}

function run(
  settings: Partial<ProducerSettings>,
  producer: AppProducer,
  signal = new AbortController().signal,
) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ app: "producer", write: (line) => lines.push(JSON.parse(line)) });
  const stats = runSendLoop({
    producer,
    events: createUserEventFactory(),
    topic: "registred_user",
    settings: { intervalMs: 0, count: 0, batchSize: 1, eventSizeBytes: 0, ...settings },
    logger,
    signal,
  });
  return { stats, lines };
}

describe("producer send loop", () => {
  it("sends exactly PRODUCER_COUNT events in batches and then stops", async () => {
    const { producer, batches } = fakeProducer();
    const { stats } = run({ count: 7, batchSize: 3 }, producer);
    assert.equal((await stats).sent, 7);
    assert.deepEqual(
      batches.map((batch) => batch.length),
      [3, 3, 1],
    );
    const seqs = batches.flat().map((record) => parseUserEvent(record.value).seq);
    assert.deepEqual(seqs, [1, 2, 3, 4, 5, 6, 7]);
  });

  it("logs each send with running sent and failed counts", async () => {
    const { producer } = fakeProducer([2]);
    const { stats, lines } = run({ count: 3 }, producer);
    assert.deepEqual(await stats, { ...(await stats), sent: 2, failed: 1 });
    assert.deepEqual(
      lines.map(({ msg, sent, failed }) => ({ msg, sent, failed })),
      [
        { msg: "sent", sent: 1, failed: 0 },
        { msg: "send failed", sent: 1, failed: 1 },
        { msg: "sent", sent: 2, failed: 1 },
      ],
    );
    assert.equal(lines[1]?.error, "broker said no");
    assert.equal(lines[0]?.partition, 0);
    assert.equal(typeof lines[0]?.key, "string");
  });

  it("stops after the batch in flight when shutdown is requested", async () => {
    const controller = new AbortController();
    const { producer, batches } = fakeProducer();
    const stopping: AppProducer = {
      ...producer,
      sendBatch: async (topic, records) => {
        controller.abort();
        return producer.sendBatch(topic, records);
      },
    };
    const { stats } = run({ count: 10 }, stopping, controller.signal);
    assert.equal((await stats).sent, 1);
    assert.equal(batches.length, 1);
  });

  it("keeps a fixed rate: the interval includes the time a send takes", async () => {
    let clock = 0;
    const starts: number[] = [];
    const producer: AppProducer = {
      ...fakeProducer().producer,
      sendBatch: async (_topic, records) => {
        starts.push(clock);
        clock += 40; // the acknowledgement takes 40 ms of the 50 ms interval
        return records.map(() => ({ topic: "registred_user", partition: 0, baseOffset: "0" }));
      },
    };
    const controller = new AbortController();
    const stats = runSendLoop({
      producer,
      events: createUserEventFactory(),
      topic: "registred_user",
      settings: { intervalMs: 50, count: 3, batchSize: 1, eventSizeBytes: 0 },
      logger: createLogger({ app: "producer", write: () => undefined }),
      signal: controller.signal,
      now: () => clock,
    });
    const started = Date.now();
    await stats;
    // Three sends, two pauses of 50 - 40 = 10 ms (real time), not two of 50 ms.
    assert.deepEqual(starts, [0, 40, 80]);
    assert.ok(Date.now() - started < 90, `paused ${Date.now() - started} ms in all`);
  });

  it("cuts the pause between batches short on shutdown", async () => {
    const controller = new AbortController();
    const { producer } = fakeProducer();
    const started = Date.now();
    const { stats } = run({ intervalMs: 60_000 }, producer, controller.signal);
    setTimeout(() => controller.abort(), 50);
    assert.equal((await stats).sent, 1);
    assert.ok(Date.now() - started < 5_000, "did not wait for the full interval");
  });
});
