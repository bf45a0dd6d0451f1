/**
 * The contract between the Pulumi program and the apps: every environment variable the apps read, which
 * app reads it, the stack config key that sets it (where there is one), its rule and its default, and the
 * Kafka names both sides check. The apps' loader (app-config.ts) and the program's reader and environment
 * (infra/config/apps.ts, infra/apps/app-environment.ts) are built from this table, so a setting is added
 * here once. Pulumi.yaml declares each stack key with the same default (a unit test compares them).
 */
import { z } from "zod";
import { booleanFlag, matching, oneOf, wholeNumber } from "./config-rules.js";

export type AppName = "producer" | "consumer";

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Kafka's legal characters for topic names, group ids and client ids. */
export const KAFKA_NAME = /^[A-Za-z0-9._-]{1,249}$/;
export const KAFKA_NAME_RULE = "1-249 characters from A-Z a-z 0-9 . _ -";

export const TOPIC_NAME_RULE =
  `a Kafka topic name: ${KAFKA_NAME_RULE}, not "." or "..", not starting with "__" ` +
  "(reserved for Kafka's internal topics such as __consumer_offsets)";

export function isValidTopicName(name: string): boolean {
  return KAFKA_NAME.test(name) && name !== "." && name !== ".." && !name.startsWith("__");
}

export const topicName = matching(KAFKA_NAME, TOPIC_NAME_RULE).refine(isValidTopicName, {
  error: TOPIC_NAME_RULE,
});
export const groupId = matching(KAFKA_NAME, `a consumer group id: ${KAFKA_NAME_RULE}`);

/** The longest pause between two batches, a day. */
export const MAX_INTERVAL_MS = 86_400_000;
/** Smallest padded size: comfortably above the largest natural event (under 400 bytes). */
export const MIN_EVENT_SIZE_BYTES = 512;
/** Stays under the broker's default message.max.bytes (1048588) with batch overhead. */
export const MAX_EVENT_SIZE_BYTES = 1_000_000;
export const MAX_BATCH_SIZE = 10_000;

const BROKER = /^(?:[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/;
const BROKER_RULE = "comma-separated host:port pairs with ports 1-65535, e.g. kafka-1:9092,kafka-2:9092";

/** Where the brokers are: set by whoever runs the apps, never defaulted. */
export const BROKERS_VARIABLE = "KAFKA_BROKERS";
function isBroker(entry: string): boolean {
  const port = Number(BROKER.exec(entry)?.[1]);
  return port >= 1 && port <= 65535;
}

export const brokerList = z
  .string({ error: BROKER_RULE })
  .transform((value) => value.split(",").map((entry) => entry.trim()))
  .refine((brokers) => brokers.every(isBroker), { error: BROKER_RULE });

/** The client id Kafka logs for an app, unless the environment names another. */
export const CLIENT_ID_VARIABLE = "KAFKA_CLIENT_ID";
export const clientIdRule = matching(KAFKA_NAME, KAFKA_NAME_RULE);
export function defaultClientId(app: AppName): string {
  return `kafka-pulumi-${app}`;
}

const eventSize = wholeNumber({ min: 0, max: MAX_EVENT_SIZE_BYTES, hint: "0 = natural size" }).refine(
  (size) => size === 0 || size >= MIN_EVENT_SIZE_BYTES,
  { error: `0 (natural size) or a whole number from ${MIN_EVENT_SIZE_BYTES} to ${MAX_EVENT_SIZE_BYTES}` },
);

/** Log levels are matched ignoring case ("INFO" is info). */
const logLevel = z.preprocess(
  (value) => (typeof value === "string" ? value.toLowerCase() : value),
  oneOf(LOG_LEVELS),
);

/** One setting: its variable, who reads it (`both` apps or one), its stack config key if any, rule and default. */
interface AppSetting<R extends z.ZodType> {
  variable: string;
  readBy: AppName | "both";
  stackKey?: string;
  rule: R;
  default: z.output<R>;
}

function setting<const R extends z.ZodType, const S extends AppSetting<R>>(spec: S & AppSetting<R>): S {
  return spec;
}

/** Every setting with a default, in the order problems with them are reported. */
export const APP_SETTINGS = {
  topic: setting({
    variable: "KAFKA_TOPIC",
    readBy: "both",
    stackKey: "producerTopic",
    rule: topicName,
    default: "registred_user",
  }),
  logLevel: setting({
    variable: "LOG_LEVEL",
    readBy: "both",
    stackKey: "logLevel",
    rule: logLevel,
    default: "info",
  }),
  intervalMs: setting({
    variable: "PRODUCER_INTERVAL_MS",
    readBy: "producer",
    stackKey: "producerIntervalMs",
    rule: wholeNumber({
      min: 0,
      max: MAX_INTERVAL_MS,
      hint: "milliseconds between batches; 0 = as fast as possible",
    }),
    default: 3000,
  }),
  count: setting({
    variable: "PRODUCER_COUNT",
    readBy: "producer",
    stackKey: "producerCount",
    rule: wholeNumber({ min: 0, hint: "0 = unlimited" }),
    default: 0,
  }),
  batchSize: setting({
    variable: "PRODUCER_BATCH_SIZE",
    readBy: "producer",
    rule: wholeNumber({ min: 1, max: MAX_BATCH_SIZE }),
    default: 1,
  }),
  eventSizeBytes: setting({ variable: "EVENT_SIZE_BYTES", readBy: "producer", rule: eventSize, default: 0 }),
  groupId: setting({
    variable: "CONSUMER_GROUP",
    readBy: "consumer",
    stackKey: "consumerGroup",
    rule: groupId,
    default: "my_favorite_group",
  }),
  fromBeginning: setting({
    variable: "CONSUMER_FROM_BEGINNING",
    readBy: "consumer",
    rule: booleanFlag,
    default: true,
  }),
};

type Settings = typeof APP_SETTINGS;
export type AppSettingName = keyof Settings;
type ValueOf<K extends AppSettingName> = z.output<Settings[K]["rule"]>;

/** The values of the settings `reader` reads, by setting name. */
export type SettingsReadBy<A extends AppName | "both"> = {
  [K in AppSettingName as Settings[K]["readBy"] extends A ? K : never]: ValueOf<K>;
};

/** The settings the stack config sets, by setting name. */
export type StackSetName = {
  [K in AppSettingName]: Settings[K] extends { stackKey: string } ? K : never;
}[AppSettingName];
export type StackAppSettings = { [K in StackSetName]: ValueOf<K> };
export type AppStackKey = Settings[StackSetName]["stackKey"];

/** The names of every variable the apps read: an environment built for them cannot misspell one. */
export type AppVariable =
  Settings[AppSettingName]["variable"] | typeof BROKERS_VARIABLE | typeof CLIENT_ID_VARIABLE;
export type AppEnvironment = { [V in AppVariable]?: string };

export const STACK_SET_NAMES = (Object.keys(APP_SETTINGS) as AppSettingName[]).filter(
  (name): name is StackSetName => "stackKey" in APP_SETTINGS[name],
);

/** Whether `app` reads setting `name`. */
export function readsSetting(app: AppName, name: AppSettingName): boolean {
  const reader = APP_SETTINGS[name].readBy;
  return reader === "both" || reader === app;
}
