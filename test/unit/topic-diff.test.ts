/**
 * How the topic provider treats a change: partitions grow in place, configs change in place, the
 * replication factor is fixed at creation (a new cluster-wide value leaves existing topics alone, a
 * new explicit value is refused), and fewer partitions are refused. Nothing is ever replaced to
 * apply a change of the declaration.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  checkedTopicInputs,
  checkTopicChange,
  diffTopic,
  planTopicUpdate,
  updatedTopicState,
  type TopicState,
} from "../../infra/topics/diff";
import { declaredTopic } from "./support/fake-admin";

const current = declaredTopic({
  replicationFactor: 3,
  replicationFactorExplicit: false,
  configs: { "retention.ms": "604800000" },
  bootstrapServers: "localhost:9092,localhost:9093,localhost:9094",
});
const explicit: TopicState = { ...current, replicationFactorExplicit: true };
/** A topic declared without its own partition count (defaultPartitions applied at creation). */
const implicitPartitions: TopicState = { ...current, partitionsExplicit: false };

/** What the provider does with a new declaration: check, then diff the checked inputs. */
function apply(olds: TopicState, news: TopicState) {
  const failures = checkTopicChange(olds, news);
  const inputs = checkedTopicInputs(olds, news);
  return { failures, inputs, diff: diffTopic(olds, inputs) };
}

/**
 * The provider's full cycle with separate old inputs and old outputs (they differ after an
 * adoption): check against the inputs, diff against the outputs, and, when there are changes, plan
 * the update and record its outputs.
 */
function cycle(oldInputs: TopicState, oldOutputs: TopicState, news: TopicState) {
  const failures = checkTopicChange(oldInputs, news);
  const inputs = checkedTopicInputs(oldInputs, news);
  const diff = diffTopic(oldOutputs, inputs);
  if (!diff.changes) return { failures, diff, plan: undefined, outs: oldOutputs };
  return {
    failures,
    diff,
    plan: planTopicUpdate(oldOutputs, inputs),
    outs: updatedTopicState(oldOutputs, inputs),
  };
}

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

  test("a new name replaces the topic, deleting the old one first", () => {
    assert.deepEqual(diffTopic(current, { ...current, name: "registered_user" }), {
      changes: true,
      replaces: ["name"],
      deleteBeforeReplace: true,
    });
  });

  test("a new bootstrap list is recorded without touching the topic", () => {
    const news = { ...current, bootstrapServers: "localhost:19092" };
    assert.equal(diffTopic(current, news).changes, true);
    assert.deepEqual(planTopicUpdate(current, news), {});
  });
});

describe("replication factor", () => {
  test("a new cluster-wide replication factor leaves a topic without its own untouched", () => {
    for (const replicationFactor of [1, 2]) {
      const { failures, inputs, diff } = apply(current, { ...current, replicationFactor });
      assert.deepEqual(failures, []);
      assert.equal(inputs.replicationFactor, 3, "the topic keeps the factor it was created with");
      assert.deepEqual(diff, { changes: false, replaces: [], deleteBeforeReplace: false });
    }
  });

  test("a new topic gets the replication factor it is given (the cluster's, when not explicit)", () => {
    assert.equal(checkedTopicInputs({}, { ...current, replicationFactor: 1 }).replicationFactor, 1);
    const renamed = { ...current, name: "users", replicationFactor: 1 };
    assert.equal(checkedTopicInputs(current, renamed).replicationFactor, 1);
  });

  test("another explicit replication factor of an existing topic is refused, naming what to do", () => {
    const { failures } = apply(explicit, { ...explicit, replicationFactor: 1 });
    assert.equal(failures.length, 1);
    assert.equal(failures[0]?.property, "replicationFactor");
    const reason = failures[0]?.reason ?? "";
    assert.match(reason, /^topic registred_user: replicationFactor=1 differs from .* factor 3/);
    assert.match(reason, /declare replicationFactor 3 \(or leave it out\)/);
    assert.match(reason, /a new name/);
    assert.match(reason, /kafka-reassign-partitions, run pulumi refresh, and then declare 1/);
  });

  test("declaring the current factor explicitly is accepted and only recorded", () => {
    const { failures, diff } = apply(current, explicit);
    assert.deepEqual(failures, []);
    assert.deepEqual(diff.replaces, []);
    assert.equal(diff.changes, true);
    assert.deepEqual(planTopicUpdate(current, explicit), {});
  });

  test("once the replicas are reassigned and refreshed, the new explicit factor matches", () => {
    const refreshed = { ...explicit, replicationFactor: 2 };
    const { failures, diff } = apply(refreshed, { ...explicit, replicationFactor: 2 });
    assert.deepEqual(failures, []);
    assert.equal(diff.changes, false);
  });

  test("no change ever replaces the topic for its replication factor", () => {
    for (const news of [
      { ...current, replicationFactor: 1 },
      { ...explicit, replicationFactor: 1 },
    ]) {
      assert.deepEqual(diffTopic(current, news).replaces, []);
    }
    // A factor the declaration leaves out is the topic's own; an explicit new one is refused.
    assert.deepEqual(planTopicUpdate(current, { ...current, replicationFactor: 1 }), {});
    assert.throws(
      () => planTopicUpdate(current, { ...explicit, replicationFactor: 1 }),
      /kafka-reassign-partitions/,
    );
  });
});

