/**
 * The topic resources' dynamic provider, driven method by method as the Pulumi engine would call it,
 * over an in-memory admin: what each of check, diff, create, read, update and delete returns, and
 * exactly which Kafka calls it makes.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { TopicState } from "../../infra/topics/diff";
import type { AdminLender } from "../../infra/admin/admin-client";
import { createTopicProvider } from "../../infra/topics/provider";
import { declaredTopic, fakeAdmin, type ExistingTopic } from "./support/fake-admin";

const declared = declaredTopic();

/** The provider over a fake cluster holding `existing`, which the provider's calls mutate. */
function providerOver(existing: Record<string, ExistingTopic>) {
  const { admin, calls } = fakeAdmin(existing);
  const lentTo: string[] = [];
  const lender: AdminLender = async (bootstrapServers, work) => {
    lentTo.push(bootstrapServers);
    return work(admin);
  };
  const { check, diff, create, read, update, delete: remove } = createTopicProvider(lender);
  // Every method is optional in Pulumi's interface; the topic provider must implement them all.
  assert.ok(check && diff && read && update && remove, "the provider implements every method");
  return { check, diff, create, read, update, remove, calls, existing, lentTo };
}

describe("create", () => {
  test("creates a new topic named after the resource, reaching the declared servers", async () => {
    const p = providerOver({});
    assert.deepEqual(await p.create(declared), { id: "registred_user", outs: declared });
    assert.deepEqual(p.calls, ["createTopics registred_user"]);
    assert.deepEqual(p.lentTo, ["localhost:9092"]);
    assert.deepEqual(p.existing, {
      registred_user: { partitions: 3, replicationFactor: 1, configs: { "retention.ms": "60000" } },
    });
  });

  test("adopts an existing topic, growing it and recording the replication factor it has", async () => {
    const p = providerOver({ registred_user: { partitions: 1, replicationFactor: 3 } });
    const inputs = { ...declared, replicationFactorExplicit: false };
    assert.deepEqual(await p.create(inputs), {
      id: "registred_user",
      outs: { ...inputs, replicationFactor: 3 },
    });
    assert.deepEqual(p.calls, [
      "createTopics registred_user",
      "createPartitions registred_user=3",
      "alterConfigs registred_user:retention.ms",
    ]);
    assert.deepEqual(p.existing, {
      registred_user: { partitions: 3, replicationFactor: 3, configs: { "retention.ms": "60000" } },
    });
  });
});

describe("check", () => {
  test("passes the inputs of a new topic through without failures", async () => {
    const p = providerOver({});
    // The engine passes empty old inputs for a resource it has not created yet.
    const noOlds = {} as TopicState;
    assert.deepEqual(await p.check(noOlds, declared), { inputs: declared, failures: [] });
    assert.deepEqual(p.calls, [], "check never reaches the cluster");
  });

  test("refuses fewer explicit partitions, naming the declared and current counts", async () => {
    const p = providerOver({});
    const { failures } = await p.check({ ...declared, partitions: 6 }, declared);
    assert.deepEqual(
      failures?.map((f) => f.property),
      ["partitions"],
    );
    assert.match(failures?.[0]?.reason ?? "", /partitions=3 is less than the current 6/);
  });

  test("refuses a changed explicit replication factor, naming the declared and current factors", async () => {
    const p = providerOver({});
    const { failures } = await p.check(declared, { ...declared, replicationFactor: 3 });
    assert.deepEqual(
      failures?.map((f) => f.property),
      ["replicationFactor"],
    );
    assert.match(failures?.[0]?.reason ?? "", /replicationFactor=3 differs .* replication factor 1\b/);
  });
});

describe("diff", () => {
  test("sees no change when the inputs are the outputs", async () => {
    const p = providerOver({});
    assert.deepEqual(await p.diff("registred_user", declared, declared), {
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  test("replaces a renamed topic, deleting the old one first since names are unique", async () => {
    const p = providerOver({});
    assert.deepEqual(await p.diff("registred_user", declared, { ...declared, name: "registered_user" }), {
      changes: true,
      replaces: ["name"],
      deleteBeforeReplace: true,
    });
  });
});

describe("update", () => {
  test("grows the partitions in place to the declared total", async () => {
    const p = providerOver({ registred_user: { partitions: 3, replicationFactor: 1 } });
    const news = { ...declared, partitions: 6 };
    assert.deepEqual(await p.update("registred_user", declared, news), { outs: news });
    assert.deepEqual(p.calls, ["createPartitions registred_user=6"]);
    assert.equal(p.existing.registred_user?.partitions, 6);
  });

  test("replaces the topic's configs with exactly the declared ones", async () => {
    const p = providerOver({
      registred_user: { partitions: 3, replicationFactor: 1, configs: { "retention.ms": "60000" } },
    });
    const news = { ...declared, configs: { "cleanup.policy": "compact", "retention.ms": "120000" } };
    assert.deepEqual(await p.update("registred_user", declared, news), { outs: news });
    assert.deepEqual(p.calls, ["alterConfigs registred_user:cleanup.policy+retention.ms"]);
    assert.deepEqual(p.existing.registred_user?.configs, news.configs);
  });
});

describe("read", () => {
  test("refreshes an existing topic to its live partitions and configs", async () => {
    const p = providerOver({
      registred_user: { partitions: 6, replicationFactor: 1, configs: { "retention.ms": "1000" } },
    });
    const live = { ...declared, partitions: 6, configs: { "retention.ms": "1000" } };
    assert.deepEqual(await p.read("registred_user", declared), {
      id: "registred_user",
      props: live,
      inputs: live,
    });
    assert.deepEqual(p.calls, [], "reading changes nothing");
  });

  test("reads a topic missing from the cluster as gone", async () => {
    const p = providerOver({});
    assert.deepEqual(await p.read("registred_user", declared), {});
  });
});

describe("delete", () => {
  test("deletes the topic from the cluster", async () => {
    const p = providerOver({ registred_user: { partitions: 3, replicationFactor: 1 } });
    await p.remove("registred_user", declared);
    assert.deepEqual(p.calls, ["deleteTopics registred_user"]);
    assert.deepEqual(p.existing, {});
  });

  test("treats a topic that is already gone as deleted, without asking Kafka to delete it", async () => {
    const p = providerOver({});
    await p.remove("registred_user", declared);
    assert.deepEqual(p.calls, []);
  });
});
