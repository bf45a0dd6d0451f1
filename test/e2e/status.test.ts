/**
 * `npm run status` on a live airgap stack (three brokers, replication 3, min ISR 2, the apps): its figures
 * equal those of Kafka's own tools on a healthy cluster; a stopped consumer's lag grows while the producer
 * writes; one stopped broker makes it degraded, naming the broker and the under-replicated partitions; a
 * destroyed stack is one line and a non-zero exit. The cases share one stack and run in order.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { StatusDocument } from "../../ops/status/json-renderer.js";
import { docker } from "../support/commands.js";
import { E2eStack, e2eSkip, shippedStackConfig, stage } from "./support/e2e-stack.js";
import { withAdmin } from "../../infra/admin/admin-client";
import { keyedRecords, produce } from "./support/host-kafka.js";
import { describeGroups, underReplicatedPartitions, type GroupOffsetRow } from "./support/kafka-tools.js";
import { groupLag, runStatus, statusDocument, watchStatus } from "./support/status-command.js";
import { eventually, removeStackObjects } from "./support/stack-containers.js";

const skip = e2eSkip();
const APP_GROUP = "my_favorite_group";
/** A group with fixed committed offsets and no members, so its figures hold still while the tools run. */
const FIXED_GROUP = "e2e-status-fixed";
const FIXED_TOPIC = "e2e-status";

/** The group's rows of a status document, keyed `topic-partition`. */
function statusRows(document: StatusDocument, groupId: string) {
  const group = document.report?.groups.find((candidate) => candidate.groupId === groupId);
  assert.ok(group, `the status lists group ${groupId}`);
  return new Map(group.partitions.map((row) => [`${row.topic}-${row.partition}`, row]));
}

function toolRows(rows: GroupOffsetRow[], groupId: string) {
  return new Map(
    rows.filter((row) => row.group === groupId).map((row) => [`${row.topic}-${row.partition}`, row]),
  );
}

/** The status's under-replicated partitions as `topic-N`, sorted. */
function statusUnderReplicated(document: StatusDocument): string[] {
  const topics = document.report?.topics ?? [];
  return topics.flatMap((topic) => topic.underReplicated.map((p) => `${topic.name}-${p}`)).sort();
}

const between = (low: number | undefined, value: number | undefined, high: number | undefined) =>
  low !== undefined && value !== undefined && high !== undefined && low <= value && value <= high;

