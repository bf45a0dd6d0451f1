/**
 * The replicated stack on Kubernetes (platform=kubernetes, KRaft, 3 brokers, replication 3, min ISR 2, the
 * apps) through `pulumi up` with the real CLI and kubernetes plugin, on the local cluster of
 * `npm run toolchain -- kubernetes`: it comes up with every pod ready and serves host clients through the
 * node ports, loses nothing when a broker pod is deleted, rolls a change one broker at a time under a steady
 * producer, re-runs change nothing, bad config fails preview, and destroy leaves nothing but kept claims.
 * The cases share one stack and run in order.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, before, describe, test } from "node:test";
import { withAdmin } from "../../infra/admin/admin-client.js";
import { waitUntil } from "../../infra/cluster/readiness.js";
import { KAFKA_IMAGE, NODE_IMAGE } from "../support/airgap-images.js";
import { E2eStack, e2eUnavailableReason, stage } from "./support/e2e-stack.js";
import { assertInOrderPerKey, keyedRecords, produce, readAll, waitForFullIsr } from "./support/host-kafka.js";
import {
  LOCAL_REGISTRY,
  kubectl,
  namespaceObjects,
  podStates,
  pushToLocalRegistry,
  removePushedAppImages,
  useLocalKubernetes,
  workloadLogLines,
} from "./support/local-kubernetes.js";
import { assertWritesKeptGoing, underSteadyWrites } from "./support/rolling-checks.js";
import { eventually } from "./support/stack-containers.js";
import { statusDocument } from "./support/status-command.js";

const unavailable = e2eUnavailableReason() ?? useLocalKubernetes();
// Under CI a missing cluster fails every case; elsewhere the cases are reported as skipped.
const skip = unavailable !== undefined && process.env["CI"] !== "true" ? unavailable : false;
const TOPIC = "registred_user";
const BROKER_PODS = ["kafka-1-0", "kafka-2-0", "kafka-3-0"];
// Brokers changed one at a time start several seconds apart (each waits for the one before it).
const MIN_START_GAP_MS = 5000;

/** The stack config of a cluster on the local Kubernetes, in its own namespace. */
function kubernetesConfig(namespace: string, kafkaImage: string): Record<string, string> {
  return {
    platform: "kubernetes",
    mode: "kraft",
    namespace,
    brokers: "3",
    replicationFactor: "3",
    minInsyncReplicas: "2",
    defaultPartitions: "3",
    hostPortBase: "19092",
    kafkaImage,
    nodeImage: NODE_IMAGE,
    imageRegistry: LOCAL_REGISTRY,
    topics: JSON.stringify([{ name: TOPIC, partitions: 3 }]),
    producerIntervalMs: "200",
  };
}

async function assertPodsReady(namespace: string, pods: string[]): Promise<void> {
  const states = await podStates(namespace);
  for (const pod of pods) assert.equal(states.get(pod)?.ready, true, `${pod} is ready`);
}

async function assertOneAtATime(namespace: string): Promise<void> {
  const states = await podStates(namespace);
  const started = BROKER_PODS.map((pod) => states.get(pod)?.startedAt ?? 0).sort((a, b) => a - b);
  for (let i = 1; i < started.length; i++) {
    const apart = (started[i] ?? 0) - (started[i - 1] ?? 0);
    assert.ok(
      apart >= MIN_START_GAP_MS,
      `broker pods started ${apart} ms apart, not one at a time: ${started}`,
    );
  }
}

