/**
 * Back by itself after the Docker engine restarts: with a stack up, dockerd is stopped (it stops every
 * container in no order) and started again. Every container comes back healthy without a crash loop, every
 * partition is back in sync, the consumer resumes where its group left off, and `up --refresh` changes
 * nothing. Each shape prints the time from the engine answering to every broker healthy. Every other
 * container on the engine is stopped and started again with it.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { probedHealth } from "../../infra/docker/container-health.js";
import { docker } from "../support/commands.js";
import { E2eStack, e2eSkip, shippedStackConfig, stage } from "./support/e2e-stack.js";
import { engineRestartUnavailableReason, restartEngine } from "./support/docker-engine.js";
import { topicLayout, waitForFullIsr } from "./support/host-kafka.js";
import {
  containerStates,
  eventually,
  jsonLogLines,
  removeStackObjects,
  serverProbes,
} from "./support/stack-containers.js";

const skip = e2eSkip() || (process.env.CI === "true" ? false : (engineRestartUnavailableReason() ?? false));
const HEALTHY_WAIT_MS = 120_000;
const POLL_MS = 250;
const APP_TOPIC = "registred_user";

interface Shape {
  name: string;
  settings: Record<string, string>;
  servers: string[];
  apps: boolean;
}

const SHAPES: Shape[] = [
  {
    name: "zookeeper, ensemble of 1, with the apps",
    settings: { producerIntervalMs: "200" },
    servers: ["zookeeper-1", "kafka-1", "kafka-2", "kafka-3"],
    apps: true,
  },
  {
    name: "zookeeper, ensemble of 3",
    settings: { zookeeperNodes: "3", apps: "false" },
    servers: ["zookeeper-1", "zookeeper-2", "zookeeper-3", "kafka-1", "kafka-2", "kafka-3"],
    apps: false,
  },
  {
    name: "kraft",
    settings: { mode: "kraft", apps: "false" },
    servers: ["kafka-1", "kafka-2", "kafka-3"],
    apps: false,
  },
];

/**
 * ms from `since` until every named server container runs and answers its probe, per container. Docker runs
 * the probes only once a minute, so they are asked here, by one reader for the whole wait: it remembers an
 * answer until the container restarts and runs an exec probe at most once a second.
 */
