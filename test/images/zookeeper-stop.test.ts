/**
 * How the air-gapped ZooKeeper stops: asked to stop together with its broker (as a Docker engine restart stops
 * every container at once), it keeps serving until the broker has closed its session, so the broker's next
 * start registers at once instead of meeting its old session (NodeExists at /brokers/ids); asked to stop on
 * its own while the broker stays, it stops after a short quiet wait.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { startZooKeeperCluster, waitHealthy } from "../support/airgap-cluster.js";
import { ensureAirgapImages } from "../support/airgap-images.js";
import { docker, dockerUnavailableReason } from "../support/commands.js";
import { DockerResources } from "../support/docker-resources.js";

const unavailable = dockerUnavailableReason();
// Under CI a missing daemon fails the test; elsewhere it is reported as a skip.
const skip = unavailable !== undefined && process.env.CI !== "true" ? unavailable : false;

async function logs(container: string, since?: string): Promise<string> {
  const { stdout, stderr } = await docker(["logs", ...(since ? ["--since", since] : []), container]);
  return stdout + stderr;
}

async function timedStop(container: string): Promise<number> {
  const started = Date.now();
  await docker(["stop", container], 60_000);
  return (Date.now() - started) / 1000;
}

test("ZooKeeper lets its clients leave before it stops", { skip, timeout: 15 * 60_000 }, async (t) => {
  if (unavailable) assert.fail(`the image tests need Docker: ${unavailable}`);
  await ensureAirgapImages();
  const resources = new DockerResources();
  try {
    const network = await resources.network("net");
    const { zookeeper, broker } = await startZooKeeperCluster(resources, { network });

    await t.test(
      "stopped together with the broker, it serves until the broker closed its session",
      async () => {
        const [zookeeperSeconds, brokerSeconds] = await Promise.all([
          timedStop(zookeeper),
          timedStop(broker),
        ]);
        console.log(
          `together: ZooKeeper stopped in ${zookeeperSeconds.toFixed(1)} s, the broker in ${brokerSeconds.toFixed(1)} s`,
        );
        assert.match(await logs(zookeeper), /ZooKeeper stops with 0 client\(s\) connected to the ensemble/);
        const brokerLog = await logs(broker);
        assert.match(brokerLog, /Session: 0x[0-9a-f]+ closed/, "the broker closed its ZooKeeper session");
        assert.match(brokerLog, /shut down completed/);
        assert.ok(zookeeperSeconds < 8, `ZooKeeper took ${zookeeperSeconds} s to stop`);
      },
    );

    await t.test(
      "started again together, the broker registers at once: no NodeExists, no restart",
      async () => {
        const restarted = new Date().toISOString();
        await Promise.all([docker(["start", zookeeper]), docker(["start", broker])]);
        await waitHealthy(broker, 90_000);
        const brokerLog = await logs(broker, restarted);
        assert.doesNotMatch(brokerLog, /NodeExists/);
        assert.match(brokerLog, /\[KafkaServer id=1\] started/);
        const { stdout } = await docker([
          "inspect",
          "--format",
          "{{.RestartCount}} {{.State.Status}}",
          broker,
        ]);
        assert.equal(stdout.trim(), "0 running");
      },
    );

    await t.test("stopped on its own while the broker stays, it stops after the quiet wait", async () => {
      const seconds = await timedStop(zookeeper);
      console.log(`alone: ZooKeeper stopped in ${seconds.toFixed(1)} s`);
      assert.match(await logs(zookeeper), /ZooKeeper stops with 1 client\(s\) connected to the ensemble/);
      assert.ok(seconds >= 3 && seconds < 8, `ZooKeeper took ${seconds} s to stop`);
      const { stdout } = await docker(["inspect", "--format", "{{.State.ExitCode}}", zookeeper]);
      assert.ok(["0", "143"].includes(stdout.trim()), `exit code ${stdout.trim()}`);
    });
  } finally {
    await resources.cleanup();
  }
});
