import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createEventPrinter } from "../../apps/src/consumer/event-printer.js";
import type { IncomingRecord } from "../../apps/src/consumer/kafka-consumer.js";
import { createUserEventFactory, encodeUserEvent } from "../../apps/src/producer/user-event-factory.js";
import { capturingLogger } from "./support/capturing-logger";

function printer(now: number) {
  const { logger, lines } = capturingLogger("consumer");
  return { printer: createEventPrinter(logger, () => now), lines };
}

function record(offset: number, seq: number, sentAt: number, partition = 1): IncomingRecord {
  const encoded = encodeUserEvent(createUserEventFactory({ firstSeq: seq, now: () => sentAt }).next());
  return {
    topic: "t",
    partition,
    offset: String(offset),
    key: encoded.key,
    value: Buffer.from(encoded.value),
  };
}

describe("consumer event printer", () => {
  it("prints each event as one received line with its position, seq and latency", () => {
    const event = createUserEventFactory({ firstSeq: 5, now: () => 1_000 }).next();
    const encoded = encodeUserEvent(event);
    const { printer: print, lines } = printer(1_250);
    print.handleBatch([
      { topic: "t", partition: 2, offset: "41", key: encoded.key, value: Buffer.from(encoded.value) },
    ]);
    assert.equal(lines.length, 1);
    const [line] = lines;
    assert.equal(Number.isNaN(Date.parse(String(line?.time))), false, "time is an ISO-8601 instant");
    assert.deepEqual(
      { ...line, time: undefined },
      {
        time: undefined,
        level: "info",
        app: "consumer",
        msg: "received",
        key: event.userId,
        partition: 2,
        offset: "41",
        seq: 5,
        latencyMs: 250,
        userId: event.userId,
        name: event.name,
        email: event.email,
        received: 1,
        invalid: 0,
      },
    );
  });

  it("skips and counts records that are not events", () => {
    const { printer: print, lines } = printer(0);
    print.handleBatch([
      { topic: "t", partition: 0, offset: "0", key: null, value: Buffer.from("hello") },
      { topic: "t", partition: 0, offset: "1", key: null, value: null },
    ]);
    assert.deepEqual(print.counts(), { received: 0, invalid: 2 });
    assert.equal(lines[0]?.level, "warn");
    assert.match(String(lines[0]?.reason), /not valid JSON/);
    assert.match(String(lines[1]?.reason), /no value/);
  });

  it("prints a batch as one line per event, in offset order", () => {
    const { printer: print, lines } = printer(2_000);
    print.handleBatch([record(7, 1, 1_990), record(8, 2, 1_995), record(9, 3, 2_000)]);
    assert.deepEqual(
      lines.map((line) => [line.msg, line.offset, line.seq, line.latencyMs, line.received]),
      [
        ["received", "7", 1, 10, 1],
        ["received", "8", 2, 5, 2],
        ["received", "9", 3, 0, 3],
      ],
    );
    assert.deepEqual(print.counts(), { received: 3, invalid: 0 });
  });

  it("keeps skipping bad records inside a batch, in order", () => {
    const { printer: print, lines } = printer(0);
    const bad: IncomingRecord = { topic: "t", partition: 1, offset: "1", key: null, value: Buffer.from("{") };
    print.handleBatch([record(0, 1, 0), bad, record(2, 2, 0)]);
    assert.deepEqual(
      lines.map((line) => [line.level, line.offset, line.received, line.invalid]),
      [
        ["info", "0", 1, 0],
        ["warn", "1", 1, 1],
        ["info", "2", 2, 1],
      ],
    );
  });

  it("keeps counting across batches", () => {
    const { printer: print } = printer(0);
    print.handleBatch([record(0, 1, 0, 0)]);
    print.handleBatch([]);
    print.handleBatch([record(0, 2, 0, 1), record(1, 3, 0, 1)]);
    assert.deepEqual(print.counts(), { received: 3, invalid: 0 });
  });

  it("still prints the lines before an unexpected error, then throws it", () => {
    const { printer: print, lines } = printer(0);
    const broken = {
      ...record(1, 2, 0),
      get value(): Buffer {
        throw new RangeError("broken buffer");
      },
    };
    assert.throws(() => print.handleBatch([record(0, 1, 0), broken]), RangeError);
    assert.deepEqual(
      lines.map((line) => line.offset),
      ["0"],
    );
  });
});
