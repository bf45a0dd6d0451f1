/**
 * The producer and consumer images, built from apps/ on the air-gapped Node image, against
 * ZooKeeper + one broker from the air-gapped images on a user network, the way the Pulumi program
 * runs them: the producer sends a counted run of events over the INTERNAL listener, the consumer
 * prints each one as a `received` log line, both run as uid 1000 under tini, and `docker stop`
 * ends the consumer cleanly with its offsets committed.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { APP_SETTINGS, type AppName } from "../../apps/src/shared/app-contract.js";
import { appEnvironment } from "../../infra/apps";
import { validateConfig } from "../../infra/config";
import { toEnvList } from "../../infra/kafka/environment";
import { INTERNAL_PORT } from "../../infra/kafka/listeners";
import { execIn, startZooKeeperCluster } from "../support/airgap-cluster.js";
import { buildAppImage, ensureAirgapImages } from "../support/airgap-images.js";
import { docker, dockerUnavailableReason } from "../support/commands.js";
import { DockerResources } from "../support/docker-resources.js";

const PRODUCER_IMAGE = "kafka-pulumi-test/producer:latest";
const CONSUMER_IMAGE = "kafka-pulumi-test/consumer:latest";
const TOPIC = APP_SETTINGS.topic.default;
const GROUP = APP_SETTINGS.groupId.default;
const EVENTS = 20;
const unavailable = dockerUnavailableReason();
// Under CI a missing daemon fails the test; elsewhere it is reported as a skip.
const skip = unavailable !== undefined && process.env.CI !== "true" ? unavailable : false;

interface LogLine {
  time?: string;
  level?: string;
  msg?: string;
  key?: string;
  seq?: number;
  latencyMs?: number;
  [field: string]: unknown;
}

/** The container's structured log lines (stdout and stderr); lines that are not JSON are dropped. */
async function logLines(container: string): Promise<LogLine[]> {
  const { stdout, stderr } = await docker(["logs", container]);
  return `${stdout}\n${stderr}`.split("\n").flatMap((line) => {
    if (!line.startsWith("{")) return [];
    try {
      return [JSON.parse(line) as LogLine];
    } catch {
      return [];
    }
  });
}

/** `seq -> key` of the log lines with message MSG. */
function eventsLogged(lines: LogLine[], msg: string): Map<number, string | undefined> {
  const events = new Map<number, string | undefined>();
  for (const line of lines) {
    if (line.msg === msg && typeof line.seq === "number") events.set(line.seq, line.key);
  }
  return events;
}

async function inspect(container: string, format: string): Promise<string> {
  return (await docker(["inspect", "--format", format, container])).stdout.trim();
}

/** PID 1's command and the uid of PID 1 and of a process started by `docker exec`. */
async function processIdentity(
  container: string,
): Promise<{ pid1: string; pid1Uid: string; execUid: string }> {
  const pid1 = (await execIn(container, ["cat", "/proc/1/comm"])).trim();
  const pid1Uid = (await execIn(container, ["stat", "-c", "%u", "/proc/1"])).trim();
  const execUid = (await execIn(container, ["id", "-u"])).trim();
  return { pid1, pid1Uid, execUid };
}

/** Rows of `kafka-consumer-groups --describe` as column name -> value. */
function describeRows(output: string): Record<string, string>[] {
  const lines = output.split("\n").map((line) => line.trim().split(/\s+/));
  const headerAt = lines.findIndex((cells) => cells[0] === "GROUP" && cells.includes("LAG"));
  if (headerAt < 0) return [];
  const header = lines[headerAt] ?? [];
  return lines
    .slice(headerAt + 1)
    .filter((cells) => cells.length === header.length)
    .map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ""])));
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

