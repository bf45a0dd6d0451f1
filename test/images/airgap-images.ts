/**
 * What the image tests share: the image names, building them with images/build.sh, building the
 * apps' images on the Node image, starting ZooKeeper + a broker, and waiting for a container's
 * healthcheck.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { brokerProbe, zookeeperProbe } from "../../infra/kafka/healthchecks.js";
import { docker, dockerExitCode, type DockerResources } from "./docker-cli.js";

const execFileAsync = promisify(execFile);

export const REPO_ROOT = path.resolve(__dirname, "../..");
export const ZOOKEEPER_IMAGE = "kafka-airgap/zookeeper:3.9.1";
export const KAFKA_IMAGE = "kafka-airgap/kafka:3.9.1";
export const NODE_IMAGE = "kafka-airgap/node:22";

/** The project's probes (the commands the Pulumi program declares), as a `docker run --health-cmd`. */
function shellCommand(argv: readonly string[]): string {
  return argv.map((arg) => `'${arg.replaceAll("'", `'\\''`)}'`).join(" ");
}
export const ZOOKEEPER_HEALTH_CMD = shellCommand(zookeeperProbe());
export const BROKER_HEALTH_CMD = shellCommand(brokerProbe());
export function healthFlags(command: string): string[] {
  return [
    "--health-cmd",
    command,
    "--health-interval",
    "1s",
    "--health-timeout",
    "20s",
    "--health-retries",
    "90",
  ];
}

/** Runs images/build.sh, which builds only what is missing or out of date; resolves to its output. */
export async function ensureAirgapImages(): Promise<string> {
  try {
    const { stdout, stderr } = await execFileAsync("bash", [path.join(REPO_ROOT, "images/build.sh")], {
      cwd: REPO_ROOT,
      timeout: 30 * 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout + stderr;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`images/build.sh failed:\n${failed.stdout ?? ""}${failed.stderr ?? failed.message}`);
  }
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

/** The broker's listener for containers on the test network (`kafka-1:29092`). */
export const INTERNAL_PORT = 29092;

export interface ZooKeeperClusterOptions {
  /** A user-defined network; ZooKeeper joins it as `zookeeper`, the broker as `kafka-1`. */
  network: string;
  /** Adds a HOST listener advertised as localhost:PORT and published on 127.0.0.1:PORT. */
  hostPort?: number;
  /** More broker settings as `NAME=value`, after the defaults (replication factors 1, no topic auto-creation). */
  brokerEnv?: string[];
}

export interface ZooKeeperCluster {
  zookeeper: string;
  broker: string;
  /** For clients on the network: `kafka-1:29092`. */
  internalBootstrap: string;
  /** Seconds from the broker's `docker run` to its healthcheck reporting healthy. */
  brokerToHealthySeconds: number;
}

/**
 * One ZooKeeper and one broker (id 1) from the air-gapped images, cp-style environment, every
 * internal topic with replication factor 1; resolves once both report healthy.
 */
export async function startZooKeeperCluster(
  resources: DockerResources,
  options: ZooKeeperClusterOptions,
): Promise<ZooKeeperCluster> {
  const { network, hostPort } = options;
  const zookeeper = await resources.run("zookeeper", [
    ...["--network", network, "--network-alias", "zookeeper"],
    ...["-v", `${resources.volume("zk-data")}:/var/lib/zookeeper/data`],
    ...["-e", "ZOOKEEPER_CLIENT_PORT=2181", "-e", "ZOOKEEPER_TICK_TIME=2000"],
    ...["-e", "KAFKA_HEAP_OPTS=-Xmx128m -Xms128m"],
    ...healthFlags(ZOOKEEPER_HEALTH_CMD),
    ZOOKEEPER_IMAGE,
  ]);
  await waitHealthy(zookeeper, 60_000);

  const advertised = [`INTERNAL://kafka-1:${INTERNAL_PORT}`];
  const protocols = ["INTERNAL:PLAINTEXT"];
  if (hostPort !== undefined) {
    advertised.push(`HOST://localhost:${hostPort}`);
    protocols.push("HOST:PLAINTEXT");
  }
  const env = [
    "KAFKA_BROKER_ID=1",
    "KAFKA_ZOOKEEPER_CONNECT=zookeeper:2181",
    `KAFKA_ADVERTISED_LISTENERS=${advertised.join(",")}`,
    `KAFKA_LISTENER_SECURITY_PROTOCOL_MAP=${protocols.join(",")}`,
    "KAFKA_INTER_BROKER_LISTENER_NAME=INTERNAL",
    "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR=1",
    "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR=1",
    "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR=1",
    "KAFKA_AUTO_CREATE_TOPICS_ENABLE=false",
    "KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS=0",
    "KAFKA_HEAP_OPTS=-Xmx512m -Xms512m",
    ...(options.brokerEnv ?? []),
  ];
  const started = Date.now();
  const broker = await resources.run("kafka", [
    ...["--network", network, "--network-alias", "kafka-1"],
    ...(hostPort === undefined ? [] : ["-p", `127.0.0.1:${hostPort}:${hostPort}`]),
    ...["-v", `${resources.volume("kafka-data")}:/var/lib/kafka/data`],
    ...env.flatMap((entry) => ["-e", entry]),
    ...healthFlags(BROKER_HEALTH_CMD),
    KAFKA_IMAGE,
  ]);
  await waitHealthy(broker, 120_000);
  return {
    zookeeper,
    broker,
    internalBootstrap: `kafka-1:${INTERNAL_PORT}`,
    brokerToHealthySeconds: (Date.now() - started) / 1000,
  };
}

export type AppName = "producer" | "consumer";

/**
 * `docker build --build-arg APP=<app> apps` on the air-gapped Node image, tagged TAG; resolves to
 * the seconds it took. The image the tag pointed to before is removed when the build replaced it
 * (unless a container still uses it), so repeated runs leave no untagged images behind.
 */
export async function buildAppImage(app: AppName, tag: string): Promise<number> {
  const imageId = async (): Promise<string> =>
    (
      await docker(["image", "inspect", "--format", "{{.Id}}", tag]).catch(() => ({ stdout: "" }))
    ).stdout.trim();
  const previous = await imageId();
  const started = Date.now();
  await docker(
    [
      ...["build", "--build-arg", `APP=${app}`, "--build-arg", `NODE_IMAGE=${NODE_IMAGE}`, "-t", tag],
      path.join(REPO_ROOT, "apps"),
    ],
    15 * 60_000,
  );
  const seconds = (Date.now() - started) / 1000;
  if (previous !== "" && previous !== (await imageId())) await dockerExitCode(["rmi", previous]);
  return seconds;
}
