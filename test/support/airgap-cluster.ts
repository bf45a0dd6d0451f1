/**
 * ZooKeeper and a broker (or one KRaft node) from the air-gapped images, run with `docker run` the way the
 * Pulumi program runs them: the environment, listeners, aliases, mount paths and healthchecks come from
 * the program's own functions, for a one-broker stack config (validateConfig). Every object is tracked
 * for cleanup.
 */
import { validateConfig } from "../../infra/config";
import { dockerHealthcheck, WAITED_ON_PROBE_TIMING } from "../../infra/docker/healthcheck";
import { brokerEnvironmentSettings } from "../../infra/kafka/cluster-shape";
import { BROKER_DATA_PATH, ZOOKEEPER_DATA_PATH, ZOOKEEPER_LOG_PATH } from "../../infra/kafka/data-paths";
import { brokerEnvironment, toEnvList, zookeeperEnvironment } from "../../infra/kafka/environment";
import { brokerProbe, zookeeperProbe } from "../../infra/kafka/healthchecks";
import {
  brokerAlias,
  hostBootstrapServers,
  internalBootstrapServers,
  zookeeperAlias,
} from "../../infra/kafka/listeners";
import { KAFKA_IMAGE, ZOOKEEPER_IMAGE } from "./airgap-images";
import { docker, freePort } from "./commands";
import type { DockerResources } from "./docker-resources";

/**
 * The program's probe as `docker run` health flags (a shell command line for --health-cmd). These tests wait
 * on Docker's health, as compose does, so they take the waited-on timing: the program's once a minute would
 * make every wait a minute long.
 */
function healthFlags(probe: readonly string[]): string[] {
  const check = dockerHealthcheck(probe, WAITED_ON_PROBE_TIMING);
  const command = probe.map((arg) => `'${arg.replaceAll("'", `'\\''`)}'`).join(" ");
  return [
    ...["--health-cmd", command, "--health-interval", String(check.interval)],
    ...["--health-timeout", String(check.timeout), "--health-retries", String(check.retries)],
    ...["--health-start-period", String(check.startPeriod)],
  ];
}

function envFlags(environment: Record<string, string>): string[] {
  return toEnvList(environment).flatMap((entry) => ["-e", entry]);
}

/** Waits until the container's healthcheck reports healthy; fails early if it exits or turns unhealthy. */
export async function waitHealthy(container: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { stdout } = await docker([
      "inspect",
      "--format",
      "{{.State.Status}} {{.State.Health.Status}}",
      container,
    ]);
    const [state, health] = stdout.trim().split(" ");
    if (health === "healthy") return;
    if (state !== "running" || health === "unhealthy" || Date.now() > deadline) {
      const logs = await docker(["logs", "--tail", "40", container]).catch(() => ({
        stdout: "",
        stderr: "",
      }));
      throw new Error(
        `${container} is ${state}/${health}, not healthy:\n${logs.stdout}${logs.stderr}`.slice(0, 8000),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Runs a command inside a running container and resolves to its stdout. */
export async function execIn(container: string, command: string[], timeoutMs = 60_000): Promise<string> {
  return (await docker(["exec", container, ...command], timeoutMs)).stdout;
}

export interface BrokerNode {
  broker: string;
  /** For clients on the network: `kafka-1:29092`. */
  internalBootstrap: string;
  /** For clients on the host: `localhost:<port>`, the EXTERNAL listener published on 127.0.0.1. */
  hostBootstrap: string;
  /** Seconds from the broker's `docker run` to its healthcheck reporting healthy. */
  brokerToHealthySeconds: number;
}

export interface ZooKeeperCluster extends BrokerNode {
  zookeeper: string;
}

/** The program's settings of a one-broker stack without topic auto-creation, its EXTERNAL port free. */
async function oneBrokerStack(raw: Record<string, unknown>) {
  const hostPort = await freePort();
  const settings = validateConfig({
    hostPortBase: hostPort,
    autoCreateTopics: false,
    apps: false,
    brokerHeap: "512m",
    zookeeperHeap: "128m",
    ...raw,
  });
  return { cluster: settings.cluster, hostPort };
}

/** Broker 1 of `cluster` on `network`, resolved once healthy. */
async function startBroker(
  resources: DockerResources,
  network: string,
  { cluster, hostPort }: Awaited<ReturnType<typeof oneBrokerStack>>,
): Promise<BrokerNode> {
  const settings = brokerEnvironmentSettings(cluster);
  const started = Date.now();
  const broker = await resources.run("kafka", [
    ...["--network", network, "--network-alias", brokerAlias(1)],
    ...["-p", `127.0.0.1:${hostPort}:${hostPort}`],
    ...["-v", `${resources.volume("kafka-data")}:${BROKER_DATA_PATH}`],
    ...envFlags(brokerEnvironment(settings, 1)),
    ...healthFlags(brokerProbe()),
    KAFKA_IMAGE,
  ]);
  await waitHealthy(broker, 120_000);
  return {
    broker,
    internalBootstrap: internalBootstrapServers(settings.layout),
    hostBootstrap: hostBootstrapServers(settings.layout),
    brokerToHealthySeconds: (Date.now() - started) / 1000,
  };
}

/** One ZooKeeper node and one broker (id 1) on `network`, resolved once both report healthy. */
export async function startZooKeeperCluster(
  resources: DockerResources,
  options: { network: string },
): Promise<ZooKeeperCluster> {
  const stack = await oneBrokerStack({ mode: "zookeeper" });
  const zookeeper = await resources.run("zookeeper", [
    ...["--network", options.network, "--network-alias", zookeeperAlias(1)],
    ...["-v", `${resources.volume("zk-data")}:${ZOOKEEPER_DATA_PATH}`],
    ...["-v", `${resources.volume("zk-log")}:${ZOOKEEPER_LOG_PATH}`],
    ...envFlags(zookeeperEnvironment({ nodes: 1, heap: stack.cluster.zookeeperHeap }, 1)),
    ...healthFlags(zookeeperProbe()),
    ZOOKEEPER_IMAGE,
  ]);
  await waitHealthy(zookeeper, 60_000);
  return { zookeeper, ...(await startBroker(resources, options.network, stack)) };
}

/** One KRaft broker+controller node (id 1) on `network`, resolved once healthy. */
export async function startKraftNode(
  resources: DockerResources,
  options: { network: string; clusterId: string },
): Promise<BrokerNode> {
  const stack = await oneBrokerStack({ mode: "kraft", clusterId: options.clusterId });
  return startBroker(resources, options.network, stack);
}
