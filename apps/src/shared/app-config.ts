/**
 * The apps' whole configuration surface: environment variables, their defaults and the
 * values each accepts. Both apps read the same variables so one env block (Pulumi,
 * Compose) can serve either; each app simply ignores the other's settings.
 */
import { EnvReader, type Env } from "./env-reader.js";
import { LOG_LEVELS, type LogLevel } from "./logger.js";

export type AppName = "producer" | "consumer";

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

const NAME = /^[A-Za-z0-9._-]{1,249}$/;
const NAME_RULE = "1-249 characters from A-Z a-z 0-9 . _ -";
const BROKER_RULE = "comma-separated host:port pairs with ports 1-65535, e.g. kafka-1:9092,kafka-2:9092";

function parseBrokers(reader: EnvReader): string[] {
  const value = reader.required("KAFKA_BROKERS", BROKER_RULE);
  if (value === undefined) return [];
  const brokers = value.split(",").map((entry) => entry.trim());
  const valid = brokers.every((broker) => {
    const match = /^([A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/.exec(broker);
    const port = Number(match?.[2]);
    return match !== null && port >= 1 && port <= 65535;
  });
  if (!valid) reader.invalid("KAFKA_BROKERS", value, BROKER_RULE);
  return brokers;
}

function parseTopic(reader: EnvReader): string {
  const topic = reader.string("KAFKA_TOPIC", DEFAULTS.topic, NAME, `a Kafka topic name: ${NAME_RULE}`);
  if (topic === "." || topic === "..") {
    reader.invalid("KAFKA_TOPIC", topic, `a Kafka topic name other than "." and ".."`);
  }
  return topic;
}

function parseEventSize(reader: EnvReader): number {
  const size = reader.integer("EVENT_SIZE_BYTES", DEFAULTS.eventSizeBytes, {
    min: 0,
    max: MAX_EVENT_SIZE_BYTES,
    hint: "0 = natural size",
  });
  if (size > 0 && size < MIN_EVENT_SIZE_BYTES) {
    const allowed = `0 (natural size) or a whole number from ${MIN_EVENT_SIZE_BYTES} to ${MAX_EVENT_SIZE_BYTES}`;
    reader.invalid("EVENT_SIZE_BYTES", String(size), allowed);
  }
  return size;
}

/** Reads and validates the environment; throws a ConfigError listing every problem. */
export function loadAppConfig(env: Env, app: AppName): AppConfig {
  const reader = new EnvReader(env);
  const config: AppConfig = {
    brokers: parseBrokers(reader),
    clientId: reader.string("KAFKA_CLIENT_ID", `kafka-pulumi-${app}`, NAME, NAME_RULE),
    topic: parseTopic(reader),
    logLevel: reader.oneOf("LOG_LEVEL", DEFAULTS.logLevel, LOG_LEVELS),
    producer: {
      intervalMs: reader.integer("PRODUCER_INTERVAL_MS", DEFAULTS.intervalMs, {
        min: 0,
        max: 86_400_000,
        hint: "milliseconds between batches; 0 = as fast as possible",
      }),
      count: reader.integer("PRODUCER_COUNT", DEFAULTS.count, { min: 0, hint: "0 = unlimited" }),
      batchSize: reader.integer("PRODUCER_BATCH_SIZE", DEFAULTS.batchSize, { min: 1, max: MAX_BATCH_SIZE }),
      eventSizeBytes: parseEventSize(reader),
    },
    consumer: {
      groupId: reader.string("CONSUMER_GROUP", DEFAULTS.groupId, NAME, NAME_RULE),
      fromBeginning: reader.boolean("CONSUMER_FROM_BEGINNING", DEFAULTS.fromBeginning),
    },
  };
  reader.assertValid();
  return config;
}
