/**
 * The `topics` setting: a list of topics declared as code, checked against Kafka's rules and the
 * cluster's size before anything is deployed.
 */
import { isValidTopicName, TOPIC_NAME_RULE } from "../../apps/src/shared/app-contract.js";
import { show, type ConfigReader } from "./reader";

/** One topic as the cluster should have it. */
export interface TopicSpec {
  name: string;
  /** Partitions when the topic is created: the declared count or defaultPartitions. */
  partitions: number;
  /**
   * Whether the topic declares its own partitions. A topic that does not keeps the count it has
   * when defaultPartitions changes later (growing it would move keys to other partitions).
   */
  partitionsExplicit: boolean;
  /** Replicas per partition when the topic is created: the declared value or the cluster's. */
  replicationFactor: number;
  /**
   * Whether the topic declares its own replicationFactor. A topic that does not keeps the factor
   * it was created with when the cluster-wide replicationFactor changes later (as in Kafka).
   */
  replicationFactorExplicit: boolean;
  /** Topic-level overrides of broker defaults, e.g. `retention.ms`. */
  configs: Record<string, string>;
}

export interface TopicDefaults {
  brokers: number;
  partitions: number;
  replicationFactor: number;
  /** The cluster's min.insync.replicas, which a topic without its own override gets. */
  minInsyncReplicas: number;
}

export const MIN_ISR_CONFIG = "min.insync.replicas";
export const TOPIC_FIELDS = ["name", "partitions", "replicationFactor", "configs"] as const;
export const MAX_PARTITIONS = 10_000;
export const TOPICS_RULE = `a list of objects with fields ${TOPIC_FIELDS.join(", ")}`;

const CONFIG_NAME = /^[a-z][a-z0-9.]*$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readConfigs(reader: ConfigReader, path: string, value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (!isPlainObject(value)) {
    reader.invalid(path, value, "an object mapping topic config names to string values");
    return {};
  }
  const configs: Record<string, string> = {};
  for (const [name, setting] of Object.entries(value)) {
    if (!CONFIG_NAME.test(name)) {
      reader.invalid(`${path} key`, name, "a topic config name such as retention.ms (lower case, dots)");
    } else if (typeof setting !== "string") {
      reader.invalid(`${path}.${name}`, setting, 'a string, e.g. "604800000" (quote numbers)');
    } else {
      configs[name] = setting;
    }
  }
  return configs;
}

function wholeNumber(
  reader: ConfigReader,
  path: string,
  value: unknown,
  fallback: number,
  max: number,
  hint = "",
) {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1 || value > max) {
    reader.invalid(path, value, `a whole number from 1 to ${max}${hint}`);
    return fallback;
  }
  return value;
}

function readTopic(reader: ConfigReader, index: number, entry: unknown, defaults: TopicDefaults) {
  const path = `topics[${index}]`;
  if (!isPlainObject(entry)) {
    reader.invalid(path, entry, `an object with fields ${TOPIC_FIELDS.join(", ")}`);
    return undefined;
  }
  for (const field of Object.keys(entry).filter(
    (key) => !(TOPIC_FIELDS as readonly string[]).includes(key),
  )) {
    reader.invalid(
      `${path}.${field}`,
      entry[field],
      `no such field; topic fields are ${TOPIC_FIELDS.join(", ")}`,
    );
  }
  const name = entry["name"];
  if (typeof name !== "string" || !isValidTopicName(name)) {
    reader.invalid(`${path}.name`, name, TOPIC_NAME_RULE);
    return undefined;
  }
  const topic = {
    name,
    partitions: wholeNumber(
      reader,
      `${path}.partitions`,
      entry["partitions"],
      defaults.partitions,
      MAX_PARTITIONS,
    ),
    replicationFactor: wholeNumber(
      reader,
      `${path}.replicationFactor`,
      entry["replicationFactor"],
      defaults.replicationFactor,
      defaults.brokers,
      ` (the number of brokers)`,
    ),
    replicationFactorExplicit: entry["replicationFactor"] !== undefined,
    configs: readConfigs(reader, `${path}.configs`, entry["configs"]),
  };
  checkMinInsyncReplicas(reader, path, topic, defaults.minInsyncReplicas);
  return { ...topic, partitionsExplicit: entry["partitions"] !== undefined };
}

/**
 * An acks=all write needs min.insync.replicas replicas in sync: a topic with fewer replicas than
 * that would refuse every such write (NOT_ENOUGH_REPLICAS) forever.
 */
function checkMinInsyncReplicas(
  reader: ConfigReader,
  path: string,
  topic: { replicationFactor: number; replicationFactorExplicit: boolean; configs: Record<string, string> },
  clusterMinInsyncReplicas: number,
): void {
  const own = topic.configs[MIN_ISR_CONFIG];
  const factor = topic.replicationFactor;
  if (own !== undefined) {
    const value = /^\d+$/.test(own) ? Number(own) : NaN;
    if (!Number.isSafeInteger(value) || value < 1 || value > factor) {
      reader.invalid(
        `${path}.configs.${MIN_ISR_CONFIG}`,
        own,
        `a whole number from 1 to the topic's replication factor ${factor}, as a string ` +
          `(acks=all writes need that many in-sync replicas)`,
      );
    }
  } else if (clusterMinInsyncReplicas > factor) {
    reader.invalid(
      `${path}.replicationFactor`,
      factor,
      `at least minInsyncReplicas=${clusterMinInsyncReplicas}, the cluster's min ISR that acks=all ` +
        `writes need, or configs {"${MIN_ISR_CONFIG}": "${factor}"} (or less) for this topic`,
    );
  }
}

/** Kafka refuses two topics whose names differ only in `.` versus `_` (their metrics collide). */
function reportCollisions(reader: ConfigReader, topics: readonly TopicSpec[]): void {
  const seen = new Map<string, string>();
  for (const topic of topics) {
    const metricName = topic.name.replaceAll(".", "_");
    const earlier = seen.get(metricName);
    if (earlier === topic.name) {
      reader.problems.push(`topics: ${show(topic.name)} is declared twice: expected each topic name once`);
    } else if (earlier !== undefined) {
      reader.problems.push(
        `topics: ${show(topic.name)} collides with ${show(earlier)}: expected names that differ in more than "." versus "_"`,
      );
    } else {
      seen.set(metricName, topic.name);
    }
  }
}

/** Reads the `topics` list; problems go to the reader, valid entries are returned. */
export function readTopics(reader: ConfigReader, value: unknown, defaults: TopicDefaults): TopicSpec[] {
  if (!Array.isArray(value)) {
    reader.invalid("topics", value, TOPICS_RULE);
    return [];
  }
  const topics = value
    .map((entry, index) => readTopic(reader, index, entry, defaults))
    .filter((topic): topic is TopicSpec => topic !== undefined);
  reportCollisions(reader, topics);
  return topics;
}
