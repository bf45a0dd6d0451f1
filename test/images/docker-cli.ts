/**
 * A thin, promise-based wrapper around the `docker` command line for the image tests, plus a
 * tracker that removes every container, volume and network a test created, even when it fails.
 */
import { execFile, execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

export interface CommandResult {
  stdout: string;
  stderr: string;
}

/** Runs `docker ARGS...`; rejects with the command and its stderr when it exits non-zero. */
export async function docker(args: string[], timeoutMs = 120_000): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await execFileAsync("docker", args, {
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { stdout, stderr };
  } catch (error) {
    const failed = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`docker ${args.join(" ")} failed: ${failed.stderr || failed.stdout || failed.message}`);
  }
}

/** Runs `docker ARGS...` and resolves to its exit code instead of rejecting. */
export async function dockerExitCode(args: string[], timeoutMs = 60_000): Promise<number> {
  try {
    await execFileAsync("docker", args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
    return 0;
  } catch (error) {
    const failed = error as { code?: number | string };
    return typeof failed.code === "number" ? failed.code : -1;
  }
}

/**
 * Why Docker cannot be used here, or undefined when a daemon answers. Under CI the caller turns a
 * reason into a failure; on a developer machine into a skip.
 */
export function dockerUnavailableReason(): string | undefined {
  try {
    execFileSync("docker", ["info", "--format", "{{.ServerVersion}}"], { stdio: "pipe", timeout: 30_000 });
    return undefined;
  } catch (error) {
    const failed = error as { stderr?: Buffer; message: string };
    const detail = failed.stderr?.toString().trim() || failed.message;
    return `no Docker daemon answers 'docker info' (${detail}); start one with 'npm run toolchain:engine'`;
  }
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Names every resource a test creates and removes them all at the end, whatever happened. */
export class DockerResources {
  readonly runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  private readonly containers: string[] = [];
  private readonly volumes: string[] = [];
  private readonly networks: string[] = [];

  name(role: string): string {
    return `kafka-airgap-test-${this.runId}-${role}`;
  }

  async network(role: string): Promise<string> {
    const name = this.name(role);
    this.networks.push(name);
    await docker(["network", "create", "--label", `kafka-airgap-test=${this.runId}`, name]);
    return name;
  }

  /** A named volume's name; docker creates it on first use and cleanup removes it. */
  volume(role: string): string {
    const name = this.name(role);
    this.volumes.push(name);
    return name;
  }

  /** `docker run -d --name <name> ARGS...`, tracked for cleanup. */
  async run(role: string, args: string[]): Promise<string> {
    const name = this.name(role);
    this.containers.push(name);
    await docker(["run", "-d", "--name", name, "--label", `kafka-airgap-test=${this.runId}`, ...args]);
    return name;
  }

  /** The last LINES log lines of every container created so far, for a failure report. */
  async logTails(lines = 30): Promise<string> {
    const parts: string[] = [];
    for (const container of this.containers) {
      const logs = await docker(["logs", "--tail", String(lines), container]).catch((error: Error) => ({
        stdout: error.message,
        stderr: "",
      }));
      parts.push(`--- ${container}\n${logs.stdout}${logs.stderr}`);
    }
    return parts.join("\n");
  }

  async cleanup(): Promise<void> {
    for (const container of this.containers.reverse()) {
      await dockerExitCode(["rm", "-f", "-v", container]);
    }
    for (const volume of this.volumes) await dockerExitCode(["volume", "rm", "-f", volume]);
    for (const network of this.networks) await dockerExitCode(["network", "rm", network]);
  }
}
