import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ProducerSettings } from "../../apps/src/shared/app-config.js";
import { EXIT_CRASH, EXIT_OK } from "../../apps/src/shared/process-lifecycle.js";
import type { AppProducer, OutgoingRecord } from "../../apps/src/producer/kafka-producer.js";
import { runProducer } from "../../apps/src/producer/run-producer.js";
import { nextDue, runSendLoop } from "../../apps/src/producer/send-loop.js";
import { createUserEventFactory } from "../../apps/src/producer/user-event-factory.js";
import { parseUserEvent } from "../../apps/src/consumer/user-event-parser.js";
import { capturingLogger } from "./support/capturing-logger";

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
  inFlightGraceMs?: number,
) {
  const { logger, lines } = capturingLogger("producer");
  const stats = runSendLoop({
    producer,
    events: createUserEventFactory(),
    topic: "registred_user",
    settings: { intervalMs: 0, count: 0, batchSize: 1, eventSizeBytes: 0, ...settings },
    logger,
    signal,
    ...(inFlightGraceMs === undefined ? {} : { inFlightGraceMs }),
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
    const pauses: number[] = [];
    const producer: AppProducer = {
      ...fakeProducer().producer,
      sendBatch: async (_topic, records) => {
        starts.push(clock);
        clock += 40; // the acknowledgement takes 40 ms of the 50 ms interval
        return records.map(() => ({ topic: "registred_user", partition: 0, baseOffset: "0" }));
      },
    };
    await runSendLoop({
      producer,
      events: createUserEventFactory(),
      topic: "registred_user",
      settings: { intervalMs: 50, count: 3, batchSize: 1, eventSizeBytes: 0 },
      logger: capturingLogger("producer").logger,
      signal: new AbortController().signal,
      now: () => clock,
      pause: async (ms) => {
        pauses.push(ms);
        clock += Math.max(ms, 0);
      },
    });
    // Sends due at 0, 50 and 100: each pause is what is left of the interval, 50 - 40 = 10 ms.
    assert.deepEqual(starts, [0, 50, 100]);
    assert.deepEqual(pauses, [10, 10, 10]);
  });

  it("makes up late batches by sending the next at once, but at most a second's worth after an outage", () => {
    // Due at 0, 50, 100: the batch due at 50 is acknowledged at 130, so the one due at 100 starts at once.
    assert.equal(nextDue(50, 130, 50), 100);
    // On time: the next is due one interval after the last was due, not after it ended.
    assert.equal(nextDue(100, 120, 50), 150);
    // After a 10 s outage, one second of batches is sent at once, then the rate resumes.
    assert.equal(nextDue(50, 10_050, 50), 9_050);
    // An interval longer than a second: at most one batch is made up.
    assert.equal(nextDue(5_000, 60_000, 5_000), 55_000);
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

/** A producer whose sends never settle, as during a broker outage with unbounded retries. */
function hangingProducer() {
  let sends = 0;
  const producer: AppProducer = {
    ...fakeProducer().producer,
    sendBatch: () => {
      sends += 1;
      return new Promise(() => undefined);
    },
  };
  return { producer, sends: () => sends };
}

describe("producer send loop during an outage", () => {
  it("counts a batch whose send gives up as failed and goes on", async () => {
    const { producer, batches } = fakeProducer([1, 2]);
    const { stats, lines } = run({ count: 3 }, producer);
    assert.deepEqual(await stats, { ...(await stats), sent: 1, failed: 2, unacknowledged: 0 });
    assert.equal(batches.length, 3);
    assert.deepEqual(
      lines.map((line) => line.msg),
      ["send failed", "send failed", "sent"],
    );
  });

  it("stops waiting for an unacknowledged batch soon after shutdown and reports it", async () => {
    const controller = new AbortController();
    const { producer, sends } = hangingProducer();
    const started = Date.now();
    const { stats, lines } = run({ count: 0, batchSize: 4 }, producer, controller.signal, 50);
    setTimeout(() => controller.abort(), 20);
    const result = await stats;
    assert.ok(Date.now() - started < 2_000, `waited ${Date.now() - started} ms`);
    assert.deepEqual(result, { ...result, sent: 0, failed: 0, unacknowledged: 4 });
    assert.equal(sends(), 1);
    const warning = lines.find(
      (line) => line.msg === "stopped waiting for the batch in flight; its events are unacknowledged",
    );
    assert.equal(warning?.unacknowledged, 4);
    assert.equal(warning?.level, "warn");
  });

  it("still takes an acknowledgement that arrives within the grace period", async () => {
    const controller = new AbortController();
    const { producer } = fakeProducer();
    const slow: AppProducer = {
      ...producer,
      sendBatch: async (topic, records) => {
        controller.abort();
        await new Promise((resolve) => setTimeout(resolve, 20));
        return producer.sendBatch(topic, records);
      },
    };
    const { stats } = run({ count: 5 }, slow, controller.signal, 5_000);
    assert.deepEqual(await stats, { ...(await stats), sent: 1, unacknowledged: 0 });
  });
});

describe("producer app", () => {
  function start(producer: AppProducer, settings: Partial<ProducerSettings>) {
    const controller = new AbortController();
    let requested: () => void = () => undefined;
    const shutdown = {
      signal: controller.signal,
      requested: new Promise<void>((resolve) => (requested = resolve)),
    };
    const stop = () => {
      controller.abort();
      requested();
    };
    const { logger, lines } = capturingLogger("producer");
    const exit = runProducer({
      producer,
      brokers: ["kafka-1:9092"],
      topic: "registred_user",
      settings: { intervalMs: 0, count: 0, batchSize: 1, eventSizeBytes: 0, ...settings },
      logger,
      shutdown,
      inFlightGraceMs: 50,
      disconnectTimeoutMs: 50,
    });
    return { exit, stop, lines };
  }

  it("exits 0 on a signal while a send hangs, without waiting for it or for disconnect", async () => {
    const { producer } = hangingProducer();
    const stuck: AppProducer = { ...producer, disconnect: () => new Promise(() => undefined) };
    const { exit, stop, lines } = start(stuck, {});
    setTimeout(stop, 20);
    const started = Date.now();
    assert.equal(await exit, EXIT_OK);
    assert.ok(Date.now() - started < 2_000, `took ${Date.now() - started} ms`);
    const summary = lines.find((line) => line.msg === "summary");
    assert.equal(summary?.unacknowledged, 1);
    assert.equal(summary?.stoppedBy, "signal");
    assert.ok(lines.some((line) => line.msg === "disconnect did not finish in time; exiting"));
  });

  it("exits 1 when a counted run lost events because sends gave up", async () => {
    const { producer } = fakeProducer([2]);
    const { exit, lines } = start(producer, { count: 3 });
    assert.equal(await exit, EXIT_CRASH);
    assert.deepEqual(
      lines.find((line) => line.msg === "summary"),
      {
        ...lines.find((line) => line.msg === "summary"),
        sent: 2,
        failed: 1,
        stoppedBy: "count",
      },
    );
    assert.ok(lines.some((line) => line.msg === "disconnected"));
  });

  it("exits 0 when a counted run delivered everything", async () => {
    const { producer } = fakeProducer();
    assert.equal(await start(producer, { count: 2 }).exit, EXIT_OK);
  });
});
