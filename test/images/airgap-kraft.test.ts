/**
 * The air-gapped Kafka image in KRaft mode, with the environment the Pulumi program gives a combined
 * broker+controller node: the storage is formatted at first start, kept across a restart, and the
 * metadata quorum and the console tools work inside the container.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { BROKER_DATA_PATH } from "../../infra/kafka/data-paths";
import { INTERNAL_PORT } from "../../infra/kafka/listeners";
import { execIn, startKraftNode, waitHealthy } from "../support/airgap-cluster.js";
import { ensureAirgapImages } from "../support/airgap-images.js";
import { docker, dockerUnavailableReason } from "../support/commands.js";
import { DockerResources } from "../support/docker-resources.js";

// Any 16 bytes in URL-safe base64 without padding, as `kafka-storage random-uuid` prints.
const CLUSTER_ID = "a2Fma2EtYWlyZ2FwLXRlcw";
const TOPIC = "kraft-events";
const unavailable = dockerUnavailableReason();
const skip = unavailable !== undefined && process.env.CI !== "true" ? unavailable : false;

test("air-gapped Kafka image runs a KRaft broker+controller", { skip, timeout: 30 * 60_000 }, async (t) => {
  if (unavailable) assert.fail(`the image tests need Docker: ${unavailable}`);
  await ensureAirgapImages();
  const resources = new DockerResources();
  try {
    const network = await resources.network("kraft-net");
    const { broker: node, brokerToHealthySeconds } = await startKraftNode(resources, {
      network,
      clusterId: CLUSTER_ID,
    });
    console.log(`KRaft node: docker run -> healthy in ${brokerToHealthySeconds.toFixed(1)} s`);
    const bootstrap = `127.0.0.1:${INTERNAL_PORT}`;

    await t.test("the storage is formatted with CLUSTER_ID and the node leads the quorum", async () => {
      const meta = await execIn(node, ["cat", `${BROKER_DATA_PATH}/meta.properties`]);
      assert.match(meta, new RegExp(`^cluster\\.id=${CLUSTER_ID}$`, "m"));
      const status = await execIn(node, [
        "kafka-metadata-quorum",
        "--bootstrap-server",
        bootstrap,
        "describe",
        "--status",
      ]);
      assert.match(status, /^LeaderId:\s+1$/m);
    });

    await t.test("the console tools produce and consume inside the container", async () => {
      await execIn(node, ["kafka-topics", "--bootstrap-server", bootstrap, "--create", "--topic", TOPIC]);
      await docker([
        ...["exec", node, "bash", "-c"],
        `printf 'one\\ntwo\\nthree\\n' | kafka-console-producer --bootstrap-server ${bootstrap} --topic ${TOPIC}`,
      ]);
      const consumed = await execIn(node, [
        ...["kafka-console-consumer", "--bootstrap-server", bootstrap, "--topic", TOPIC],
        ...["--from-beginning", "--max-messages", "3", "--timeout-ms", "30000"],
      ]);
      assert.deepEqual(consumed.trim().split("\n").sort(), ["one", "three", "two"]);
    });

    await t.test("a restart keeps the formatted storage and the topic", async () => {
      await docker(["restart", node], 60_000);
      await waitHealthy(node, 120_000);
      const { stdout } = await docker(["logs", node]);
      // The first start formats; the second finds the storage formatted and leaves it alone.
      assert.match(stdout, new RegExp(`Formatting .*${BROKER_DATA_PATH}`));
      assert.match(stdout, /already formatted/);
      const topics = await execIn(node, ["kafka-topics", "--bootstrap-server", bootstrap, "--list"]);
      assert.match(topics, new RegExp(`^${TOPIC}$`, "m"));
    });
  } finally {
    await resources.cleanup();
  }
});
