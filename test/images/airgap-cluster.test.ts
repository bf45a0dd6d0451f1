/**
 * The air-gapped ZooKeeper and Kafka images, run the way the Pulumi program runs the Confluent
 * ones (its own environment, listeners and healthchecks): a user-defined network, an INTERNAL listener
 * for containers and the EXTERNAL one published on 127.0.0.1. A real client on the host produces and
 * consumes.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Kafka, logLevel, Partitioners } from "kafkajs";
import { BROKER_DATA_PATH } from "../../infra/kafka/data-paths";
import { INTERNAL_PORT, zookeeperConnect } from "../../infra/kafka/listeners";
import { execIn, startZooKeeperCluster } from "../support/airgap-cluster.js";
import { ensureAirgapImages } from "../support/airgap-images.js";
import { docker, dockerUnavailableReason } from "../support/commands.js";
import { DockerResources } from "../support/docker-resources.js";

const TOPIC = "airgap-test-events";
const MESSAGES = 20;
const unavailable = dockerUnavailableReason();
// Under CI a missing daemon fails the test; elsewhere it is reported as a skip.
const skip = unavailable !== undefined && process.env.CI !== "true" ? unavailable : false;

test("air-gapped ZooKeeper + Kafka images serve a real client", { skip, timeout: 30 * 60_000 }, async (t) => {
  if (unavailable) assert.fail(`the image tests need Docker: ${unavailable}`);
  const buildStarted = Date.now();
  const buildOutput = await ensureAirgapImages();
  console.log(`images/build.sh took ${((Date.now() - buildStarted) / 1000).toFixed(1)} s:\n${buildOutput}`);

  const resources = new DockerResources();
  try {
    const network = await resources.network("net");
    const {
      zookeeper,
      broker,
      hostBootstrap,
      brokerToHealthySeconds: toHealthy,
    } = await startZooKeeperCluster(resources, { network });
    const hostPort = Number(hostBootstrap.split(":")[1]);
    console.log(`broker: docker run -> healthy in ${toHealthy.toFixed(1)} s`);

    await t.test("the properties are the cp translation of the program's environment", async () => {
      const properties = await execIn(broker, ["cat", "/etc/kafka/kafka.properties"]);
      assert.match(properties, new RegExp(`^zookeeper\\.connect=${zookeeperConnect(1)}$`, "m"));
      assert.match(properties, /^offsets\.topic\.replication\.factor=1$/m);
      assert.match(
        properties,
        new RegExp(
          `^listeners=INTERNAL://0\\.0\\.0\\.0:${INTERNAL_PORT},EXTERNAL://0\\.0\\.0\\.0:${hostPort}$`,
          "m",
        ),
      );
      assert.match(properties, new RegExp(`^log\\.dirs=${BROKER_DATA_PATH}$`, "m"));
      assert.doesNotMatch(properties, /heap/i);
    });

    await t.test("the broker is the container's PID 1, runs as uid 1000 and owns its volume", async () => {
      assert.equal((await execIn(broker, ["cat", "/proc/1/comm"])).trim(), "java");
      assert.equal((await execIn(broker, ["stat", "-c", "%u", "/proc/1"])).trim(), "1000");
      assert.equal((await execIn(broker, ["id", "-u"])).trim(), "1000");
      assert.equal((await execIn(broker, ["stat", "-c", "%U", BROKER_DATA_PATH])).trim(), "appuser");
      await execIn(broker, ["test", "-f", `${BROKER_DATA_PATH}/meta.properties`]);
      assert.equal((await execIn(zookeeper, ["stat", "-c", "%u", "/proc/1"])).trim(), "1000");
    });

    await t.test(
      "both servers map the image's class-data sharing archive, and it fits their class path",
      async () => {
        for (const server of [zookeeper, broker]) {
          // The JVM's command line (ZooKeeper's JVM is not PID 1: its entry point stays to pass SIGTERM on).
          const java = `for p in /proc/[0-9]*; do [ "$(cat $p/comm)" = java ] && tr '\\0' ' ' <$p/cmdline; done; true`;
          const commandLine = await execIn(server, ["bash", "-c", java]);
          assert.match(commandLine, /-XX:SharedArchiveFile=\/usr\/local\/share\/kafka-airgap\/classes\.jsa /);
          assert.match(commandLine, /-XX:TieredStopAtLevel=1 /);
        }
        // -Xshare:on fails instead of falling back when the archive does not fit the JVM or the class path.
        const check =
          '. /usr/local/lib/kafka-airgap/jvm.sh && server_java_args -Xmx64m && java -Xshare:on "${JAVA_ARGS[@]}" -version';
        await execIn(broker, ["bash", "-c", check]);
      },
    );

    await t.test("kafka-topics creates and describes a topic inside the container", async () => {
      const bootstrap = `127.0.0.1:${INTERNAL_PORT}`;
      const created = await execIn(broker, [
        ...["kafka-topics", "--bootstrap-server", bootstrap, "--create", "--topic", TOPIC],
        ...["--partitions", "3", "--replication-factor", "1"],
      ]);
      assert.match(created, new RegExp(`Created topic ${TOPIC}`));
      const described = await execIn(broker, [
        "kafka-topics",
        "--bootstrap-server",
        bootstrap,
        "--describe",
        "--topic",
        TOPIC,
      ]);
      assert.match(described, /PartitionCount: 3/);
    });

    await t.test("a host client produces and consumes through the published listener", async () => {
      const kafka = new Kafka({
        clientId: "airgap-test",
        brokers: [hostBootstrap],
        logLevel: logLevel.NOTHING,
      });
      const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      const consumer = kafka.consumer({ groupId: `airgap-test-${resources.runId}` });
      const sent = Array.from({ length: MESSAGES }, (_, i) => `message-${i}`);
      const received: string[] = [];
      try {
        await producer.connect();
        await producer.send({ topic: TOPIC, messages: sent.map((value, i) => ({ key: `k${i}`, value })) });
        await consumer.connect();
        await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
        const allReceived = new Promise<void>((resolve) => {
          void consumer.run({
            eachMessage: async ({ message }) => {
              received.push(message.value?.toString() ?? "");
              if (received.length >= MESSAGES) resolve();
            },
          });
        });
        const timeout = new Promise<never>((_, reject) =>
          setTimeout(
            () => reject(new Error(`received ${received.length}/${MESSAGES} within 60 s`)),
            60_000,
          ).unref(),
        );
        await Promise.race([allReceived, timeout]);
      } finally {
        await consumer.disconnect().catch(() => undefined);
        await producer.disconnect().catch(() => undefined);
      }
      assert.deepEqual([...received].sort(), [...sent].sort());
    });

    await t.test("docker stop shuts the broker down cleanly (controlled shutdown) and quickly", async () => {
      const stopStarted = Date.now();
      await docker(["stop", broker], 60_000);
      const stopSeconds = (Date.now() - stopStarted) / 1000;
      console.log(`broker: docker stop took ${stopSeconds.toFixed(1)} s`);
      const { stdout: exitCode } = await docker(["inspect", "--format", "{{.State.ExitCode}}", broker]);
      assert.ok(["0", "143"].includes(exitCode.trim()), `exit code ${exitCode.trim()}, expected 0 or 143`);
      assert.ok(stopSeconds < 8, `docker stop took ${stopSeconds} s; SIGTERM must reach the JVM`);
      const { stdout, stderr } = await docker(["logs", "--tail", "400", broker]);
      assert.match(stdout + stderr, /Controlled shutdown request returned successfully/);
      assert.match(stdout + stderr, /shut down completed/);
    });

    await t.test("docker stop shuts ZooKeeper down cleanly and quickly", async () => {
      const stopStarted = Date.now();
      await docker(["stop", zookeeper], 60_000);
      const stopSeconds = (Date.now() - stopStarted) / 1000;
      const { stdout: exitCode } = await docker(["inspect", "--format", "{{.State.ExitCode}}", zookeeper]);
      assert.ok(["0", "143"].includes(exitCode.trim()), `exit code ${exitCode.trim()}, expected 0 or 143`);
      assert.ok(stopSeconds < 8, `docker stop took ${stopSeconds} s; SIGTERM must reach the JVM`);
    });
  } finally {
    await resources.cleanup();
  }
});
