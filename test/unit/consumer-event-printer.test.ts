import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createEventPrinter } from "../../apps/src/consumer/event-printer.js";
import { createLogger } from "../../apps/src/shared/logger.js";
import { createUserEventFactory, encodeUserEvent } from "../../apps/src/shared/user-event.js";

function printer(now: number) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ app: "consumer", write: (line) => lines.push(JSON.parse(line)) });
  return { printer: createEventPrinter(logger, () => now), lines };
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
});
