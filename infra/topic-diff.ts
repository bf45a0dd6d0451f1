/**
 * How a declared topic change is applied, decided without a broker, with Kafka's own semantics:
 * - more partitions, or different topic configs: updated in place;
 * - fewer partitions: refused, since Kafka cannot remove partitions;
 * - replication factor: fixed when the topic is created. A topic without its own replicationFactor
 *   keeps the one it was created with when the cluster-wide replicationFactor changes; an explicit
 *   new value for an existing topic is refused (nothing the user keeps is deleted to apply it).
 * Only a declaration that is removed (or renamed, which removes the old name) deletes a topic.
 */
import type * as pulumi from "@pulumi/pulumi";

/** Inputs (and outputs) of a topic resource. */
export interface TopicState {
  name: string;
  partitions: number;
  /** Replicas per partition: requested at creation, then as the topic has them. */
  replicationFactor: number;
  /** Whether the declaration names its replicationFactor (else the cluster's applied at creation). */
  replicationFactorExplicit: boolean;
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

function sameConfigs(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** True when `olds` describes the topic `news` declares (not a new or renamed topic). */
function isExisting(olds: Partial<TopicState>, news: TopicState): olds is TopicState {
  return olds.name === news.name && olds.replicationFactor !== undefined;
}

function replicationFactorRefusal(olds: TopicState, news: TopicState): string {
  const current = olds.replicationFactor;
  return (
    `topic ${news.name}: replicationFactor=${news.replicationFactor} differs from the topic's current ` +
    `replication factor ${current}, which Kafka cannot change by recreating the topic without losing ` +
    `its data. Either declare replicationFactor ${current} (or leave it out), or declare a topic with ` +
    `a new name (the old one is deleted once you remove it), or move the replicas with ` +
    `kafka-reassign-partitions, run pulumi refresh, and then declare ${news.replicationFactor}`
  );
}

/**
 * The inputs to use for `news`: an existing topic without an explicit replication factor keeps its
 * current one, so a new cluster-wide replicationFactor does not touch it.
 */
export function checkedTopicInputs(olds: Partial<TopicState>, news: TopicState): TopicState {
  if (!isExisting(olds, news) || news.replicationFactorExplicit) return news;
  return { ...news, replicationFactor: olds.replicationFactor };
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
  if (!isExisting(olds, news)) return failures;
  if (news.replicationFactorExplicit && news.replicationFactor !== olds.replicationFactor) {
    failures.push({ property: "replicationFactor", reason: replicationFactorRefusal(olds, news) });
  }
  if (news.partitions < olds.partitions) {
    failures.push({
      property: "partitions",
      reason:
        `topic ${news.name}: partitions=${news.partitions} is less than the current ${olds.partitions}: ` +
        `Kafka cannot remove partitions; keep ${olds.partitions} or more, or declare a topic with a new ` +
        `name instead (the old one is deleted once you remove it)`,
    });
  }
  return failures;
}

export function diffTopic(olds: TopicState, news: TopicState): pulumi.dynamic.DiffResult {
  if (olds.name !== news.name) {
    // A topic name is unique in the cluster: the old topic must be gone before the new one is made.
    return { changes: true, replaces: ["name"], deleteBeforeReplace: true };
  }
  const changes =
    olds.partitions !== news.partitions ||
    olds.replicationFactor !== news.replicationFactor ||
    olds.replicationFactorExplicit !== news.replicationFactorExplicit ||
    !sameConfigs(olds.configs, news.configs) ||
    olds.bootstrapServers !== news.bootstrapServers;
  return { changes, replaces: [], deleteBeforeReplace: false };
}

/** The Kafka calls an in-place update needs; a replication factor change is never one of them. */
export function planTopicUpdate(olds: TopicState, news: TopicState): TopicUpdatePlan {
  if (olds.replicationFactor !== news.replicationFactor) {
    throw new Error(replicationFactorRefusal(olds, news));
  }
  return {
    ...(news.partitions > olds.partitions ? { partitions: news.partitions } : {}),
    ...(sameConfigs(olds.configs, news.configs) ? {} : { configs: news.configs }),
  };
}
