/**
 * The program's topic resources through the real Pulumi engine: the CLI that `npm run toolchain` builds, a
 * local file backend, and the dynamic provider talking to a real broker (air-gapped images) through its
 * host listener. Create, a no-change update, an in-place partition increase, a config change, destroy.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Kafka, logLevel, ConfigResourceTypes } from "kafkajs";
import { KafkaTopic } from "../../infra/topics";
import { startZooKeeperCluster } from "../support/airgap-cluster.js";
import { ensureAirgapImages } from "../support/airgap-images.js";
import { dockerUnavailableReason } from "../support/commands.js";
import { DockerResources } from "../support/docker-resources.js";
import { inlineStack, pulumiUnavailableReason } from "./pulumi-engine.js";

const TOPIC = "engine-test-events";
const unavailable = dockerUnavailableReason() ?? pulumiUnavailableReason();
// Under CI a missing prerequisite fails the test; elsewhere it is reported as a skip.
const skip = unavailable !== undefined && process.env.CI !== "true" ? unavailable : false;

async function describe(bootstrap: string) {
  const admin = new Kafka({
    clientId: "engine-test",
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const topics = await admin.listTopics();
    if (!topics.includes(TOPIC)) return undefined;
    const metadata = await admin.fetchTopicMetadata({ topics: [TOPIC] });
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: TOPIC, configNames: ["retention.ms"] }],
    });
    const retention = configs.resources[0]?.configEntries.find(
      (entry) => entry.configName === "retention.ms",
    );
    return { partitions: metadata.topics[0]?.partitions.length, retentionMs: retention?.configValue };
  } finally {
    await admin.disconnect();
  }
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

test("topics as code through the real Pulumi engine", { skip, timeout: 20 * 60_000 }, async (t) => {
  if (unavailable) assert.fail(`the engine tests need Docker and the Pulumi CLI: ${unavailable}`);
  await ensureAirgapImages();
  const resources = new DockerResources();
  const declared = { partitions: 2, configs: { "retention.ms": "3600000" } };
  let engine: Awaited<ReturnType<typeof inlineStack>> | undefined;
  try {
    const cluster = await startZooKeeperCluster(resources, { network: await resources.network("net") });
    const bootstrapServers = cluster.hostBootstrap;
    engine = await inlineStack(`topics-${resources.runId}`, async () => {
      const topic = new KafkaTopic("events", {
        name: TOPIC,
        partitions: declared.partitions,
        partitionsExplicit: true,
        replicationFactor: 1,
        replicationFactorExplicit: true,
        configs: declared.configs,
        bootstrapServers,
      });
      return { partitions: topic.partitions };
    });
    const { stack } = engine;

    await t.test("up creates the topic with its partitions and configs", async () => {
      const started = Date.now();
      const result = await stack.up();
      console.log(`first up: ${seconds(started)}`);
      assert.equal(result.summary.result, "succeeded");
      assert.equal(result.summary.resourceChanges?.create, 2);
      assert.equal(result.outputs["partitions"]?.value, 2);
      assert.deepEqual(await describe(bootstrapServers), { partitions: 2, retentionMs: "3600000" });
    });

    await t.test("a second up without changes changes nothing", async () => {
      const started = Date.now();
      const result = await stack.up();
      console.log(`no-change up: ${seconds(started)}`);
      assert.deepEqual(result.summary.resourceChanges, { same: 2 });
    });

    await t.test("more partitions and another config are applied in place", async () => {
      declared.partitions = 4;
      declared.configs = { "retention.ms": "7200000" };
      const preview = await stack.preview();
      assert.equal(preview.changeSummary["replace"], undefined, "a partition increase must not replace");
      const result = await stack.up();
      assert.equal(result.summary.resourceChanges?.update, 1);
      assert.deepEqual(await describe(bootstrapServers), { partitions: 4, retentionMs: "7200000" });
    });

    await t.test("fewer partitions are refused before anything changes", async () => {
      declared.partitions = 1;
      await assert.rejects(stack.up(), /Kafka cannot remove partitions/);
      assert.equal((await describe(bootstrapServers))?.partitions, 4);
      declared.partitions = 4;
    });

    await t.test("destroy deletes the topic", async () => {
      const started = Date.now();
      const result = await stack.destroy();
      console.log(`destroy: ${seconds(started)}`);
      assert.equal(result.summary.resourceChanges?.delete, 2);
      assert.equal(await describe(bootstrapServers), undefined);
    });
  } finally {
    await engine?.remove();
    await resources.cleanup();
  }
});
