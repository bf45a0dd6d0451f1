/**
 * Parsing of received records back into UserRegisteredEvent. Anything on the topic may
 * be malformed (other producers, manual kafka-console-producer tests), so every field is
 * checked by a zod schema and the error names the first field that is wrong.
 */
import { z } from "zod";
import type { UserRegisteredEvent } from "../shared/user-event.js";

export class InvalidEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidEventError";
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const NON_EMPTY = "must be a non-empty string";
const NOT_NEGATIVE = "must be a non-negative integer";
/** A string with at least one character that is not white space. */
const text = z.string({ error: NON_EMPTY }).regex(/\S/, { error: NON_EMPTY });
const count = z.int({ error: NOT_NEGATIVE }).nonnegative({ error: NOT_NEGATIVE });

function matching(pattern: RegExp, what: string) {
  return text.regex(pattern, { error: `must be ${what}` });
}

const userEvent = z.object(
  {
    seq: count,
    sentAt: count,
    userId: matching(UUID, "a UUID"),
    name: text,
    email: matching(/^[^@\s]+@[^@\s]+$/, "an e-mail address"),
    address: z.object(
      { street: text, city: text, postalCode: text, country: text },
      { error: "must be an object" },
    ),
    registeredAt: matching(ISO_INSTANT, "an ISO-8601 timestamp").refine(
      (value) => !Number.isNaN(Date.parse(value)),
      { error: "must be an ISO-8601 timestamp" },
    ),
    padding: z.string({ error: "must be a string" }).optional(),
  },
  { error: "record value must be a JSON object" },
);

/** The first problem, as `field "address.city" must be …` (or the record's own problem). */
function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined || issue.path.length === 0) return issue?.message ?? "record value is invalid";
  return `field "${issue.path.join(".")}" ${issue.message}`;
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
  const result = userEvent.safeParse(parsed);
  if (!result.success) throw new InvalidEventError(firstProblem(result.error));
  return result.data;
}
