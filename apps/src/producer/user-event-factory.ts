/**
 * How the producer makes "user registered" events: fake people from @faker-js/faker, a
 * sequence number and send time for the consumer's checks, optional padding to a fixed size,
 * and the keyed JSON record that goes to Kafka.
 */
import { faker as defaultFaker, type Faker } from "@faker-js/faker";
import type { UserRegisteredEvent } from "../shared/user-event.js";
import type { OutgoingRecord } from "./producer-settings.js";

export interface UserEventFactoryOptions {
  /** Serialised size to pad each event to, in bytes; 0 keeps the natural size. */
  targetSizeBytes?: number;
  firstSeq?: number;
  faker?: Faker;
  now?: () => number;
}

export interface UserEventFactory {
  next(): UserRegisteredEvent;
}

export function createUserEventFactory(options: UserEventFactoryOptions = {}): UserEventFactory {
  const fake = options.faker ?? defaultFaker;
  const now = options.now ?? Date.now;
  const target = options.targetSizeBytes ?? 0;
  let seq = options.firstSeq ?? 1;

  return {
    next() {
      const sentAt = now();
      const firstName = fake.person.firstName();
      const lastName = fake.person.lastName();
      const event: UserRegisteredEvent = {
        seq: seq++,
        sentAt,
        userId: fake.string.uuid(),
        name: `${firstName} ${lastName}`,
        email: fake.internet.email({ firstName, lastName }).toLowerCase(),
        address: {
          street: fake.location.streetAddress(),
          city: fake.location.city(),
          postalCode: fake.location.zipCode(),
          country: fake.location.country(),
        },
        registeredAt: new Date(sentAt).toISOString(),
      };
      return target > 0 ? padUserEvent(event, target) : event;
    },
  };
}

export function serializeUserEvent(event: UserRegisteredEvent): string {
  return JSON.stringify(event);
}

/** The record sent to Kafka: keyed by user id, so one user's events stay in one partition. */
export function encodeUserEvent(event: UserRegisteredEvent): OutgoingRecord {
  return { key: event.userId, value: serializeUserEvent(event) };
}

export function serializedSizeBytes(event: UserRegisteredEvent): number {
  return Buffer.byteLength(serializeUserEvent(event), "utf8");
}

/**
 * Returns a copy whose serialised form is exactly `targetBytes` long. The filler is
 * ASCII, which JSON never escapes, so each character adds one byte. An event already
 * larger than the target is returned unpadded; config keeps targets above that size.
 */
export function padUserEvent(event: UserRegisteredEvent, targetBytes: number): UserRegisteredEvent {
  const unpadded: UserRegisteredEvent = { ...event, padding: "" };
  const missing = targetBytes - serializedSizeBytes(unpadded);
  if (missing < 0) {
    const { padding: _dropped, ...natural } = event;
    return natural;
  }
  return { ...event, padding: "x".repeat(missing) };
}
