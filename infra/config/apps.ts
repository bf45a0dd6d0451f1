/**
 * Settings of the producer and consumer apps, read from the stack config. They become the apps'
 * environment variables, so the rules match the ones the apps enforce at start-up.
 */
import {
  groupId,
  isValidTopicName,
  LOG_LEVELS,
  TOPIC_NAME_RULE,
  type LogLevel,
} from "../../apps/src/shared/kafka-names.js";
import { DEFAULTS } from "./defaults";
import { show, type ConfigReader } from "./reader";

export interface KafkaAppsSettings {
  /** Base image of both app images (build arg NODE_IMAGE). */
  nodeImage: string;
  /** Memory limit of each app container, in bytes. */
  memoryBytes: number;
  /** Topic the producer writes to and the consumer reads from. */
  topic: string;
  /** Pause between two produced events, in ms. */
  producerIntervalMs: number;
  /** Events to produce before exiting; 0 = unlimited. */
  producerCount: number;
  /** Consumer group id of the consumer. */
  consumerGroup: string;
  logLevel: LogLevel;
}

/** What the app settings are checked against, read elsewhere in the config. */
export interface AppSettingsContext {
  nodeImage: string;
  memoryBytes: number;
  /** Names of the topics declared in `topics`. */
  topics: readonly string[];
  autoCreateTopics: boolean;
}

function readProducerTopic(reader: ConfigReader, context: AppSettingsContext): string {
  const topic = reader.value("producerTopic") ?? DEFAULTS.producerTopic;
  if (typeof topic !== "string" || !isValidTopicName(topic)) {
    reader.invalid("producerTopic", topic, TOPIC_NAME_RULE);
    return DEFAULTS.producerTopic;
  }
  if (!context.autoCreateTopics && !context.topics.includes(topic)) {
    const declared =
      context.topics.length === 0 ? "none declared" : context.topics.map((t) => show(t)).join(", ");
    reader.invalid(
      "producerTopic",
      topic,
      `a topic listed in topics (${declared}) while autoCreateTopics is false`,
    );
  }
  return topic;
}

export function readAppSettings(reader: ConfigReader, context: AppSettingsContext): KafkaAppsSettings {
  return {
    nodeImage: context.nodeImage,
    memoryBytes: context.memoryBytes,
    topic: readProducerTopic(reader, context),
    producerIntervalMs: reader.integer("producerIntervalMs", DEFAULTS.producerIntervalMs, {
      min: 0,
      max: 86_400_000,
    }),
    producerCount: reader.integer("producerCount", DEFAULTS.producerCount, {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      hint: "0 = unlimited",
    }),
    consumerGroup: reader.parse("consumerGroup", groupId, DEFAULTS.consumerGroup),
    logLevel: reader.oneOf("logLevel", DEFAULTS.logLevel as LogLevel, LOG_LEVELS),
  };
}
