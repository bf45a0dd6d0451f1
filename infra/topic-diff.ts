/**
 * How a declared topic change is applied, decided without a broker:
 * - more partitions, or different topic configs: updated in place;
 * - another replication factor (or name): the topic is deleted and created again;
 * - fewer partitions: refused, since Kafka cannot remove partitions.
 */
import type * as pulumi from "@pulumi/pulumi";

/** Inputs (and outputs) of a topic resource. */
export interface TopicState {
  name: string;
  partitions: number;
  replicationFactor: number;
  configs: Record<string, string>;
  /** Where the provider reaches the cluster from the host that runs Pulumi. */
  bootstrapServers: string;
}

/** What an in-place update has to do; undefined fields need nothing. */
export interface TopicUpdatePlan {
  /** New total partition count. */
  partitions?: number;
  /** The complete set of topic configs to apply (others return to the broker defaults). */
  configs?: Record<string, string>;
}

const REPLACING_PROPERTIES = ["name", "replicationFactor"] as const;

function sameConfigs(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** Properties whose change means deleting and recreating the topic. */
export function replacedBy(olds: TopicState, news: TopicState): string[] {
  return REPLACING_PROPERTIES.filter((property) => olds[property] !== news[property]);
}

/** Check failures for a change that cannot be applied; none for a new topic (olds empty). */
export function checkTopicChange(olds: Partial<TopicState>, news: TopicState): pulumi.dynamic.CheckFailure[] {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  if (!Number.isSafeInteger(news.partitions) || news.partitions < 1) {
    failures.push({
      property: "partitions",
      reason: `partitions=${news.partitions}: expected a whole number >= 1`,
    });
  }
  const existing = olds.name === news.name && olds.replicationFactor === news.replicationFactor;
  if (existing && olds.partitions !== undefined && news.partitions < olds.partitions) {
    failures.push({
      property: "partitions",
      reason:
        `topic ${news.name}: partitions=${news.partitions} is less than the current ${olds.partitions}: ` +
        `Kafka cannot remove partitions; keep ${olds.partitions} or more, or rename the topic to recreate it`,
    });
  }
  return failures;
}

export function diffTopic(olds: TopicState, news: TopicState): pulumi.dynamic.DiffResult {
  const replaces = replacedBy(olds, news);
  if (replaces.length > 0) {
    // A topic name is unique in the cluster: the old topic must be gone before the new one is made.
    return { changes: true, replaces, deleteBeforeReplace: true };
  }
  const changes =
    olds.partitions !== news.partitions ||
    !sameConfigs(olds.configs, news.configs) ||
    olds.bootstrapServers !== news.bootstrapServers;
  return { changes, replaces: [], deleteBeforeReplace: false };
}

/** The Kafka calls an in-place update needs. */
export function planTopicUpdate(olds: TopicState, news: TopicState): TopicUpdatePlan {
  return {
    ...(news.partitions > olds.partitions ? { partitions: news.partitions } : {}),
    ...(sameConfigs(olds.configs, news.configs) ? {} : { configs: news.configs }),
  };
}
