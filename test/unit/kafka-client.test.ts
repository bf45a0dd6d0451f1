import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Partitioners, logLevel } from "kafkajs";
import type { Consumer, EachBatchPayload, ProducerBatch } from "kafkajs";
import { isAssigned, pruneToAssignment } from "../../apps/src/shared/consumer-offsets.js";
import {
  createAppProducer,
  createKafkaClient,
  SendDeadlineError,
  wrapConsumer,
  type KafkaProducer,
} from "../../apps/src/shared/kafka-client.js";
import { createKafkaLogCreator } from "../../apps/src/shared/kafka-log.js";
import {
  buildConsumerConfig,
  buildKafkaConfig,
  buildProducerConfig,
  buildSendRequest,
  CLUSTER_RETRY,
  CONSUMER_RUN_SETTINGS,
  SEND_DEADLINE_MS,
  SEND_RETRY,
} from "../../apps/src/shared/kafka-settings.js";
import { createLogger, type LogLevel } from "../../apps/src/shared/logger.js";

function capturingLogger(level: LogLevel = "info") {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    app: "test",
    level,
    write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  return { logger, lines };
}

// An address nothing listens on: creating clients must not need a broker.
const settings = (level: LogLevel = "info") => ({
  brokers: ["127.0.0.1:1"],
  clientId: "unit-test",
  ...capturingLogger(level),
});

describe("Kafka client settings", () => {
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

  it("chooses the murmur2 DefaultPartitioner explicitly", () => {
    const config = buildProducerConfig();
    assert.equal(config.createPartitioner, Partitioners.DefaultPartitioner);
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

  it("retries for minutes before giving up on an unreachable cluster", () => {
    const config = buildKafkaConfig(settings());
    assert.deepEqual(config.brokers, ["127.0.0.1:1"]);
    assert.equal(config.clientId, "unit-test");
    assert.deepEqual(config.retry, CLUSTER_RETRY);
    let worstCaseMs = 0;
    for (let attempt = 0; attempt < CLUSTER_RETRY.retries; attempt++) {
      const delay = CLUSTER_RETRY.initialRetryTime * CLUSTER_RETRY.multiplier ** attempt;
      worstCaseMs += Math.min(delay * (1 - CLUSTER_RETRY.factor), CLUSTER_RETRY.maxRetryTime);
    }
    assert.ok(worstCaseMs > 5 * 60_000, `total retry time ${worstCaseMs} ms`);
  });

  it("passes the app's log level on to kafkajs", () => {
    assert.equal(buildKafkaConfig(settings("debug")).logLevel, logLevel.DEBUG);
    assert.equal(buildKafkaConfig(settings("warn")).logLevel, logLevel.WARN);
  });

  it("bounds a fetch's wait, so shutdown does not wait out a long fetch", () => {
    const { logger } = capturingLogger();
    assert.equal(buildConsumerConfig("my_favorite_group", logger).maxWaitTimeInMs, 1_000);
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

  it("creates a producer and a consumer without a broker and without a partitioner warning", () => {
    const { logger, lines, ...rest } = settings();
    const client = createKafkaClient({ ...rest, logger });
    const producer = client.producer();
    const consumer = client.consumer("my_favorite_group");
    assert.equal(typeof producer.sendBatch, "function");
    assert.equal(typeof consumer.run, "function");
    assert.deepEqual(
      lines.filter((line) => String(line.msg).includes("partitioner")),
      [],
    );
  });

  it("writes kafkajs log entries as our JSON lines", () => {
    const { logger, lines } = capturingLogger();
    const write = createKafkaLogCreator(logger)(logLevel.INFO);
    write({
      namespace: "Consumer",
      level: logLevel.WARN,
      label: "WARN",
      log: { timestamp: "then", logger: "kafkajs", message: "Restarting the consumer", groupId: "g" },
    });
    assert.equal(lines.length, 1);
    const [line] = lines;
    assert.equal(line?.level, "warn");
    assert.equal(line?.msg, "Restarting the consumer");
    assert.equal(line?.component, "kafkajs");
    assert.equal(line?.namespace, "Consumer");
    assert.equal(line?.groupId, "g");
    assert.equal(line?.app, "test");
    assert.notEqual(line?.timestamp, "then");
  });

  it("lets batches of different partitions be handled concurrently", () => {
    assert.equal(CONSUMER_RUN_SETTINGS.partitionsConsumedConcurrently, 3);
  });

  it("buffers log lines until flush and writes them with one call", () => {
    const writes: string[] = [];
    const logger = createLogger({ app: "test", level: "info", write: (text) => writes.push(text) });
    const buffered = logger.child({ batch: 1 }).buffered();
    buffered.info("first", { n: 1 });
    buffered.debug("below the level");
    buffered.warn("second", { n: 2 });
    assert.deepEqual(writes, []);
    buffered.flush();
    buffered.flush();
    assert.equal(writes.length, 1);
    const lines = (writes[0] ?? "").split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(
      lines.map((line) => [line.level, line.msg, line.batch, line.n]),
      [
        ["info", "first", 1, 1],
        ["warn", "second", 1, 2],
      ],
    );
  });
});

/** A kafkajs producer stand-in: `send` decides what each sendBatch does. */
function fakeKafkaProducers(send: (call: number) => Promise<void>) {
  const created: { connects: number; disconnects: number; batches: ProducerBatch[] }[] = [];
  let calls = 0;
  const create = (): KafkaProducer => {
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
    const producer = createAppProducer(create, capturingLogger().logger);
    assert.deepEqual(await producer.sendBatch("registred_user", records), [
      { topic: "registred_user", partition: 2, baseOffset: "41" },
    ]);
  });

  it("fails a send that is not acknowledged before the deadline", async () => {
    const { create } = fakeKafkaProducers(() => new Promise<void>(() => undefined));
    const producer = createAppProducer(create, capturingLogger().logger, 30);
    const started = Date.now();
    await assert.rejects(producer.sendBatch("registred_user", records), SendDeadlineError);
    assert.ok(Date.now() - started < 2_000);
  });

  it("replaces the producer after a failed send, so the next batch gets a new producer id", async () => {
    const { create, created } = fakeKafkaProducers(async (call) => {
      if (call === 1) throw new Error("retries exhausted");
    });
    const producer = createAppProducer(create, capturingLogger().logger);
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
    const consumer = wrapConsumer(fake as unknown as Consumer, capturingLogger());
    await consumer.run(() => undefined);
    const handle = (partition: number, offset: string) =>
      eachBatch?.({
        batch: { topic: "registred_user", partition, messages: [{ offset, key: null, value: null }] },
        resolveOffset: () => undefined,
        heartbeat: async () => undefined,
        isRunning: () => true,
        isStale: () => false,
      } as unknown as EachBatchPayload);

    emit("group_join", { memberAssignment: { registred_user: [0, 1] } });
    await handle(0, "10");
    await handle(1, "20");
    // The commit at REBALANCING fails; partition 0 then moves to another member.
    await assert.rejects(consumer.commit(), /rebalance in progress/);
    emit("group_join", { memberAssignment: { registred_user: [1] } });
    await consumer.commit();
    assert.deepEqual(commits[1], [{ topic: "registred_user", partition: 1, offset: "21" }]);
    // A batch of the revoked partition that finishes late is not recorded either.
    await handle(0, "11");
    await handle(1, "21");
    await consumer.commit();
    assert.deepEqual(commits[2], [{ topic: "registred_user", partition: 1, offset: "22" }]);
    await consumer.disconnect();
  });
});
