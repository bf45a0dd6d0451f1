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
import { IMAGE_REFERENCE, IMAGE_RULE, readMemoryLimit, type ClusterSettings } from "./cluster";
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

/** What the producer's topic is checked against: the cluster's declared topics. */
export type AppSettingsContext = Pick<ClusterSettings, "topics" | "autoCreateTopics">;

function readProducerTopic(reader: ConfigReader, context: AppSettingsContext): string {
  const topic = reader.value("producerTopic") ?? DEFAULTS.producerTopic;
  if (typeof topic !== "string" || !isValidTopicName(topic)) {
    reader.invalid("producerTopic", topic, TOPIC_NAME_RULE);
    return DEFAULTS.producerTopic;
  }
  const declared = context.topics.map((spec) => spec.name);
  if (!context.autoCreateTopics && !declared.includes(topic)) {
    const listed = declared.length === 0 ? "none declared" : declared.map((t) => show(t)).join(", ");
    reader.invalid(
      "producerTopic",
      topic,
      `a topic listed in topics (${listed}) while autoCreateTopics is false`,
    );
  }
  return topic;
}

export function readAppSettings(reader: ConfigReader, context: AppSettingsContext): KafkaAppsSettings {
  return {
    nodeImage: reader.string("nodeImage", DEFAULTS.nodeImage, IMAGE_REFERENCE, IMAGE_RULE),
    memoryBytes: readMemoryLimit(reader, "appMemory"),
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
