/**
 * The `topics` setting: a list of topics declared as code, checked against Kafka's rules and the
 * cluster's size before anything is deployed. A zod schema per cluster shape reads it; its problems
 * are reported in the one format of every config problem (config-rules.ts).
 */
import { z } from "zod";
import { topicName } from "../../apps/src/shared/app-contract.js";
import { describeIssues, describeWholeNumber } from "../../apps/src/shared/config-rules.js";
import { show, type ConfigReader } from "./reader";

/** One topic as the cluster should have it. */
export interface TopicSpec {
  name: string;
  /** Partitions when the topic is created: the declared count or defaultPartitions. */
  partitions: number;
  /** Replicas per partition when the topic is created: the declared value or the cluster's. */
  replicationFactor: number;
  /**
   * Whether the topic declares its own replicationFactor. A topic that does not keeps the factor
   * it was created with when the cluster-wide replicationFactor changes later (as in Kafka).
   */
  replicationFactorExplicit: boolean;
  /** Topic-level overrides of broker defaults, e.g. `retention.ms`. */
  configs: Record<string, string>;
  /**
   * Whether the topic declares its own partitions. A topic that does not keeps the count it has
   * when defaultPartitions changes later (growing it would move keys to other partitions).
   */
  partitionsExplicit: boolean;
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

/** A count from 1 to `max` as JSON has it: a number, never text. */
function count(max: number, hint?: string) {
  const error = describeWholeNumber({ min: 1, max, hint });
  return z.int({ error }).min(1, { error }).max(max, { error }).optional();
}

const configs = z
  .record(z.string(), z.unknown(), { error: "an object mapping topic config names to string values" })
  .superRefine((entries, ctx) => {
    for (const [name, value] of Object.entries(entries)) {
      if (!CONFIG_NAME.test(name))
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: "a topic config name such as retention.ms (lower case, dots)",
        });
      else if (typeof value !== "string")
        ctx.addIssue({ code: "custom", path: [name], message: 'a string, e.g. "604800000" (quote numbers)' });
    }
  })
  .transform((entries) => entries as Record<string, string>)
  .optional();

/**
 * An acks=all write needs min.insync.replicas replicas in sync: a topic with fewer replicas than
 * that would refuse every such write (NOT_ENOUGH_REPLICAS) forever.
 */
function checkMinInsyncReplicas(topic: TopicSpec, clusterMinIsr: number, ctx: z.RefinementCtx): void {
  const own = topic.configs[MIN_ISR_CONFIG];
  const factor = topic.replicationFactor;
  if (own !== undefined) {
    const value = /^\d+$/.test(own) ? Number(own) : NaN;
    if (!Number.isSafeInteger(value) || value < 1 || value > factor) {
      ctx.addIssue({
        code: "custom",
        path: ["configs", MIN_ISR_CONFIG],
        message:
          `a whole number from 1 to the topic's replication factor ${factor}, as a string ` +
          `(acks=all writes need that many in-sync replicas)`,
      });
    }
  } else if (clusterMinIsr > factor) {
    ctx.addIssue({
      code: "custom",
      path: ["replicationFactor"],
      input: factor,
      message:
        `at least minInsyncReplicas=${clusterMinIsr}, the cluster's min ISR that acks=all writes need, ` +
        `or configs {"${MIN_ISR_CONFIG}": "${factor}"} (or less) for this topic`,
    });
  }
}

/** One entry of `topics`, with the cluster's values where it declares none. */
function topicSchema(defaults: TopicDefaults) {
  return z
    .looseObject(
      {
        name: topicName,
        partitions: count(MAX_PARTITIONS),
        replicationFactor: count(defaults.brokers, "the number of brokers"),
        configs,
      },
      { error: `an object with fields ${TOPIC_FIELDS.join(", ")}` },
    )
    .superRefine((entry, ctx) => {
      for (const field of Object.keys(entry).filter(
        (key) => !(TOPIC_FIELDS as readonly string[]).includes(key),
      ))
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: `no such field; topic fields are ${TOPIC_FIELDS.join(", ")}`,
        });
    })
    .transform((entry, ctx): TopicSpec => {
      const topic = {
        name: entry.name,
        partitions: entry.partitions ?? defaults.partitions,
        replicationFactor: entry.replicationFactor ?? defaults.replicationFactor,
        replicationFactorExplicit: entry.replicationFactor !== undefined,
        configs: entry.configs ?? {},
        partitionsExplicit: entry.partitions !== undefined,
      };
      checkMinInsyncReplicas(topic, defaults.minInsyncReplicas, ctx);
      return topic;
    });
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

/** Reads the `topics` list; problems go to the reader, and only a valid list is returned. */
export function readTopics(reader: ConfigReader, value: unknown, defaults: TopicDefaults): TopicSpec[] {
  const input = { topics: value };
  const schema = z.object({ topics: z.array(topicSchema(defaults), { error: TOPICS_RULE }) });
  const parsed = schema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    reader.problems.push(...describeIssues(parsed.error, input));
    return [];
  }
  reportCollisions(reader, parsed.data.topics);
  return parsed.data.topics;
}
