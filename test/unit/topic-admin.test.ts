/**
 * The admin calls behind topic resources, against a fake admin client: creation, adoption of a
 * topic that already exists, refusal of one that cannot be adopted, reading a topic's live layout
 * (for refresh), and idempotent deletion.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Admin } from "kafkajs";
import { createOrAdoptTopic, deleteTopic, readTopicLayout } from "../../infra/topics/admin";
import type { TopicState } from "../../infra/topics/diff";

interface ExistingTopic {
  partitions: number;
  replicationFactor: number;
  /** Topic-level overrides; the fake also reports a broker default and a static broker config. */
  configs?: Record<string, string>;
}

/** configSource values of the Kafka protocol: 1 = topic override, 4 = static broker, 5 = default. */
function describedEntries(topic: ExistingTopic | undefined) {
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

/** An in-memory admin that records the calls made to it. */
function fakeAdmin(existing: Record<string, ExistingTopic>) {
  const calls: string[] = [];
  const admin = {
    async createTopics({ topics }: { topics: { topic: string }[] }) {
      calls.push(`createTopics ${topics.map((t) => t.topic).join()}`);
      return topics.every((t) => existing[t.topic] === undefined);
    },
    async fetchTopicMetadata({ topics }: { topics: string[] }) {
      return {
        topics: topics.map((name) => ({
          name,
          partitions: Array.from({ length: existing[name]?.partitions ?? 0 }, (_, partitionId) => ({
            partitionId,
            replicas: Array.from({ length: existing[name]?.replicationFactor ?? 0 }, (_, i) => i + 1),
          })),
        })),
      };
    },
    async createPartitions({ topicPartitions }: { topicPartitions: { topic: string; count: number }[] }) {
      calls.push(`createPartitions ${topicPartitions.map((t) => `${t.topic}=${t.count}`).join()}`);
    },
    async alterConfigs({
      resources,
    }: {
      resources: { name: string; configEntries: { name: string; value: string }[] }[];
    }) {
      calls.push(
        `alterConfigs ${resources.map((r) => `${r.name}:${r.configEntries.map((c) => c.name).join("+")}`).join()}`,
      );
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
    },
  };
  return { admin: admin as unknown as Admin, calls };
}

const declared: TopicState = {
  name: "registred_user",
  partitions: 3,
  replicationFactor: 1,
  replicationFactorExplicit: true,
  configs: { "retention.ms": "60000" },
  bootstrapServers: "localhost:9092",
};

describe("create", () => {
  test("creates a missing topic in one call, configs included", async () => {
    const { admin, calls } = fakeAdmin({});
    assert.deepEqual(await createOrAdoptTopic(admin, declared), declared);
    assert.deepEqual(calls, ["createTopics registred_user"]);
  });

  test("adopts an auto-created topic, growing it to the declared partitions and configs", async () => {
    const { admin, calls } = fakeAdmin({ registred_user: { partitions: 1, replicationFactor: 1 } });
    await createOrAdoptTopic(admin, declared);
    assert.deepEqual(calls, [
      "createTopics registred_user",
      "createPartitions registred_user=3",
      "alterConfigs registred_user:retention.ms",
    ]);
  });

  test("adopts a topic without an explicit replication factor with the factor it has", async () => {
    const { admin } = fakeAdmin({ registred_user: { partitions: 3, replicationFactor: 3 } });
    const adopted = await createOrAdoptTopic(admin, { ...declared, replicationFactorExplicit: false });
    assert.equal(adopted.replicationFactor, 3);
  });

  test("adopts a topic without an explicit partition count with the count it has, never growing it", async () => {
    for (const partitions of [1, 6]) {
      const { admin, calls } = fakeAdmin({ registred_user: { partitions, replicationFactor: 1 } });
      const adopted = await createOrAdoptTopic(admin, { ...declared, partitionsExplicit: false });
      assert.equal(adopted.partitions, partitions);
      assert.deepEqual(calls, ["createTopics registred_user", "alterConfigs registred_user:retention.ms"]);
    }
  });

  test("refuses to adopt a topic with another explicit replication factor or more partitions", async () => {
    for (const existing of [
      { partitions: 3, replicationFactor: 3 },
      { partitions: 6, replicationFactor: 1 },
    ]) {
      const { admin } = fakeAdmin({ registred_user: existing });
      await assert.rejects(createOrAdoptTopic(admin, declared), /already exists with .* cannot adopt/);
    }
  });
});

describe("read", () => {
  test("reads partitions, replication factor and the topic's own configs only", async () => {
    const { admin, calls } = fakeAdmin({
      registred_user: { partitions: 6, replicationFactor: 2, configs: { "retention.ms": "1000" } },
    });
    assert.deepEqual(await readTopicLayout(admin, "registred_user"), {
      partitions: 6,
      replicationFactor: 2,
      configs: { "retention.ms": "1000" },
    });
    assert.deepEqual(calls, [], "reading changes nothing");
  });

  test("a missing topic reads as undefined", async () => {
    assert.equal(await readTopicLayout(fakeAdmin({}).admin, "registred_user"), undefined);
  });
});

describe("delete", () => {
  test("deletes an existing topic and treats a missing one as deleted", async () => {
    const present = fakeAdmin({ registred_user: { partitions: 1, replicationFactor: 1 } });
    await deleteTopic(present.admin, "registred_user");
    assert.deepEqual(present.calls, ["deleteTopics registred_user"]);
    const absent = fakeAdmin({});
    await deleteTopic(absent.admin, "registred_user");
    assert.deepEqual(absent.calls, []);
  });
});
