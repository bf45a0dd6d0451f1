import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Partitioners, logLevel } from "kafkajs";
import { createKafkaClient } from "../../apps/src/shared/kafka-client.js";
import { createKafkaLogCreator } from "../../apps/src/shared/kafka-log.js";
import {
  buildConsumerConfig,
  buildKafkaConfig,
  buildProducerConfig,
  buildSendRequest,
  CLUSTER_RETRY,
  CONSUMER_RUN_SETTINGS,
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
  it("makes the producer idempotent with one request in flight and unlimited retries", () => {
    const config = buildProducerConfig();
    assert.equal(config.idempotent, true);
    assert.equal(config.maxInFlightRequests, 1);
    assert.equal(config.retry?.retries, Number.MAX_SAFE_INTEGER);
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
