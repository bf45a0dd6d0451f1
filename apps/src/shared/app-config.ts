/**
 * The apps' whole configuration surface: environment variables, their defaults and the
 * values each accepts. Both apps read the same variables so one env block (Pulumi,
 * Compose) can serve either; each app simply ignores the other's settings.
 */
import { z } from "zod";
import { booleanFlag, ConfigError, describeIssues, matching, oneOf, wholeNumber } from "./config-rules.js";
import {
  groupId,
  KAFKA_NAME,
  KAFKA_NAME_RULE,
  LOG_LEVELS,
  topicName,
  type AppName,
  type LogLevel,
} from "./kafka-names.js";

/** The process environment, or a stand-in for it in tests. */
export type Env = Readonly<Record<string, string | undefined>>;

export type { AppName } from "./kafka-names.js";

export interface ProducerSettings {
  /** Pause between batches in ms; 0 sends as fast as the cluster acknowledges. */
  intervalMs: number;
  /** Events to send before exiting; 0 means run until stopped. */
  count: number;
  batchSize: number;
  /** Serialised size of each event in bytes; 0 keeps the natural size. */
  eventSizeBytes: number;
}

export interface ConsumerSettings {
  groupId: string;
  fromBeginning: boolean;
}

export interface AppConfig {
  brokers: string[];
  clientId: string;
  topic: string;
  logLevel: LogLevel;
  producer: ProducerSettings;
  consumer: ConsumerSettings;
}

export const DEFAULTS = {
  topic: "registred_user",
  intervalMs: 3000,
  count: 0,
  batchSize: 1,
  eventSizeBytes: 0,
  groupId: "my_favorite_group",
  fromBeginning: true,
  logLevel: "info",
} as const satisfies Record<string, string | number | boolean>;

/** Smallest padded size: comfortably above the largest natural event (under 400 bytes). */
export const MIN_EVENT_SIZE_BYTES = 512;
/** Stays under the broker's default message.max.bytes (1048588) with batch overhead. */
export const MAX_EVENT_SIZE_BYTES = 1_000_000;
export const MAX_BATCH_SIZE = 10_000;

const BROKER = /^(?:[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/;
const BROKER_RULE = "comma-separated host:port pairs with ports 1-65535, e.g. kafka-1:9092,kafka-2:9092";

function isBroker(entry: string): boolean {
  const port = Number(BROKER.exec(entry)?.[1]);
  return port >= 1 && port <= 65535;
}

const brokerList = z
  .string({ error: BROKER_RULE })
  .transform((value) => value.split(",").map((entry) => entry.trim()))
  .refine((brokers) => brokers.every(isBroker), { error: BROKER_RULE });

const eventSize = wholeNumber({ min: 0, max: MAX_EVENT_SIZE_BYTES, hint: "0 = natural size" }).refine(
  (size) => size === 0 || size >= MIN_EVENT_SIZE_BYTES,
  { error: `0 (natural size) or a whole number from ${MIN_EVENT_SIZE_BYTES} to ${MAX_EVENT_SIZE_BYTES}` },
);

/** Log levels are matched ignoring case ("INFO" is info). */
const logLevel = z.preprocess(
  (value) => (typeof value === "string" ? value.toLowerCase() : value),
  oneOf(LOG_LEVELS),
);

/** Every variable the apps read, in the order problems are reported. */
function envSchema(app: AppName) {
  return z.object({
    KAFKA_BROKERS: brokerList,
    KAFKA_CLIENT_ID: matching(KAFKA_NAME, KAFKA_NAME_RULE).default(`kafka-pulumi-${app}`),
    KAFKA_TOPIC: topicName.default(DEFAULTS.topic),
    LOG_LEVEL: logLevel.default(DEFAULTS.logLevel),
    PRODUCER_INTERVAL_MS: wholeNumber({
      min: 0,
      max: 86_400_000,
      hint: "milliseconds between batches; 0 = as fast as possible",
    }).default(DEFAULTS.intervalMs),
    PRODUCER_COUNT: wholeNumber({ min: 0, hint: "0 = unlimited" }).default(DEFAULTS.count),
    PRODUCER_BATCH_SIZE: wholeNumber({ min: 1, max: MAX_BATCH_SIZE }).default(DEFAULTS.batchSize),
    EVENT_SIZE_BYTES: eventSize.default(DEFAULTS.eventSizeBytes),
    CONSUMER_GROUP: groupId.default(DEFAULTS.groupId),
    CONSUMER_FROM_BEGINNING: booleanFlag.default(DEFAULTS.fromBeginning),
  });
}

/** The variables the apps read, trimmed; Docker and Compose pass an unset variable as "". */
function presentValues(env: Env, names: readonly string[]): Record<string, string> {
  const present: Record<string, string> = {};
  for (const name of names) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== "") present[name] = value;
  }
  return present;
}

/** Reads and validates the environment; throws a ConfigError listing every problem. */
export function loadAppConfig(env: Env, app: AppName): AppConfig {
  const schema = envSchema(app);
  const input = presentValues(env, schema.keyof().options);
  const result = schema.safeParse(input);
  if (!result.success) throw new ConfigError(describeIssues(result.error, input, "unset or empty"));
  const vars = result.data;
  return {
    brokers: vars.KAFKA_BROKERS,
    clientId: vars.KAFKA_CLIENT_ID,
    topic: vars.KAFKA_TOPIC,
    logLevel: vars.LOG_LEVEL,
    producer: {
      intervalMs: vars.PRODUCER_INTERVAL_MS,
      count: vars.PRODUCER_COUNT,
      batchSize: vars.PRODUCER_BATCH_SIZE,
      eventSizeBytes: vars.EVENT_SIZE_BYTES,
    },
    consumer: { groupId: vars.CONSUMER_GROUP, fromBeginning: vars.CONSUMER_FROM_BEGINNING },
  };
}
