/**
 * The names the apps and the Pulumi program both check: topic names, consumer group and client ids,
 * and log levels. One definition, so the stack config and the apps' environment accept the same values.
 */
import { matching } from "./config-rules.js";

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type AppName = "producer" | "consumer";

/** Kafka's legal characters for topic names, group ids and client ids. */
export const KAFKA_NAME = /^[A-Za-z0-9._-]{1,249}$/;
export const KAFKA_NAME_RULE = "1-249 characters from A-Z a-z 0-9 . _ -";

export const TOPIC_NAME_RULE =
  `a Kafka topic name: ${KAFKA_NAME_RULE}, not "." or "..", not starting with "__" ` +
  "(reserved for Kafka's internal topics such as __consumer_offsets)";

export function isValidTopicName(name: string): boolean {
  return KAFKA_NAME.test(name) && name !== "." && name !== ".." && !name.startsWith("__");
}

export const GROUP_ID_RULE = `a consumer group id: ${KAFKA_NAME_RULE}`;

/** Zod schemas of the rules above, for readers built on config-rules. */
export const topicName = matching(KAFKA_NAME, TOPIC_NAME_RULE).refine(isValidTopicName, {
  error: TOPIC_NAME_RULE,
});
export const groupId = matching(KAFKA_NAME, GROUP_ID_RULE);
