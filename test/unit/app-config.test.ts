import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadAppConfig, type Env } from "../../apps/src/shared/app-config.js";
import { ConfigError } from "../../apps/src/shared/config-rules.js";
import { TOPIC_NAME_RULE } from "../../apps/src/shared/app-contract.js";

const BROKERS = { KAFKA_BROKERS: "kafka-1:9092,kafka-2:9092" };

function problemsOf(env: Env): readonly string[] {
  try {
    loadAppConfig(env, "producer");
  } catch (error) {
    assert.ok(error instanceof ConfigError, "throws a ConfigError");
    return error.problems;
  }
  assert.fail("expected the configuration to be rejected");
}

function assertRejected(env: Env, expected: string): void {
  const problems = problemsOf({ ...BROKERS, ...env });
  assert.deepEqual(problems, [expected]);
}

describe("app configuration from the environment", () => {
  it("uses the documented defaults when only the brokers are set", () => {
    const config = loadAppConfig({ KAFKA_BROKERS: "kafka-1:9092" }, "consumer");
    assert.deepEqual(config, {
      brokers: ["kafka-1:9092"],
      clientId: "kafka-pulumi-consumer",
      topic: "registred_user",
      logLevel: "info",
      producer: { intervalMs: 3000, count: 0, batchSize: 1, eventSizeBytes: 0 },
      consumer: { groupId: "my_favorite_group", fromBeginning: true },
    });
  });

  it("reads every variable when set", () => {
    const config = loadAppConfig(
      {
        KAFKA_BROKERS: " kafka-1:9092 , 10.0.0.5:19092,[::1]:9093 ",
        KAFKA_CLIENT_ID: "bench-producer",
        KAFKA_TOPIC: "bench.events_v1",
        PRODUCER_INTERVAL_MS: "0",
        PRODUCER_COUNT: "100000",
        PRODUCER_BATCH_SIZE: "500",
        EVENT_SIZE_BYTES: "1024",
        CONSUMER_GROUP: "bench-group",
        CONSUMER_FROM_BEGINNING: "false",
        LOG_LEVEL: "WARN",
      },
      "producer",
    );
    assert.deepEqual(config.brokers, ["kafka-1:9092", "10.0.0.5:19092", "[::1]:9093"]);
    assert.equal(config.clientId, "bench-producer");
    assert.equal(config.topic, "bench.events_v1");
    assert.deepEqual(config.producer, { intervalMs: 0, count: 100000, batchSize: 500, eventSizeBytes: 1024 });
    assert.deepEqual(config.consumer, { groupId: "bench-group", fromBeginning: false });
    assert.equal(config.logLevel, "warn");
  });

  it("treats empty variables as unset", () => {
    const config = loadAppConfig({ ...BROKERS, KAFKA_TOPIC: "", PRODUCER_INTERVAL_MS: "  " }, "producer");
    assert.equal(config.topic, "registred_user");
    assert.equal(config.producer.intervalMs, 3000);
  });

  it("requires KAFKA_BROKERS", () => {
    assert.deepEqual(problemsOf({}), [
      "KAFKA_BROKERS is required (unset or empty): expected comma-separated host:port pairs with ports 1-65535, e.g. kafka-1:9092,kafka-2:9092",
    ]);
  });

  it("rejects brokers without a valid port", () => {
    for (const brokers of ["kafka-1", "kafka-1:0", "kafka-1:70000", "kafka-1:9092,", "http://kafka:9092"]) {
      assert.deepEqual(problemsOf({ KAFKA_BROKERS: brokers }), [
        `KAFKA_BROKERS=${JSON.stringify(brokers)} is invalid: expected comma-separated host:port pairs with ports 1-65535, e.g. kafka-1:9092,kafka-2:9092`,
      ]);
    }
  });

  it("rejects client ids, topics and groups that Kafka would not accept", () => {
    const rule = "1-249 characters from A-Z a-z 0-9 . _ -";
    assertRejected(
      { KAFKA_CLIENT_ID: "my client" },
      `KAFKA_CLIENT_ID="my client" is invalid: expected ${rule}`,
    );
    // The same rules as the stack config's producerTopic and consumerGroup (apps/src/shared/app-contract.ts).
    for (const topic of ["user/events", "..", "__consumer_offsets"]) {
      assertRejected(
        { KAFKA_TOPIC: topic },
        `KAFKA_TOPIC="${topic}" is invalid: expected ${TOPIC_NAME_RULE}`,
      );
    }
    assertRejected(
      { CONSUMER_GROUP: "a".repeat(250) },
      `CONSUMER_GROUP="${"a".repeat(250)}" is invalid: expected a consumer group id: ${rule}`,
    );
  });

  it("rejects a negative or fractional producer interval", () => {
    const allowed =
      "a whole number from 0 to 86400000 (milliseconds between batches; 0 = as fast as possible)";
    assertRejected(
      { PRODUCER_INTERVAL_MS: "-1" },
      `PRODUCER_INTERVAL_MS="-1" is invalid: expected ${allowed}`,
    );
    assertRejected(
      { PRODUCER_INTERVAL_MS: "2.5" },
      `PRODUCER_INTERVAL_MS="2.5" is invalid: expected ${allowed}`,
    );
  });

  it("rejects a producer count that is not a whole number", () => {
    assertRejected(
      { PRODUCER_COUNT: "ten" },
      `PRODUCER_COUNT="ten" is invalid: expected a whole number >= 0 (0 = unlimited)`,
    );
  });

  it("rejects batch sizes outside 1 to 10000", () => {
    for (const size of ["0", "10001"]) {
      assertRejected(
        { PRODUCER_BATCH_SIZE: size },
        `PRODUCER_BATCH_SIZE="${size}" is invalid: expected a whole number from 1 to 10000`,
      );
    }
  });

  it("accepts event sizes of 0 or 512 bytes to 1 MB and rejects others", () => {
    assert.equal(
      loadAppConfig({ ...BROKERS, EVENT_SIZE_BYTES: "512" }, "producer").producer.eventSizeBytes,
      512,
    );
    assertRejected(
      { EVENT_SIZE_BYTES: "100" },
      `EVENT_SIZE_BYTES="100" is invalid: expected 0 (natural size) or a whole number from 512 to 1000000`,
    );
    assertRejected(
      { EVENT_SIZE_BYTES: "2000000" },
      `EVENT_SIZE_BYTES="2000000" is invalid: expected a whole number from 0 to 1000000 (0 = natural size)`,
    );
  });

  it("reads CONSUMER_FROM_BEGINNING as exactly true or false", () => {
    const read = (value: string) =>
      loadAppConfig({ ...BROKERS, CONSUMER_FROM_BEGINNING: value }, "consumer").consumer.fromBeginning;
    assert.deepEqual(["true", "false", " false "].map(read), [true, false, false]);
    for (const value of ["maybe", "1", "yes", "True"]) {
      assertRejected(
        { CONSUMER_FROM_BEGINNING: value },
        `CONSUMER_FROM_BEGINNING=${JSON.stringify(value)} is invalid: expected true or false`,
      );
    }
  });

  it("rejects unknown log levels", () => {
    assertRejected(
      { LOG_LEVEL: "verbose" },
      `LOG_LEVEL="verbose" is invalid: expected one of debug, info, warn, error`,
    );
  });

  it("reports every problem at once in one error message", () => {
    const env = { PRODUCER_COUNT: "x", LOG_LEVEL: "loud" };
    assert.equal(problemsOf(env).length, 3);
    assert.throws(() => loadAppConfig(env, "producer"), {
      name: "ConfigError",
      message: /KAFKA_BROKERS is required[\s\S]*LOG_LEVEL="loud"[\s\S]*PRODUCER_COUNT="x"/,
    });
  });
});