describe("npm run status on a live cluster", { skip, timeout: 30 * 60_000 }, () => {
  let e2e: E2eStack;
  const name = (suffix: string) => `kafka-pulumi-${e2e.name}-${suffix}`;
  const healthy = async () => {
    const reading = await eventually(
      () => statusDocument(e2e),
      ({ code }) => code === 0,
      120_000,
    );
    assert.equal(reading.code, 0, `healthy again: ${reading.document.verdict.line}`);
    return reading.document;
  };

  before(async () => {
    e2e = await E2eStack.create("status", {
      ...shippedStackConfig("airgap"),
      // A quick producer, so a stopped consumer's lag grows within seconds.
      producerIntervalMs: "200",
    });
    await stage("up (status stack)", () => e2e.up());
  });

  after(async () => {
    if (e2e === undefined) return;
    await stage("remove (status stack)", () => e2e.remove());
    await removeStackObjects(e2e.name);
  });

  test("a. healthy: exit 0, and the figures equal kafka-consumer-groups' and kafka-topics'", async () => {
    const bootstrap = await e2e.output<string>("bootstrapServers");
    await withAdmin(bootstrap, async (admin) => {
      await admin.createTopics({
        topics: [{ topic: FIXED_TOPIC, numPartitions: 3, replicationFactor: 3 }],
        waitForLeaders: true,
      });
    });
    await produce(bootstrap, FIXED_TOPIC, keyedRecords(300, 10, "status"));
    await withAdmin(bootstrap, (admin) =>
      admin.setOffsets({
        groupId: FIXED_GROUP,
        topic: FIXED_TOPIC,
        partitions: [0, 1, 2].map((partition) => ({ partition, offset: String(10 * (partition + 1)) })),
      }),
    );
    // The consumer has joined and committed once its group lists a committed offset per partition.
    await eventually(
      () => statusDocument(e2e),
      ({ document }) =>
        [...statusRows(document, APP_GROUP).values()].every((row) => row.committed !== undefined),
      60_000,
    );

    const first = await stage("status --json (healthy)", () => statusDocument(e2e));
    const tools = await stage(
      "kafka-consumer-groups --describe --all-groups and kafka-topics in kafka-1",
      () =>
        Promise.all([
          describeGroups(name("kafka-1"), "kafka-1"),
          underReplicatedPartitions(name("kafka-1"), "kafka-1"),
        ]),
    );
    const last = await statusDocument(e2e);
    assert.equal(first.code, 0, first.document.verdict.line);
    assert.match(first.document.verdict.line, /^healthy: 3 brokers, 1 ZooKeeper, \d+ partitions in sync/);
    const [groupRows, underReplicated] = tools;
    assert.deepEqual(statusUnderReplicated(first.document), underReplicated);
    assert.deepEqual(underReplicated, []);

    const fixed = toolRows(groupRows, FIXED_GROUP);
    const fixedStatus = statusRows(first.document, FIXED_GROUP);
    assert.deepEqual([...fixedStatus.keys()].sort(), [...fixed.keys()].sort());
    for (const [key, row] of fixed) {
      const status = fixedStatus.get(key);
      assert.deepEqual([status?.committed, status?.end, status?.lag], [row.committed, row.end, row.lag], key);
    }
    assert.equal(
      first.document.report?.groups.find((group) => group.groupId === FIXED_GROUP)?.totalLag,
      300 - 60,
      "300 records, 60 of them committed",
    );

    // The apps' group moves while the tool runs: its figures lie between the status before and after.
    const live = toolRows(groupRows, APP_GROUP);
    const before = statusRows(first.document, APP_GROUP);
    const afterwards = statusRows(last.document, APP_GROUP);
    assert.deepEqual([...before.keys()].sort(), [...live.keys()].sort());
    for (const [key, row] of live) {
      const [low, high] = [before.get(key), afterwards.get(key)];
      assert.ok(between(low?.committed, row.committed, high?.committed), `${key} committed ${row.committed}`);
      assert.ok(between(low?.end, row.end, high?.end), `${key} end ${row.end}`);
      assert.equal(low?.member, row.clientId, `${key} assigned to the consumer`);
    }

    const text = await runStatus(e2e);
    assert.equal(text.code, 0);
    console.log(`npm run status (healthy):\n${text.stdout}`);

    const watched = await stage("status --watch --json for 8 s, then Ctrl-C", () => watchStatus(e2e, 8000));
    assert.equal(watched.code, 0, "exits with the last verdict's code");
    assert.ok(watched.documents.length >= 3, `${watched.documents.length} readings in 8 s`);
    const readAt = watched.documents.map((document) => Date.parse(document.report?.readAt ?? ""));
    for (let index = 1; index < readAt.length; index += 1) {
      const gap = (readAt[index] ?? 0) - (readAt[index - 1] ?? 0);
      assert.ok(gap >= 900 && gap < 3000, `readings ${gap} ms apart`);
    }
  });

  test("b. consumer stopped while the producer writes: degraded, and the lag grows", async () => {
    await docker(["stop", name("consumer")]);
    const first = await statusDocument(e2e);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const second = await statusDocument(e2e);
    assert.equal(second.code, 1);
    assert.ok(
      second.document.verdict.problems.includes(`consumer (${name("consumer")}) is stopped`),
      second.document.verdict.line,
    );
    const [lagBefore, lagAfter] = [groupLag(first.document, APP_GROUP), groupLag(second.document, APP_GROUP)];
    assert.ok(
      lagBefore !== undefined && lagAfter !== undefined && lagAfter > lagBefore,
      `lag ${lagBefore} -> ${lagAfter}`,
    );
    console.log(`lag of ${APP_GROUP} with the consumer stopped: ${lagBefore} -> ${lagAfter} in 3 s`);

    await docker(["start", name("consumer")]);
    const resumed = await stage("consumer back: healthy, its lag below what it was", () =>
      eventually(
        () => statusDocument(e2e),
        ({ code, document }) => code === 0 && (groupLag(document, APP_GROUP) ?? Infinity) < lagAfter,
        120_000,
      ),
    );
    assert.equal(resumed.code, 0, resumed.document.verdict.line);
    assert.ok(
      (groupLag(resumed.document, APP_GROUP) ?? Infinity) < lagAfter,
      "the consumer resumed from its commits",
    );
  });

  test("c. one broker stopped: degraded, naming the broker and the partitions kafka-topics names", async () => {
    await docker(["stop", name("kafka-2")]);
    const { code, document } = await stage("status --json (kafka-2 stopped)", () => statusDocument(e2e));
    const underReplicated = await underReplicatedPartitions(name("kafka-1"), "kafka-1");
    assert.equal(code, 1, document.verdict.line);
    assert.equal(document.verdict.level, "degraded");
    assert.ok(
      document.verdict.problems.includes(`broker 2 (${name("kafka-2")}) is down`),
      document.verdict.line,
    );
    assert.ok(underReplicated.includes(`registred_user-0`), "kafka-topics lists registred_user's partitions");
    assert.deepEqual(statusUnderReplicated(document), underReplicated);
    assert.match(
      document.verdict.line,
      /\d+ partitions under-replicated: __consumer_offsets 0-\d+, e2e-status 0-2, registred_user 0-2/,
    );
    const text = await runStatus(e2e);
    assert.equal(text.code, 1);
    console.log(`npm run status (kafka-2 stopped):\n${text.stdout}`);

    await docker(["start", name("kafka-2")]);
    await stage("kafka-2 back: status healthy", healthy);
  });

  test("d. after destroy: one line and a non-zero exit, never a stack trace", async () => {
    await stage("destroy (status stack)", () => e2e.destroy());
    const run = await runStatus(e2e);
    assert.equal(run.code, 2);
    assert.equal(
      run.stdout,
      `down: stack ${e2e.name} is not up: it has no outputs (destroyed, or never brought up); ` +
        `'npm run up -- ${e2e.name}' brings it up\n`,
    );
    assert.equal(run.stderr, "");
    const json = await statusDocument(e2e);
    assert.deepEqual([json.code, json.document.verdict.level, json.document.report], [2, "down", undefined]);
  });
});
