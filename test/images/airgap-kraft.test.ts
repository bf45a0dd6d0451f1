/**
 * The air-gapped Kafka image in KRaft mode, as the Pulumi program declares a combined
 * broker+controller node: the storage is formatted at first start, kept across a restart, and the
 * metadata quorum and the console tools work inside the container.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BROKER_HEALTH_CMD,
  ensureAirgapImages,
  execIn,
  healthFlags,
  waitHealthy,
  KAFKA_IMAGE,
} from "./airgap-images.js";
import { docker, dockerUnavailableReason, freePort, DockerResources } from "./docker-cli.js";

const INTERNAL_PORT = 29092;
const CONTROLLER_PORT = 29093;
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
    const hostPort = await freePort();
    const started = Date.now();
    const node = await resources.run("kraft-1", [
      ...["--network", network, "--network-alias", "kafka-1"],
      ...["-p", `127.0.0.1:${hostPort}:${hostPort}`],
      ...["-v", `${resources.volume("kraft-data")}:/var/lib/kafka/data`],
      ...[
        "-e",
        "KAFKA_PROCESS_ROLES=broker,controller",
        "-e",
        "KAFKA_NODE_ID=1",
        "-e",
        `CLUSTER_ID=${CLUSTER_ID}`,
      ],
      ...["-e", `KAFKA_CONTROLLER_QUORUM_VOTERS=1@kafka-1:${CONTROLLER_PORT}`],
      ...[
        "-e",
        "KAFKA_CONTROLLER_LISTENER_NAMES=CONTROLLER",
        "-e",
        "KAFKA_INTER_BROKER_LISTENER_NAME=INTERNAL",
      ],
      ...[
        "-e",
        `KAFKA_LISTENERS=INTERNAL://0.0.0.0:${INTERNAL_PORT},CONTROLLER://0.0.0.0:${CONTROLLER_PORT},HOST://0.0.0.0:${hostPort}`,
      ],
      ...[
        "-e",
        `KAFKA_ADVERTISED_LISTENERS=INTERNAL://kafka-1:${INTERNAL_PORT},HOST://localhost:${hostPort}`,
      ],
      ...[
        "-e",
        "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP=INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,HOST:PLAINTEXT",
      ],
      ...["-e", "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR=1", "-e", "KAFKA_HEAP_OPTS=-Xmx512m -Xms512m"],
      ...healthFlags(BROKER_HEALTH_CMD),
      KAFKA_IMAGE,
    ]);
    await waitHealthy(node, 120_000);
    console.log(`KRaft node: docker run -> healthy in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const bootstrap = `127.0.0.1:${INTERNAL_PORT}`;

    await t.test("the storage is formatted with CLUSTER_ID and the node leads the quorum", async () => {
      const meta = await execIn(node, ["cat", "/var/lib/kafka/data/meta.properties"]);
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
      assert.match(stdout, /Formatting .*\/var\/lib\/kafka\/data/);
      assert.match(stdout, /already formatted/);
      const topics = await execIn(node, ["kafka-topics", "--bootstrap-server", bootstrap, "--list"]);
      assert.match(topics, new RegExp(`^${TOPIC}$`, "m"));
    });
  } finally {
    await resources.cleanup();
  }
});
