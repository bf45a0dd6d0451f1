/**
 * The admin calls behind topic resources, against a fake admin client: creation, adoption of a
 * topic that already exists, refusal of one that cannot be adopted, reading a topic's live layout
 * (for refresh), and idempotent deletion.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createOrAdoptTopic, deleteTopic, readTopicLayout } from "../../infra/admin/topic-calls";
import { declaredTopic, fakeAdmin } from "./support/fake-admin";

const declared = declaredTopic();

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
