import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { logLevel } from "kafkajs";
import { buildKafkaConfig, CLUSTER_RETRY } from "../../apps/src/shared/kafka-connection.js";
import { createKafkaLogCreator } from "../../apps/src/shared/kafka-log.js";
import type { LogLevel } from "../../apps/src/shared/logger.js";
import { capturingLogger } from "./support/capturing-logger";

// An address nothing listens on: building settings must not need a broker.
const settings = (level: LogLevel = "info") => ({
  brokers: ["127.0.0.1:1"],
  clientId: "unit-test",
  logger: capturingLogger("test", level).logger,
});

describe("Kafka connection", () => {
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
    assert.deepEqual(
      (["debug", "info", "warn", "error"] as const).map(
        (level) => buildKafkaConfig(settings(level)).logLevel,
      ),
      [logLevel.DEBUG, logLevel.INFO, logLevel.WARN, logLevel.ERROR],
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
    assert.equal(line?.timestamp, undefined);
  });
});

describe("app log lines", () => {
  it("carry level, ISO time, app and msg with the caller's fields", () => {
    const { logger, lines } = capturingLogger("producer");
    const before = Date.now();
    logger.info({ sent: 3, offset: "41" }, "sent");
    assert.equal(lines.length, 1);
    const { time, ...rest } = lines[0] ?? {};
    assert.deepEqual(rest, { level: "info", app: "producer", msg: "sent", sent: 3, offset: "41" });
    assert.match(String(time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(Date.parse(String(time)) >= before - 1);
  });

  it("leave out lines below LOG_LEVEL", () => {
    const { logger, lines } = capturingLogger("consumer", "warn");
    logger.debug("a");
    logger.info("b");
    logger.warn("c");
    logger.error("d");
    assert.deepEqual(
      lines.map((line) => [line.level, line.msg]),
      [
        ["warn", "c"],
        ["error", "d"],
      ],
    );
  });

  it("add a child logger's fields to every line", () => {
    const { logger, lines } = capturingLogger();
    logger.child({ component: "kafkajs" }).info({ n: 1 }, "first");
    assert.deepEqual([lines[0]?.component, lines[0]?.n, lines[0]?.msg], ["kafkajs", 1, "first"]);
  });
});
