/**
 * Parsing of received records back into UserRegisteredEvent. Anything on the topic may
 * be malformed (other producers, manual kafka-console-producer tests), so every field is
 * checked and the error names the first field that is wrong.
 */
import type { UserAddress, UserRegisteredEvent } from "../shared/user-event.js";

export class InvalidEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidEventError";
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(source: JsonObject, field: string, path = field): string {
  const value = source[field];
  if (typeof value !== "string" || value.trim() === "") {
    throw new InvalidEventError(`field "${path}" must be a non-empty string`);
  }
  return value;
}

function nonNegativeInteger(source: JsonObject, field: string): number {
  const value = source[field];
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidEventError(`field "${field}" must be a non-negative integer`);
  }
  return value;
}

function matching(source: JsonObject, field: string, pattern: RegExp, what: string): string {
  const value = text(source, field);
  if (!pattern.test(value)) throw new InvalidEventError(`field "${field}" must be ${what}`);
  return value;
}

function address(source: JsonObject): UserAddress {
  const value = source.address;
  if (!isObject(value)) throw new InvalidEventError(`field "address" must be an object`);
  return {
    street: text(value, "street", "address.street"),
    city: text(value, "city", "address.city"),
    postalCode: text(value, "postalCode", "address.postalCode"),
    country: text(value, "country", "address.country"),
  };
}

/** Parses one record value; throws InvalidEventError for anything that is not an event. */
export function parseUserEvent(raw: string | Buffer | null | undefined): UserRegisteredEvent {
  if (raw === null || raw === undefined) throw new InvalidEventError("record has no value");
  const json = typeof raw === "string" ? raw : raw.toString("utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidEventError(`record value is not valid JSON: ${reason}`);
  }
  if (!isObject(parsed)) throw new InvalidEventError("record value must be a JSON object");

  const event: UserRegisteredEvent = {
    seq: nonNegativeInteger(parsed, "seq"),
    sentAt: nonNegativeInteger(parsed, "sentAt"),
    userId: matching(parsed, "userId", UUID, "a UUID"),
    name: text(parsed, "name"),
    email: matching(parsed, "email", /^[^@\s]+@[^@\s]+$/, "an e-mail address"),
    address: address(parsed),
    registeredAt: matching(parsed, "registeredAt", ISO_INSTANT, "an ISO-8601 timestamp"),
  };
  if (Number.isNaN(Date.parse(event.registeredAt))) {
    throw new InvalidEventError(`field "registeredAt" must be an ISO-8601 timestamp`);
  }
  if (parsed.padding !== undefined) {
    if (typeof parsed.padding !== "string") throw new InvalidEventError(`field "padding" must be a string`);
    event.padding = parsed.padding;
  }
  return event;
}
