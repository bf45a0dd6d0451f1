/**
 * What the image tests share: the image names, building them with images/build.sh, and waiting for
 * a container's healthcheck.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { docker } from "./docker-cli.js";

const execFileAsync = promisify(execFile);

export const REPO_ROOT = path.resolve(__dirname, "../..");
export const ZOOKEEPER_IMAGE = "kafka-airgap/zookeeper:3.9.1";
export const KAFKA_IMAGE = "kafka-airgap/kafka:3.9.1";
export const NODE_IMAGE = "kafka-airgap/node:22";

/** The project's healthchecks, as `docker run` flags (the same commands the Pulumi program declares). */
export const ZOOKEEPER_HEALTH_CMD =
  "bash -c 'exec 3<>/dev/tcp/127.0.0.1/2181 && printf srvr >&3 && grep -q \"^Mode: \" <&3'";
export function brokerHealthCmd(internalPort: number): string {
  return `kafka-broker-api-versions --bootstrap-server 127.0.0.1:${internalPort}`;
}
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