test(
  "producer and consumer images run against the air-gapped cluster",
  { skip, timeout: 30 * 60_000 },
  async (t) => {
    if (unavailable) assert.fail(`the image tests need Docker: ${unavailable}`);
    const testStarted = Date.now();
    const airgapStarted = Date.now();
    await ensureAirgapImages();
    console.log(`images/build.sh: ${seconds(Date.now() - airgapStarted)}`);
    // One after the other: the consumer build reuses the producer's npm ci and tsc layers.
    const producerBuild = await buildAppImage("producer", PRODUCER_IMAGE);
    const consumerBuild = await buildAppImage("consumer", CONSUMER_IMAGE);
    console.log(
      `docker build producer: ${producerBuild.toFixed(1)} s, consumer: ${consumerBuild.toFixed(1)} s`,
    );

    const resources = new DockerResources();
    let failed = false;
    // A subtest that fails or a step that throws prints the containers' logs before the cleanup.
    const step = (name: string, fn: () => Promise<void>) =>
      t.test(name, async () => {
        try {
          await fn();
        } catch (error) {
          failed = true;
          throw error;
        }
      });
    try {
      const network = await resources.network("apps-net");
      const cluster = await startZooKeeperCluster(resources, { network });
      const { broker, internalBootstrap } = cluster;
      console.log(`broker: docker run -> healthy in ${cluster.brokerToHealthySeconds.toFixed(1)} s`);
      const localBootstrap = `127.0.0.1:${INTERNAL_PORT}`;
      await execIn(broker, [
        ...["kafka-topics", "--bootstrap-server", localBootstrap, "--create", "--topic", TOPIC],
        ...["--partitions", "3", "--replication-factor", "1"],
      ]);

      // The environment the program gives the apps, for a stack with a counted, faster producer.
      const apps = validateConfig({ producerIntervalMs: 200, producerCount: EVENTS }).apps ?? assert.fail();
      const appEnv = (app: AppName) =>
        toEnvList(appEnvironment(app, apps, internalBootstrap)).flatMap((entry) => ["-e", entry]);
      const consumer = await resources.run("consumer", [
        "--network",
        network,
        ...appEnv("consumer"),
        CONSUMER_IMAGE,
      ]);
      const producerStarted = Date.now();
      const producer = await resources.run("producer", [
        ...["--network", network, ...appEnv("producer")],
        PRODUCER_IMAGE,
      ]);
      // Right away: the counted producer exits once its 20 events are acknowledged (about 4 s).
      const producerIdentity = await processIdentity(producer);

      await step("both apps run as uid 1000 with tini as PID 1", async () => {
        for (const [container, identity] of [
          [producer, producerIdentity],
          [consumer, await processIdentity(consumer)],
        ] as const) {
          assert.deepEqual(identity, { pid1: "tini", pid1Uid: "1000", execUid: "1000" }, container);
          assert.equal(await inspect(container, "{{.Config.User}}"), "node", container);
          assert.equal(await inspect(container, "{{json .Config.Entrypoint}}"), '["tini","--"]', container);
        }
      });

      await step(`the consumer logs all ${EVENTS} events as received`, async () => {
        const deadline = Date.now() + 120_000;
        let received = new Map<number, string | undefined>();
        let lines: LogLine[] = [];
        while (received.size < EVENTS && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 250));
          lines = await logLines(consumer);
          received = eventsLogged(lines, "received");
        }
        assert.equal(received.size, EVENTS, `received ${received.size}/${EVENTS} events within 120 s`);

        const receivedLines = lines.filter((line) => line.msg === "received");
        const times = receivedLines.map((line) => Date.parse(line.time ?? ""));
        const latencies = receivedLines.map((line) => line.latencyMs ?? Number.NaN);
        console.log(
          `consumer: first event received ${seconds(Math.min(...times) - producerStarted)} after the ` +
            `producer's docker run, all ${EVENTS} after ${seconds(Math.max(...times) - producerStarted)}; ` +
            `end-to-end latency ${Math.min(...latencies)}-${Math.max(...latencies)} ms`,
        );

        const producerExit = (await docker(["wait", producer], 120_000)).stdout.trim();
        assert.equal(producerExit, "0", `the producer exited with ${producerExit}`);
        const producerLines = await logLines(producer);
        const sent = eventsLogged(producerLines, "sent");
        assert.deepEqual(
          [...sent.keys()].sort((a, b) => a - b),
          Array.from({ length: EVENTS }, (_, i) => i + 1),
        );
        assert.ok(
          producerLines.some((line) => line.msg === "summary" && line.sent === EVENTS && line.failed === 0),
          "the producer's summary reports 20 sent, 0 failed",
        );
        // Same events on both sides: every seq with the key the producer sent it under, each once.
        assert.deepEqual(new Map([...received].sort(([a], [b]) => a - b)), new Map([...sent]));
        assert.equal(receivedLines.length, EVENTS, "no event was printed twice");
      });

      await step("docker stop ends the consumer cleanly and its offsets are committed", async () => {
        const stopStarted = Date.now();
        await docker(["stop", consumer], 60_000);
        const stopMs = Date.now() - stopStarted;
        console.log(`consumer: docker stop took ${seconds(stopMs)}`);
        const exitCode = await inspect(consumer, "{{.State.ExitCode}}");
        assert.ok(["0", "143"].includes(exitCode), `exit code ${exitCode}, expected 0 or 143`);
        assert.ok(stopMs < 8_000, `docker stop took ${stopMs} ms; SIGTERM must reach node through tini`);
        const consumerLines = await logLines(consumer);
        const at = (msg: string) => Date.parse(consumerLines.find((line) => line.msg === msg)?.time ?? "");
        console.log(
          `consumer: SIGTERM logged ${seconds(at("shutdown requested") - stopStarted)} after docker stop, ` +
            `summary ${seconds(at("summary") - at("shutdown requested"))} later (disconnect, final commit)`,
        );
        const summary = consumerLines.find((line) => line.msg === "summary");
        assert.equal(summary?.stoppedBy, "signal", "the consumer logs a summary stopped by the signal");
        assert.equal(summary?.received, EVENTS);

        const { stdout, stderr } = await docker(
          ["exec", broker, "kafka-consumer-groups", "--bootstrap-server", localBootstrap].concat([
            "--describe",
            "--group",
            GROUP,
          ]),
          60_000,
        );
        const rows = describeRows(stdout).filter((row) => row.TOPIC === TOPIC);
        assert.equal(rows.length, 3, `one row per partition:\n${stdout}${stderr}`);
        for (const row of rows) assert.equal(row.LAG, "0", `partition ${row.PARTITION}:\n${stdout}`);
        const committed = rows.reduce((sum, row) => sum + Number(row["CURRENT-OFFSET"]), 0);
        assert.equal(committed, EVENTS, `committed offsets add up to ${EVENTS}:\n${stdout}`);
      });
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      if (failed) console.log(`logs of the test's containers:\n${await resources.logTails(40)}`);
      await resources.cleanup();
      console.log(`apps-on-airgap-cluster: ${seconds(Date.now() - testStarted)} in all`);
    }
  },
);