describe("the replicated stack on Kubernetes through pulumi up", { skip, timeout: 40 * 60_000 }, () => {
  let e2e: E2eStack;
  let bootstrap: string;
  let namespace: string;
  let kafkaImage: string;

  before(async () => {
    assert.equal(
      unavailable,
      undefined,
      "the Kubernetes suite needs the local cluster and the kubernetes plugin",
    );
    kafkaImage = await stage("Kafka image into the cluster's registry", () =>
      pushToLocalRegistry(KAFKA_IMAGE),
    );
    namespace = `e2e-${Date.now().toString(36)}`;
    e2e = await E2eStack.create("kubernetes", kubernetesConfig(namespace, kafkaImage));
  });

  after(async () => {
    if (e2e === undefined) return;
    await stage("destroy", () => e2e.remove());
    await kubectl(["delete", "namespace", namespace, "--ignore-not-found", "--wait=false"]).catch(() => "");
    await removePushedAppImages(e2e.identity);
  });

  test("a. comes up with every pod ready and serves host clients in order per key", async () => {
    const result = await stage("up from nothing (kubernetes)", () => e2e.up());
    assert.equal(result.summary.result, "succeeded");
    assert.equal(await e2e.output<string>("namespace"), namespace);
    bootstrap = await e2e.output<string>("bootstrapServers");
    assert.equal(bootstrap, "localhost:19092,localhost:19093,localhost:19094");
    await assertPodsReady(namespace, BROKER_PODS);

    const sent = keyedRecords(1000, 10);
    await stage("1,000 keyed records from the host", () => produce(bootstrap, TOPIC, sent));
    const received = await stage("read back from the host", () =>
      readAll(bootstrap, TOPIC, sent.length, { keep: (record) => record.key.startsWith("key-") }),
    );
    assertInOrderPerKey(sent, received);

    const producer = await e2e.output<string>("producerWorkload");
    const consumer = await e2e.output<string>("consumerWorkload");
    const sentByProducer = await eventually(
      async () => (await workloadLogLines(namespace, producer)).filter((line) => line["msg"] === "sent"),
      (lines) => lines.length > 0,
      30_000,
    );
    const producerKeys = new Set(sentByProducer.map((line) => line["key"]));
    await eventually(
      async () => (await workloadLogLines(namespace, consumer)).filter((line) => line["msg"] === "received"),
      (lines) => lines.some((line) => producerKeys.has(line["key"])),
      30_000,
    );
  });

  test("b. a second up and an up --refresh change nothing", async () => {
    await stage("second up (expect no changes)", () => e2e.up({ expectNoChanges: true }));
    await stage("up --refresh (expect no changes)", () => e2e.up({ refresh: true, expectNoChanges: true }));
  });

  test("c. a broker pod deleted during 5,000 acks=all records loses none and duplicates none", async () => {
    const topic = "e2e-pod-loss";
    await withAdmin(bootstrap, (admin) =>
      admin.createTopics({
        topics: [{ topic, numPartitions: 3, replicationFactor: 3 }],
        waitForLeaders: false,
      }),
    );
    // In KRaft mode a new topic reaches each broker's metadata a moment after it is created.
    await waitUntil(60, async () => {
      await withAdmin(bootstrap, (admin) => admin.fetchTopicMetadata({ topics: [topic] }));
      return undefined;
    });
    await waitForFullIsr(bootstrap);
    const before = (await podStates(namespace)).get("kafka-3-0")?.uid;
    const sent = keyedRecords(5000, 20, "loss");
    const acknowledged = await stage("5,000 records, kafka-3-0 deleted after 1,000", () =>
      produce(bootstrap, topic, sent, {
        batch: 50,
        between: async (count) => {
          if (count === 1000) await kubectl(["delete", "pod", "kafka-3-0", "-n", namespace, "--wait=false"]);
        },
      }),
    );
    assert.equal(acknowledged, 5000);
    const received = await stage("read back", () => readAll(bootstrap, topic, 5000));
    assertInOrderPerKey(sent, received);
    await stage("kafka-3-0 back and every ISR full", async () => {
      await eventually(
        async () => (await podStates(namespace)).get("kafka-3-0"),
        (pod) => pod !== undefined && pod.uid !== before && pod.ready,
        120_000,
      );
      await waitForFullIsr(bootstrap);
    });
  });

  test("d. npm run status reads the pods: healthy, then a consumer scaled to 0 is named", async () => {
    const healthy = await eventually(
      () => statusDocument(e2e),
      ({ code }) => code === 0,
      120_000,
    );
    assert.equal(healthy.code, 0, `healthy: ${healthy.document.verdict.line}`);
    const report = healthy.document.report;
    assert.deepEqual([report?.platform, report?.namespace], ["kubernetes", namespace]);
    assert.deepEqual(
      report?.brokers.map((broker) => [broker.member, broker.state]),
      BROKER_PODS.map((pod) => [pod, "healthy"]),
    );
    assert.deepEqual(
      report?.apps.map((app) => [app.member, app.run]),
      [
        ["deployment/producer", "running"],
        ["deployment/consumer", "running"],
      ],
    );
    assert.equal(report?.apps[0]?.lastEvent?.msg, "sent");
    await kubectl(["scale", "deployment/consumer", "--replicas=0", "-n", namespace]);
    try {
      const stopped = await eventually(
        () => statusDocument(e2e),
        ({ document }) => document.report?.apps[1]?.run === "stopped",
        60_000,
      );
      assert.equal(stopped.code, 1, stopped.document.verdict.line);
      assert.ok(
        stopped.document.verdict.problems.includes("consumer (deployment/consumer) is stopped"),
        stopped.document.verdict.line,
      );
    } finally {
      await kubectl(["scale", "deployment/consumer", "--replicas=1", "-n", namespace]);
    }
    const back = await eventually(
      () => statusDocument(e2e),
      ({ code }) => code === 0,
      120_000,
    );
    assert.equal(back.code, 0, `healthy again: ${back.document.verdict.line}`);
  });

  test("e. a replicationFactor change rolls broker by broker under a steady host producer", async () => {
    const appsBefore = await podStates(namespace);
    const run = await underSteadyWrites(KAFKA_IMAGE, bootstrap, "e2e-rolling", async () => {
      await e2e.configure({ replicationFactor: "2", minInsyncReplicas: "1" });
      await stage("up: replicationFactor 3->2, minInsyncReplicas 2->1 (rolling)", () => e2e.up());
      await assertOneAtATime(namespace);
    });
    assertWritesKeptGoing(run, "the replicationFactor change on Kubernetes");
    const appsAfter = await podStates(namespace);
    for (const [name, pod] of appsBefore) {
      if (BROKER_PODS.includes(name)) continue;
      assert.equal(appsAfter.get(name)?.uid, pod.uid, `${name} was not replaced`);
    }
    await stage("up --refresh after the change (expect no changes)", () =>
      e2e.up({ refresh: true, expectNoChanges: true }),
    );
  });

  test("f. bad config fails preview with the key named and changes nothing", async () => {
    const before = await podStates(namespace);
    await e2e.configure({ mode: "zookeeper" });
    await assert.rejects(
      e2e.stack.preview(),
      /mode="zookeeper" is invalid: expected kraft with platform=kubernetes/,
    );
    await e2e.configure({ mode: "kraft", replicationFactor: "4" });
    await assert.rejects(
      e2e.stack.preview(),
      /replicationFactor="4" is invalid: expected a whole number from 0 to 3/,
    );
    await e2e.configure({ replicationFactor: "2" });
    const after = await podStates(namespace);
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
  });

  test("g. destroy with retainData keeps only the claims; without it nothing is left", async () => {
    await e2e.configure({ retainData: "true" });
    await stage("up: retainData true", () => e2e.up());
    await stage("destroy (retainData)", () => e2e.destroy());
    const kept = (await namespaceObjects(namespace)) ?? [];
    assert.deepEqual(
      kept.sort(),
      ["data-kafka-1-0", "data-kafka-2-0", "data-kafka-3-0"].map((claim) => `persistentvolumeclaim/${claim}`),
    );
    execFileSync("kubectl", ["delete", "namespace", namespace, "--wait=true"], { stdio: "pipe" });

    await e2e.configure({
      retainData: "false",
      brokers: "1",
      replicationFactor: "1",
      minInsyncReplicas: "1",
      apps: "false",
    });
    await stage("up: one broker, no apps", () => e2e.up());
    await stage("destroy", () => e2e.destroy());
    assert.equal(await namespaceObjects(namespace), undefined, "the namespace and everything in it are gone");
  });
});