describe("adopted topic without an explicit replication factor", () => {
  // Adopted with the factor it has (1) while the inputs hold the cluster's (3).
  const inputs: TopicState = { ...current, replicationFactor: 3 };
  const outputs: TopicState = { ...current, replicationFactor: 1 };

  test("the same declaration changes nothing on every later run", () => {
    const { failures, diff } = cycle(inputs, outputs, inputs);
    assert.deepEqual(failures, []);
    assert.deepEqual(diff, { changes: false, replaces: [], deleteBeforeReplace: false });
  });

  test("another change updates in place and keeps the topic's real factor", () => {
    const { failures, diff, plan, outs } = cycle(inputs, outputs, { ...inputs, partitions: 6 });
    assert.deepEqual(failures, []);
    assert.equal(diff.changes, true);
    assert.deepEqual(plan, { partitions: 6 });
    assert.equal(outs.replicationFactor, 1);
    assert.equal(outs.partitions, 6);
  });

  test("the update plan ignores the factor a declaration leaves out", () => {
    assert.deepEqual(planTopicUpdate(outputs, inputs), {});
    assert.equal(updatedTopicState(outputs, inputs).replicationFactor, 1);
  });
});

describe("partitions without an explicit count", () => {
  test("a new defaultPartitions, higher or lower, leaves an existing topic alone", () => {
    for (const partitions of [1, 6]) {
      const { failures, diff } = cycle(implicitPartitions, implicitPartitions, {
        ...implicitPartitions,
        partitions,
      });
      assert.deepEqual(failures, [], `defaultPartitions ${partitions}`);
      assert.deepEqual(diff, { changes: false, replaces: [], deleteBeforeReplace: false });
    }
  });

  test("a topic adopted with more partitions than defaultPartitions keeps them", () => {
    const inputs = { ...implicitPartitions, partitions: 1 };
    const outputs = { ...implicitPartitions, partitions: 6 };
    assert.equal(cycle(inputs, outputs, inputs).diff.changes, false);
    const { plan, outs } = cycle(inputs, outputs, { ...inputs, configs: {} });
    assert.deepEqual(plan, { configs: {} });
    assert.equal(outs.partitions, 6);
  });

  test("declaring an explicit count grows the topic in place", () => {
    const news = { ...implicitPartitions, partitions: 6, partitionsExplicit: true };
    const { failures, diff, plan, outs } = cycle(implicitPartitions, implicitPartitions, news);
    assert.deepEqual(failures, []);
    assert.deepEqual(diff.replaces, []);
    assert.deepEqual(plan, { partitions: 6 });
    assert.equal(outs.partitions, 6);
  });

  test("an explicit count below the topic's real one is refused, even when check missed it", () => {
    const inputs = { ...implicitPartitions, partitions: 1 };
    const outputs = { ...implicitPartitions, partitions: 6 };
    const news = { ...implicitPartitions, partitions: 3, partitionsExplicit: true };
    assert.throws(() => cycle(inputs, outputs, news), /partitions=3 is less than the current 6/);
  });

  test("a state written before partitionsExplicit existed counts as explicit", () => {
    const { partitionsExplicit: _, ...legacy } = implicitPartitions;
    assert.equal(diffTopic(legacy, { ...legacy, partitions: 6 }).changes, true);
    assert.equal(checkTopicChange(legacy, { ...legacy, partitions: 1 })[0]?.property, "partitions");
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

  test("fewer partitions are refused together with a new explicit replication factor", () => {
    const failures = checkTopicChange(explicit, { ...explicit, partitions: 1, replicationFactor: 1 });
    assert.deepEqual(failures.map((f) => f.property).sort(), ["partitions", "replicationFactor"]);
  });

  test("a new topic is checked only for a valid partition count", () => {
    assert.deepEqual(checkTopicChange({}, explicit), []);
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
