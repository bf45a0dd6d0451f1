/**
 * An in-memory kafkajs Admin for the topic tests. It keeps state, so the calls a test makes change
 * what later calls see (a created topic is listed, grown partitions are counted), and it records
 * every call that changes the cluster, so a test can assert on exactly what was asked of Kafka.
 */
import type { Admin } from "kafkajs";
import type { TopicState } from "../../../infra/topics/diff";

/** The declared topic the topic tests start from: the apps' topic, one broker, a retention override. */
export function declaredTopic(overrides: Partial<TopicState> = {}): TopicState {
  return {
    name: "registred_user",
    partitions: 3,
    replicationFactor: 1,
    replicationFactorExplicit: true,
    configs: { "retention.ms": "60000" },
    bootstrapServers: "localhost:9092",
    ...overrides,
  };
}

/** A topic as the fake cluster holds it. */
export interface ExistingTopic {
  partitions: number;
  replicationFactor: number;
  /** Topic-level overrides; the fake also reports a broker default and a static broker config. */
  configs?: Record<string, string>;
}

interface CreatedTopic {
  topic: string;
  numPartitions?: number;
  replicationFactor?: number;
  configEntries?: { name: string; value: string }[];
}

/** configSource values of the Kafka protocol: 1 = topic override, 4 = static broker, 5 = default. */
export function describedEntries(topic: ExistingTopic | undefined) {
  return [
    ...Object.entries(topic?.configs ?? {}).map(([configName, configValue]) => ({
      configName,
      configValue,
      configSource: 1,
      isSensitive: false,
    })),
    { configName: "min.insync.replicas", configValue: "2", configSource: 4, isSensitive: false },
    { configName: "cleanup.policy", configValue: "delete", configSource: 5, isSensitive: false },
  ];
}

/**
 * An admin over `existing`, which it mutates as Kafka would, and the calls made to it (reads are
 * not recorded). Changing a topic that does not exist fails, as UNKNOWN_TOPIC_OR_PARTITION would.
 */
export function fakeAdmin(existing: Record<string, ExistingTopic>) {
  const calls: string[] = [];
  const topicNamed = (name: string): ExistingTopic => {
    const topic = existing[name];
    if (topic === undefined) throw new Error(`fake admin: unknown topic ${name}`);
    return topic;
  };
  const admin = {
    async createTopics({ topics }: { topics: CreatedTopic[] }) {
      calls.push(`createTopics ${topics.map((t) => t.topic).join()}`);
      // Like kafkajs: true when every topic was created; topics that already exist are left alone.
      const allNew = topics.every((t) => existing[t.topic] === undefined);
      for (const t of topics.filter((t) => existing[t.topic] === undefined)) {
        existing[t.topic] = {
          partitions: t.numPartitions ?? 1,
          replicationFactor: t.replicationFactor ?? 1,
          configs: Object.fromEntries((t.configEntries ?? []).map((c) => [c.name, c.value])),
        };
      }
      return allNew;
    },
    async fetchTopicMetadata({ topics }: { topics: string[] }) {
      return {
        topics: topics.map((name) => ({
          name,
          partitions: Array.from({ length: existing[name]?.partitions ?? 0 }, (_, partitionId) => ({
            partitionId,
            leader: 1,
            replicas: Array.from({ length: existing[name]?.replicationFactor ?? 0 }, (_, i) => i + 1),
          })),
        })),
      };
    },
    async createPartitions({ topicPartitions }: { topicPartitions: { topic: string; count: number }[] }) {
      calls.push(`createPartitions ${topicPartitions.map((t) => `${t.topic}=${t.count}`).join()}`);
      for (const { topic, count } of topicPartitions) topicNamed(topic).partitions = count;
    },
    async alterConfigs({
      resources,
    }: {
      resources: { name: string; configEntries: { name: string; value: string }[] }[];
    }) {
      calls.push(
        `alterConfigs ${resources.map((r) => `${r.name}:${r.configEntries.map((c) => c.name).join("+")}`).join()}`,
      );
      // alterConfigs is not incremental: the listed entries become the topic's only overrides.
      for (const r of resources) {
        topicNamed(r.name).configs = Object.fromEntries(r.configEntries.map((c) => [c.name, c.value]));
      }
    },
    async describeConfigs({ resources }: { resources: { name: string }[] }) {
      return {
        resources: resources.map((r) => ({
          resourceName: r.name,
          configEntries: describedEntries(existing[r.name]),
        })),
      };
    },
    async listTopics() {
      return Object.keys(existing);
    },
    async deleteTopics({ topics }: { topics: string[] }) {
      calls.push(`deleteTopics ${topics.join()}`);
      for (const name of topics) {
        topicNamed(name);
        Reflect.deleteProperty(existing, name);
      }
    },
  };
  return { admin: admin as unknown as Admin, calls };
}
