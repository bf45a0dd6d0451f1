/**
 * How a declared topic change is applied, decided without a broker, with Kafka's own semantics:
 * - more partitions, or different topic configs: updated in place;
 * - fewer partitions: refused, since Kafka cannot remove partitions;
 * - a topic without its own partition count keeps the count it has (created with, or adopted with)
 *   when defaultPartitions changes: growing it would move keys to other partitions, and shrinking is
 *   impossible;
 * - replication factor: fixed when the topic is created. A topic without its own replicationFactor
 *   keeps the one it was created with (or adopted with) when the cluster-wide replicationFactor
 *   changes; an explicit new value for an existing topic is refused (nothing the user keeps is
 *   deleted to apply it).
 * The provider's check sees the old inputs, its diff and update the old outputs (the topic as
 * created or adopted), so the implicit values are ignored in both places.
 * Only a declaration that is removed (or renamed, which removes the old name) deletes a topic.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { TopicSpec } from "../config";

/**
 * Inputs and outputs of a topic resource: the declared topic (see TopicSpec) and where the provider
 * reaches the cluster. States written before partitionsExplicit existed lack it: they count as explicit.
 */
export type TopicState = Omit<TopicSpec, "partitionsExplicit"> & {
  partitionsExplicit?: boolean;
  /** Where the provider reaches the cluster from the host that runs Pulumi. */
  bootstrapServers: string;
};

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

function partitionsExplicit(state: Partial<TopicState>): boolean {
  return state.partitionsExplicit ?? true;
}

/**
 * The values of `news` that are not declared (replication factor, partition count) replaced by the
 * ones of `olds`, the topic as it is: a new cluster-wide default leaves an existing topic alone.
 */
function keepImplicit(olds: TopicState, news: TopicState): TopicState {
  return {
    ...news,
    ...(news.replicationFactorExplicit ? {} : { replicationFactor: olds.replicationFactor }),
    ...(partitionsExplicit(news) ? {} : { partitions: olds.partitions }),
  };
}

/**
 * The inputs to use for `news`: an existing topic without an explicit replication factor or
 * partition count keeps its current one, so a new cluster-wide default does not touch it.
 */
export function checkedTopicInputs(olds: Partial<TopicState>, news: TopicState): TopicState {
  return isExisting(olds, news) ? keepImplicit(olds, news) : news;
}

/**
 * The state an in-place update records: `news`, with the old outputs' replication factor and
 * partition count where the declaration leaves them out (after an adoption the old inputs, which
 * check compares with, can hold the cluster's defaults while the topic has other values).
 */
export function updatedTopicState(olds: TopicState, news: TopicState): TopicState {
  return keepImplicit(olds, news);
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
  if (partitionsExplicit(news) && news.partitions < olds.partitions) {
    failures.push({ property: "partitions", reason: fewerPartitionsRefusal(olds, news) });
  }
  return failures;
}

function fewerPartitionsRefusal(olds: TopicState, news: TopicState): string {
  return (
    `topic ${news.name}: partitions=${news.partitions} is less than the current ${olds.partitions}: ` +
    `Kafka cannot remove partitions; keep ${olds.partitions} or more, or declare a topic with a new ` +
    `name instead (the old one is deleted once you remove it)`
  );
}

export function diffTopic(olds: TopicState, news: TopicState): pulumi.dynamic.DiffResult {
  if (olds.name !== news.name) {
    // A topic name is unique in the cluster: the old topic must be gone before the new one is made.
    return { changes: true, replaces: ["name"], deleteBeforeReplace: true };
  }
  // Values the declaration leaves out are the topic's own (see updatedTopicState): not a change.
  const declared = keepImplicit(olds, news);
  const changes =
    olds.partitions !== declared.partitions ||
    olds.replicationFactor !== declared.replicationFactor ||
    olds.replicationFactorExplicit !== news.replicationFactorExplicit ||
    partitionsExplicit(olds) !== partitionsExplicit(news) ||
    !sameConfigs(olds.configs, news.configs) ||
    olds.bootstrapServers !== news.bootstrapServers;
  return { changes, replaces: [], deleteBeforeReplace: false };
}

/**
 * The Kafka calls an in-place update needs; a replication factor change is never one of them, and a
 * value the declaration leaves out is never changed.
 */
export function planTopicUpdate(olds: TopicState, news: TopicState): TopicUpdatePlan {
  const declared = keepImplicit(olds, news);
  if (olds.replicationFactor !== declared.replicationFactor) {
    throw new Error(replicationFactorRefusal(olds, declared));
  }
  if (declared.partitions < olds.partitions) throw new Error(fewerPartitionsRefusal(olds, declared));
  return {
    ...(declared.partitions > olds.partitions ? { partitions: declared.partitions } : {}),
    ...(sameConfigs(olds.configs, news.configs) ? {} : { configs: news.configs }),
  };
}
