/**
 * How the topic provider treats a change: partitions grow in place, configs change in place, a new
 * replication factor or name replaces the topic, and fewer partitions are refused.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkTopicChange, diffTopic, planTopicUpdate, type TopicState } from "../../infra/topic-diff";

const current: TopicState = {
  name: "registred_user",
  partitions: 3,
  replicationFactor: 3,
  configs: { "retention.ms": "604800000" },
  bootstrapServers: "localhost:9092,localhost:9093,localhost:9094",
};

describe("diff", () => {
  test("the same declaration changes nothing", () => {
    assert.deepEqual(diffTopic(current, { ...current, configs: { ...current.configs } }), {
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  test("more partitions update the topic in place", () => {
    const diff = diffTopic(current, { ...current, partitions: 6 });
    assert.equal(diff.changes, true);
    assert.deepEqual(diff.replaces, []);
  });

  test("changed topic configs update the topic in place", () => {
    const diff = diffTopic(current, { ...current, configs: { "retention.ms": "1000" } });
    assert.equal(diff.changes, true);
    assert.deepEqual(diff.replaces, []);
  });

  test("a new replication factor replaces the topic, deleting the old one first", () => {
    assert.deepEqual(diffTopic(current, { ...current, replicationFactor: 1 }), {
      changes: true,
      replaces: ["replicationFactor"],
      deleteBeforeReplace: true,
    });
  });

  test("a new name replaces the topic", () => {
    assert.deepEqual(diffTopic(current, { ...current, name: "registered_user" }).replaces, ["name"]);
  });

  test("a new bootstrap list is recorded without touching the topic", () => {
    const news = { ...current, bootstrapServers: "localhost:19092" };
    assert.equal(diffTopic(current, news).changes, true);
    assert.deepEqual(planTopicUpdate(current, news), {});
  });
});

describe("check", () => {
  test("fewer partitions are refused with the current and requested counts", () => {
    const failures = checkTopicChange(current, { ...current, partitions: 2 });
    assert.equal(failures.length, 1);
    assert.equal(failures[0]?.property, "partitions");
    assert.match(
      failures[0]?.reason ?? "",
      /partitions=2 is less than the current 3: Kafka cannot remove partitions/,
    );
  });

  test("fewer partitions are fine when the topic is recreated anyway", () => {
    assert.deepEqual(checkTopicChange(current, { ...current, partitions: 1, replicationFactor: 1 }), []);
  });

  test("a new topic is checked only for a valid partition count", () => {
    assert.deepEqual(checkTopicChange({}, current), []);
    assert.equal(checkTopicChange({}, { ...current, partitions: 0 })[0]?.property, "partitions");
  });
});

describe("update plan", () => {
  test("grows partitions to the new total and applies the complete new config set", () => {
    assert.deepEqual(planTopicUpdate(current, { ...current, partitions: 6, configs: {} }), {
      partitions: 6,
      configs: {},
    });
  });
});
