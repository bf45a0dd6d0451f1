/**
 * Child processes for the tests and the bench: every command runs with a time limit, its output captured,
 * and a failure names the command and what it printed. Docker is driven through its CLI only. (The Pulumi
 * program has its own, smaller docker call, infra/docker/docker-cli.ts, which dynamic providers carry.)
 */
import { execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Kill the command after this many ms (SIGKILL) and fail. */
  timeoutMs: number;
  /** Resolve with the exit code instead of rejecting when the command fails. */
  allowFailure?: boolean;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

const MAX_CAPTURE = 64 * 1024 * 1024;

function describe(command: string, args: readonly string[]): string {
  const text = [command, ...args].join(" ");
  return text.length > 300 ? `${text.slice(0, 300)}...` : text;
}

/** Runs `command args...`; rejects on a non-zero exit (unless allowed) or on the time limit. */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_CAPTURE) into.push(chunk);
    };
    child.stdout.on("data", collect(out));
    child.stderr.on("data", collect(err));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`${describe(command, args)}: ${error.message}`));
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      const result = {
        code: code ?? -1,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      };
      if (timedOut) {
        reject(new Error(`${describe(command, args)}: no result within ${options.timeoutMs / 1000} s`));
      } else if (result.code !== 0 && !options.allowFailure) {
        const detail = (result.stderr.trim() || result.stdout.trim()).split("\n").slice(-15).join("\n");
        reject(new Error(`${describe(command, args)} exited with ${result.code}:\n${detail}`));
      } else {
        resolve(result);
      }
    });
  });
}

/** `docker args...` with a time limit (2 minutes unless given); rejects when it fails. */
export function docker(args: readonly string[], timeoutMs = 120_000): Promise<CommandResult> {
  return run("docker", args, { timeoutMs });
}

/** `docker args...`, resolving with the exit code instead of rejecting. */
export function dockerMaybe(args: readonly string[], timeoutMs = 60_000): Promise<CommandResult> {
  return run("docker", args, { timeoutMs, allowFailure: true });
}

/** `docker args...`'s exit code. */
export async function dockerExitCode(args: readonly string[], timeoutMs = 60_000): Promise<number> {
  return (await dockerMaybe(args, timeoutMs)).code;
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

/** Whether a command is on PATH. */
export async function hasCommand(command: string): Promise<boolean> {
  const found = await run("sh", ["-c", `command -v ${command}`], { timeoutMs: 10_000, allowFailure: true });
  return found.code === 0;
}

/** Removes containers by name, ignoring ones that do not exist. */
export async function removeContainers(names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  await dockerMaybe(["rm", "-f", "-v", ...names], 60_000);
}

/** Whether a local image with this reference exists. */
export async function imageExists(reference: string): Promise<boolean> {
  return (await dockerMaybe(["image", "inspect", "--format", "{{.Id}}", reference])).code === 0;
}

/** The stdout lines of a container (its JSON logs, for the apps). */
export async function containerLogLines(name: string): Promise<string[]> {
  const logs = await docker(["logs", name]);
  return logs.stdout.split("\n").filter((line) => line.length > 0);
}

/** Waits for a container to exit and returns its exit code. */
export async function waitForExit(name: string, timeoutMs: number): Promise<number> {
  const waited = await docker(["wait", name], timeoutMs);
  return Number(waited.stdout.trim());
}
