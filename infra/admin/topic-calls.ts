/**
 * The Kafka admin calls behind the topic resources, through kafkajs. They run in the Pulumi process on
 * the host, over a client lent by withAdmin (admin-client.ts).
 */
import { ConfigResourceTypes, ConfigSource, type Admin } from "kafkajs";

/** A topic as declared: what createOrAdoptTopic needs of a topic resource's state. */
export interface DeclaredTopic {
  name: string;
  partitions: number;
  replicationFactor: number;
  /** Whether the declaration names its own replication factor (else an existing topic's is adopted). */
  replicationFactorExplicit: boolean;
  /** Whether it names its own partition count; states written before this field existed count as explicit. */
  partitionsExplicit?: boolean;
  configs: Record<string, string>;
}

const LEADER_WAIT_MS = 30_000;

/**
 * Waits until every partition of a new topic has a leader. kafkajs' own wait gives up when a broker
 * does not know the topic yet, which happens in KRaft mode while the metadata propagates.
 */
async function waitForLeaders(admin: Admin, name: string): Promise<void> {
  const deadline = Date.now() + LEADER_WAIT_MS;
  for (;;) {
    const partitions = await admin
      .fetchTopicMetadata({ topics: [name] })
      .then((metadata) => metadata.topics[0]?.partitions ?? [])
      .catch(() => []);
    if (partitions.length > 0 && partitions.every((partition) => partition.leader >= 0)) return;
    if (Date.now() > deadline)
      throw new Error(`topic ${name}: no leader for every partition after ${LEADER_WAIT_MS / 1000} s`);
    // Leaders are usually elected within a few tens of ms; the apps wait for this topic.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A topic's layout as the cluster has it. */
export interface TopicLayout {
  partitions: number;
  replicationFactor: number;
  /** The topic-level overrides (broker defaults left out). */
  configs: Record<string, string>;
}

async function describeTopic(admin: Admin, name: string) {
  const metadata = await admin.fetchTopicMetadata({ topics: [name] });
  const partitions = metadata.topics[0]?.partitions ?? [];
  return { partitions: partitions.length, replicationFactor: partitions[0]?.replicas.length ?? 0 };
}

async function topicOverrides(admin: Admin, name: string): Promise<Record<string, string>> {
  const described = await admin.describeConfigs({
    resources: [{ type: ConfigResourceTypes.TOPIC, name }],
    includeSynonyms: false,
  });
  const entries = described.resources[0]?.configEntries ?? [];
  return Object.fromEntries(
    entries
      .filter((entry) => entry.configSource === ConfigSource.TOPIC_CONFIG && !entry.isSensitive)
      .map((entry) => [entry.configName, entry.configValue]),
  );
}

/** The topic's partitions, replication factor and configs; undefined when it does not exist. */
export async function readTopicLayout(admin: Admin, name: string): Promise<TopicLayout | undefined> {
  if (!(await admin.listTopics()).includes(name)) return undefined;
  const { partitions, replicationFactor } = await describeTopic(admin, name);
  return { partitions, replicationFactor, configs: await topicOverrides(admin, name) };
}

/** Gives partitions to an existing topic until it has `total`. */
export async function increasePartitions(admin: Admin, name: string, total: number): Promise<void> {
  await admin.createPartitions({ topicPartitions: [{ topic: name, count: total }] });
}

/** Sets the topic's configs to exactly `configs`; settings not listed return to the broker defaults. */
export async function replaceTopicConfigs(admin: Admin, name: string, configs: Record<string, string>) {
  await admin.alterConfigs({
    validateOnly: false,
    resources: [
      {
        type: ConfigResourceTypes.TOPIC,
        name,
        configEntries: Object.entries(configs).map(([configName, value]) => ({ name: configName, value })),
      },
    ],
  });
}

/**
 * Creates the topic, or adopts one that already exists (auto-created by a client, or kept in a
 * retained volume) when its layout fits the declaration. A topic without an explicit replication
 * factor or partition count is adopted with the one it has. Returns the topic's state as created or adopted.
 */
export async function createOrAdoptTopic<T extends DeclaredTopic>(admin: Admin, topic: T): Promise<T> {
  const configEntries = Object.entries(topic.configs).map(([name, value]) => ({ name, value }));
  const created = await admin.createTopics({
    waitForLeaders: false,
    topics: [
      {
        topic: topic.name,
        numPartitions: topic.partitions,
        replicationFactor: topic.replicationFactor,
        configEntries,
      },
    ],
  });
  if (created) {
    await waitForLeaders(admin, topic.name);
    return topic;
  }
  const existing = await describeTopic(admin, topic.name);
  const partitionsExplicit = topic.partitionsExplicit ?? true;
  const replicationFits =
    !topic.replicationFactorExplicit || existing.replicationFactor === topic.replicationFactor;
  const partitionsFit = !partitionsExplicit || existing.partitions <= topic.partitions;
  if (!replicationFits || !partitionsFit) {
    throw new Error(
      `topic ${topic.name} already exists with ${existing.partitions} partition(s) and replication factor ` +
        `${existing.replicationFactor}, which the declaration (${topic.partitions}, ${topic.replicationFactor}) ` +
        `cannot adopt: declare those values, or delete the topic yourself first`,
    );
  }
  if (partitionsExplicit && existing.partitions < topic.partitions) {
    await increasePartitions(admin, topic.name, topic.partitions);
  }
  await replaceTopicConfigs(admin, topic.name, topic.configs);
  return {
    ...topic,
    replicationFactor: existing.replicationFactor,
    partitions: partitionsExplicit ? topic.partitions : existing.partitions,
  };
}

/** Deletes the topic; one that is already gone counts as deleted. */
export async function deleteTopic(admin: Admin, name: string): Promise<void> {
  const topics = await admin.listTopics();
  if (topics.includes(name)) await admin.deleteTopics({ topics: [name] });
}
