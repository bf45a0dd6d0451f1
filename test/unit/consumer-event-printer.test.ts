import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createEventPrinter } from "../../apps/src/consumer/event-printer.js";
import type { IncomingRecord } from "../../apps/src/shared/kafka-client.js";
import { createLogger } from "../../apps/src/shared/logger.js";
import { createUserEventFactory, encodeUserEvent } from "../../apps/src/shared/user-event.js";

function printer(now: number) {
  const lines: Record<string, unknown>[] = [];
  const writes: string[] = [];
  const logger = createLogger({
    app: "consumer",
    write: (text) => {
      writes.push(text);
      for (const line of text.split("\n")) lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  return { printer: createEventPrinter(logger, () => now), lines, writes };
}

function record(offset: number, seq: number, sentAt: number): IncomingRecord {
  const encoded = encodeUserEvent(createUserEventFactory({ firstSeq: seq, now: () => sentAt }).next());
  return {
    topic: "t",
    partition: 1,
    offset: String(offset),
    key: encoded.key,
    value: Buffer.from(encoded.value),
  };
}

describe("consumer event printer", () => {
  it("prints each event as one received line with its position, seq and latency", () => {
    const event = createUserEventFactory({ firstSeq: 5, now: () => 1_000 }).next();
    const record = encodeUserEvent(event);
    const { printer: print, lines } = printer(1_250);
    print.handle({
      topic: "t",
      partition: 2,
      offset: "41",
      key: record.key,
      value: Buffer.from(record.value),
    });
    assert.equal(lines.length, 1);
    assert.deepEqual(
      { ...lines[0], time: undefined },
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
    print.handle({ topic: "t", partition: 0, offset: "0", key: null, value: Buffer.from("hello") });
    print.handle({ topic: "t", partition: 0, offset: "1", key: null, value: null });
    assert.deepEqual(print.counts(), { received: 0, invalid: 2 });
    assert.equal(lines[0]?.level, "warn");
    assert.match(String(lines[0]?.reason), /not valid JSON/);
    assert.match(String(lines[1]?.reason), /no value/);
  });

  it("prints a batch as one line per event with a single write", () => {
    const { printer: print, lines, writes } = printer(2_000);
    print.handleBatch([record(7, 1, 1_990), record(8, 2, 1_995), record(9, 3, 2_000)]);
    assert.equal(writes.length, 1);
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
    const { printer: print, lines, writes } = printer(0);
    const bad: IncomingRecord = { topic: "t", partition: 1, offset: "1", key: null, value: Buffer.from("{") };
    print.handleBatch([record(0, 1, 0), bad, record(2, 2, 0)]);
    assert.equal(writes.length, 1);
    assert.deepEqual(
      lines.map((line) => [line.level, line.offset, line.received, line.invalid]),
      [
        ["info", "0", 1, 0],
        ["warn", "1", 1, 1],
        ["info", "2", 2, 1],
      ],
    );
  });

  it("writes nothing for an empty batch", () => {
    const { printer: print, writes } = printer(0);
    print.handleBatch([]);
    assert.deepEqual(writes, []);
  });

  it("still prints the lines before an unexpected error, then throws it", () => {
    const { printer: print, lines, writes } = printer(0);
    const broken = {
      ...record(1, 2, 0),
      get value(): Buffer {
        throw new RangeError("broken buffer");
      },
    };
    assert.throws(() => print.handleBatch([record(0, 1, 0), broken]), RangeError);
    assert.equal(writes.length, 1);
    assert.deepEqual(
      lines.map((line) => line.offset),
      ["0"],
    );
  });
});