async function healthyAfter(stack: string, servers: string[], since: number): Promise<Map<string, number>> {
  const healthyAt = new Map<string, number>();
  const deadline = Date.now() + HEALTHY_WAIT_MS;
  const health = probedHealth(serverProbes(await containerStates(stack), servers));
  while (healthyAt.size < servers.length && Date.now() < deadline) {
    const pending = servers.filter((name) => !healthyAt.has(name));
    const states = await health(pending).catch((): Record<string, string> => ({}));
    for (const name of pending) if (states[name] === "healthy") healthyAt.set(name, Date.now() - since);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const missing = servers.filter((name) => !healthyAt.has(name));
  assert.deepEqual(missing, [], `healthy within ${HEALTHY_WAIT_MS / 1000} s of the engine answering`);
  return healthyAt;
}

/** The error lines of a container's log over all its runs, so that a restart in CI can be explained. */
async function whyItExited(container: string): Promise<string> {
  const { stdout, stderr } = await docker(["logs", "--tail", "2000", container]);
  const errors = `${stdout}\n${stderr}`
    .split("\n")
    .filter((line) => /ERROR|FATAL|Exception|Exiting|did not answer/.test(line))
    .slice(-15);
  return `${container} restarted; the last error lines of its log:\n${errors.join("\n")}`;
}

/** The partitions the consumer has logged a record from. */
function consumedPartitions(lines: Record<string, unknown>[]): Set<number> {
  return new Set(lines.filter((line) => line["msg"] === "received").map((line) => Number(line["partition"])));
}

/**
 * Per partition, the last offset the consumer logged before `restartedAt` and the first after it. No container
 * runs while the engine is down, so that splits the old run from the new one: records read while the engine
 * was stopping belong to the old run.
 */
async function consumerPositions(container: string, restartedAt: number) {
  const received = (await jsonLogLines(container)).filter((line) => line["msg"] === "received");
  const positions = new Map<number, { lastBefore?: number; firstAfter?: number }>();
  for (const line of received) {
    const time = Date.parse(String(line["time"]));
    const partition = Number(line["partition"]);
    const offset = Number(line["offset"]);
    const position = positions.get(partition) ?? {};
    if (time < restartedAt) position.lastBefore = offset;
    if (time > restartedAt && position.firstAfter === undefined) position.firstAfter = offset;
    positions.set(partition, position);
  }
  return positions;
}

describe("the cluster after a Docker engine restart", { skip, timeout: 30 * 60_000 }, () => {
  for (const shape of SHAPES) {
    test(`back by itself: ${shape.name}`, async () => {
      assert.equal(engineRestartUnavailableReason(), undefined, "the engine restart case restarts dockerd");
      const e2e = await E2eStack.create("engine", { ...shippedStackConfig("airgap"), ...shape.settings });
      const name = (suffix: string) => `kafka-pulumi-${e2e.name}-${suffix}`;
      try {
        await stage(`up (${shape.name})`, () => e2e.up());
        const bootstrap = await e2e.output<string>("bootstrapServers");
        const servers = shape.servers.map(name);
        const brokers = servers.filter((server) => server.includes("-kafka-"));
        const apps = shape.apps ? [name("producer"), name("consumer")] : [];
        if (shape.apps) {
          // Every partition needs a record read before the restart, or "resumed from its commits" has nothing to compare.
          const { replicas } = await topicLayout(bootstrap, APP_TOPIC);
          await eventually(
            async () => consumedPartitions(await jsonLogLines(name("consumer"))),
            (partitions) => partitions.size === replicas.length,
            60_000,
          );
        }

        const engine = await stage(`engine stopped and started again (${shape.name})`, restartEngine);
        const healthy = await healthyAfter(e2e.name, servers, engine.answeredAt);
        const brokersHealthy = Math.max(...brokers.map((broker) => healthy.get(broker) ?? Infinity));
        await waitForFullIsr(bootstrap, HEALTHY_WAIT_MS);
        const inSync = Date.now() - engine.answeredAt;

        const states = await containerStates(e2e.name);
        const restarts = [...servers, ...apps].map((container) => [
          container,
          states.get(container)?.restartCount,
        ]);
        console.log(
          `engine restart (${shape.name}): engine stopped in ${(engine.stopMs / 1000).toFixed(1)} s, ` +
            `answered ${(engine.startMs / 1000).toFixed(1)} s after its start; every broker healthy ` +
            `${(brokersHealthy / 1000).toFixed(1)} s and every partition in sync ${(inSync / 1000).toFixed(1)} s ` +
            `after it answered; restarts since: ` +
            restarts
              .map(([container, count]) => `${String(container).replace(name(""), "")} ${count}`)
              .join(", "),
        );
        for (const [container, count] of restarts) {
          if ((count as number) > 0) console.log(await whyItExited(String(container)));
        }
        for (const [container, count] of restarts) {
          assert.equal(states.get(String(container))?.status, "running", `${container} runs`);
          assert.ok((count as number) <= 1, `${container} restarted ${count} times: a crash loop`);
        }
        for (const server of servers) assert.equal(states.get(server)?.restartCount, 0, `${server} restarts`);

        if (shape.apps) {
          const positions = await eventually(
            () => consumerPositions(name("consumer"), engine.answeredAt),
            (found) => [...found.values()].every((p) => p.firstAfter !== undefined),
            60_000,
          );
          for (const [partition, { lastBefore, firstAfter }] of positions) {
            console.log(
              `consumer, partition ${partition}: last offset before ${lastBefore}, first after ${firstAfter}`,
            );
            assert.ok(
              firstAfter !== undefined && lastBefore !== undefined,
              `partition ${partition} read both times`,
            );
            assert.ok(firstAfter <= lastBefore + 1, `partition ${partition}: nothing skipped`);
            assert.ok(firstAfter > lastBefore - 100, `partition ${partition}: resumed from its commits`);
          }
        }
        await stage(`up --refresh after the restart (expect no changes, ${shape.name})`, () =>
          e2e.up({ refresh: true, expectNoChanges: true }),
        );
      } finally {
        await stage(`destroy (${shape.name})`, () => e2e.remove());
        await removeStackObjects(e2e.name);
      }
    });
  }
});
