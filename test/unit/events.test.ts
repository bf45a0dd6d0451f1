import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Faker, en } from "@faker-js/faker";
import type { UserRegisteredEvent } from "../../apps/src/shared/user-event.js";
import {
  createUserEventFactory,
  encodeUserEvent,
  padUserEvent,
  serializeUserEvent,
  serializedSizeBytes,
} from "../../apps/src/producer/user-event-factory.js";
import { InvalidEventError, parseUserEvent } from "../../apps/src/consumer/user-event-parser.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FIXED_NOW = Date.UTC(2025, 0, 2, 3, 4, 5, 678);

function seededFactory(options: { targetSizeBytes?: number; firstSeq?: number } = {}) {
  const faker = new Faker({ locale: [en] });
  faker.seed(42);
  return createUserEventFactory({ ...options, faker, now: () => FIXED_NOW });
}

function sampleEvent(overrides: Partial<UserRegisteredEvent> = {}): UserRegisteredEvent {
  return {
    seq: 7,
    sentAt: FIXED_NOW,
    userId: "4f0c3a52-8d0e-4c1b-9a53-2c3d4e5f6a7b",
    name: "Zoë Ångström",
    email: "zoe@example.org",
    address: { street: "1 Rue de l'Église", city: "Besançon", postalCode: "25000", country: "Côte d'Ivoire" },
    registeredAt: new Date(FIXED_NOW).toISOString(),
    ...overrides,
  };
}

describe("user registration events", () => {
  it("fills every field with a plausible value", () => {
    const event = seededFactory().next();
    assert.match(event.userId, UUID);
    assert.ok(event.name.includes(" "), "name has a first and a last name");
    assert.match(event.email, /^[^@\s]+@[^@\s]+\.[a-z]+$/);
    for (const field of ["street", "city", "postalCode", "country"] as const) {
      assert.ok(event.address[field].length > 0, `address.${field} is filled`);
    }
    assert.equal(event.registeredAt, "2025-01-02T03:04:05.678Z");
    assert.equal(event.sentAt, FIXED_NOW);
    assert.equal(event.padding, undefined);
  });

  it("gives each event a new user id", () => {
    const factory = seededFactory();
    const ids = new Set(Array.from({ length: 100 }, () => factory.next().userId));
    assert.equal(ids.size, 100);
  });

  it("numbers events with a sequence that increments by one from the first value", () => {
    const factory = seededFactory({ firstSeq: 41 });
    assert.deepEqual(
      Array.from({ length: 4 }, () => factory.next().seq),
      [41, 42, 43, 44],
    );
    assert.equal(createUserEventFactory().next().seq, 1);
  });

  it("keys the Kafka record by user id and carries the JSON as value", () => {
    const event = seededFactory().next();
    const record = encodeUserEvent(event);
    assert.equal(record.key, event.userId);
    assert.equal(record.value, serializeUserEvent(event));
  });

  it("survives a JSON round trip unchanged, from a string or a Buffer", () => {
    const factory = seededFactory({ targetSizeBytes: 1024 });
    for (let i = 0; i < 20; i++) {
      const event = factory.next();
      const json = serializeUserEvent(event);
      assert.deepEqual(parseUserEvent(json), event);
      assert.deepEqual(parseUserEvent(Buffer.from(json)), event);
    }
  });

  it("pads events to exactly the requested number of bytes", () => {
    for (const target of [512, 1024, 4096, 100_000]) {
      const factory = seededFactory({ targetSizeBytes: target });
      for (let i = 0; i < 50; i++) {
        assert.equal(serializedSizeBytes(factory.next()), target, `target ${target}`);
      }
    }
  });

  it("counts multi-byte characters as bytes when padding", () => {
    const padded = padUserEvent(sampleEvent(), 1024);
    assert.equal(Buffer.byteLength(serializeUserEvent(padded)), 1024);
    assert.ok(serializeUserEvent(padded).length < 1024, "some characters take more than one byte");
  });

  it("leaves an event that is already larger than the target unpadded", () => {
    const event = sampleEvent();
    const result = padUserEvent({ ...event, padding: "old" }, 10);
    assert.deepEqual(result, event);
  });

  it("rejects a value that is not JSON", () => {
    assert.throws(() => parseUserEvent("{not json"), {
      name: "InvalidEventError",
      message: /not valid JSON/,
    });
  });

  it("rejects empty values and JSON that is not an object", () => {
    assert.throws(() => parseUserEvent(null), /record has no value/);
    assert.throws(() => parseUserEvent("[1,2]"), /must be a JSON object/);
    assert.throws(() => parseUserEvent('"text"'), /must be a JSON object/);
  });

  it("names the first field that is missing or malformed", () => {
    const valid = sampleEvent();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...valid, seq: -1 }, /"seq" must be a non-negative integer/],
      [{ ...valid, sentAt: "yesterday" }, /"sentAt" must be a non-negative integer/],
      [{ ...valid, userId: "42" }, /"userId" must be a UUID/],
      [{ ...valid, name: "" }, /"name" must be a non-empty string/],
      [{ ...valid, email: "nobody" }, /"email" must be an e-mail address/],
      [{ ...valid, address: "somewhere" }, /"address" must be an object/],
      [{ ...valid, address: { ...valid.address, city: 3 } }, /"address.city" must be a non-empty string/],
      [{ ...valid, registeredAt: "2025-13-45" }, /"registeredAt" must be an ISO-8601 timestamp/],
      [{ ...valid, padding: 5 }, /"padding" must be a string/],
    ];
    for (const [candidate, message] of cases) {
      assert.throws(
        () => parseUserEvent(JSON.stringify(candidate)),
        (error: unknown) => {
          assert.ok(error instanceof InvalidEventError);
          assert.match(error.message, message);
          return true;
        },
      );
    }
  });
});
