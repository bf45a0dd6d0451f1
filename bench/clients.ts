/**
 * The clients under test, each run as a container on the stack's network: the project's producer
 * and consumer images, and Kafka's own perf tools from the broker image as the reference. Every
 * container gets a `kafka-bench-` name so memory samples and cleanup find it.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { AppEnvironment } from "../apps/src/shared/app-contract.js";
import { toEnvList } from "../infra/kafka/environment";
import { containerLogLines, docker, removeContainers, run, waitForExit } from "../test/support/commands";

export const CONTAINER_PREFIX = "kafka-bench-";

export interface ClientContext {
  network: string;
  bootstrapServers: string;
  kafkaImage: string;
  /** Memory limit of the app containers, MiB (the stack's appMemory). */
  appMemoryMiB: number;
  /** Every container started here is recorded, for cleanup. */
  started: Set<string>;
}

/** Starts a detached container on the stack's network. */
async function startContainer(ctx: ClientContext, name: string, args: readonly string[]): Promise<string> {
  const full = `${CONTAINER_PREFIX}${name}`;
  await removeContainers([full]);
  ctx.started.add(full);
  await docker(["run", "-d", "--name", full, "--network", ctx.network, ...args]);
  return full;
}

function appArgs(ctx: ClientContext, env: AppEnvironment, image: string): string[] {
  const envArgs = toEnvList(env).flatMap((entry) => ["-e", entry]);
  return ["--init", "--memory", `${ctx.appMemoryMiB}m`, ...envArgs, image];
}

/** The parsed `summary` line of the project's producer. */
export interface ProducerSummary {
  sent: number;
  failed: number;
  elapsedMs: number;
  eventsPerSecond: number;
}

/** Runs the project's producer to completion (PRODUCER_COUNT must be set) and reads its summary. */
export async function runProjectProducer(
  ctx: ClientContext,
  name: string,
  image: string,
  env: AppEnvironment,
  timeoutMs: number,
): Promise<ProducerSummary> {
  const container = await startContainer(
    ctx,
    name,
    appArgs(ctx, { KAFKA_BROKERS: ctx.bootstrapServers, ...env }, image),
  );
  const code = await waitForExit(container, timeoutMs);
  const lines = await containerLogLines(container);
  const summary = lines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .find((l) => l.msg === "summary");
  if (code !== 0 || summary === undefined) {
    throw new Error(`${container} exited with ${code}:\n${lines.slice(-10).join("\n")}`);
  }
  return summary as unknown as ProducerSummary;
}

/** One consumer log line of interest. */
export interface ReceivedLine {
  time: number;
  latencyMs: number;
}

/** The time and latency of a consumer's `received` log line; undefined for any other line. */
function receivedLine(line: string): ReceivedLine | undefined {
  if (!line.includes('"msg":"received"')) return undefined;
  const parsed = JSON.parse(line) as { time: string; latencyMs: number };
  return { time: Date.parse(parsed.time), latencyMs: parsed.latencyMs };
}

/**
 * A running project consumer whose log is followed as it is written: `received` lines are
 * collected (time and latency), and `joined` resolves once kafkajs reports the group join.
 */
export class FollowedConsumer {
  readonly received: ReceivedLine[] = [];
  readonly joined: Promise<void>;
  private waiters: { count: number; resolve: () => void }[] = [];

  constructor(readonly container: string) {
    const follower = spawn("docker", ["logs", "-f", container], { stdio: ["ignore", "pipe", "ignore"] });
    let markJoined: () => void = () => undefined;
    this.joined = new Promise((resolve) => (markJoined = resolve));
    createInterface({ input: follower.stdout }).on("line", (line) => {
      if (line.includes("joined the group")) markJoined();
      const received = receivedLine(line);
      if (received === undefined) return;
      this.received.push(received);
      this.waiters = this.waiters.filter((waiter) => {
        if (this.received.length < waiter.count) return true;
        waiter.resolve();
        return false;
      });
    });
  }

  /** Resolves once `count` events were received; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs: number): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.container}: ${this.received.length} of ${count} events in time`)),
        timeoutMs,
      );
      this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }
}

/** Starts the project's consumer and follows its log. */
export async function startProjectConsumer(
  ctx: ClientContext,
  name: string,
  image: string,
  env: AppEnvironment,
): Promise<FollowedConsumer> {
  const args = appArgs(ctx, { KAFKA_BROKERS: ctx.bootstrapServers, ...env }, image);
  return new FollowedConsumer(await startContainer(ctx, name, args));
}

/**
 * Runs the project's consumer until it has logged `count` events and returns their `received` lines. Unlike
 * FollowedConsumer it reads the log only when done (checking its last lines four times a second), so that
 * parsing the log while the consumer runs does not take CPU from it, as nothing reads the reference's output.
 */
export async function runProjectConsumer(
  ctx: ClientContext,
  name: string,
  image: string,
  env: AppEnvironment,
  count: number,
  timeoutMs: number,
): Promise<ReceivedLine[]> {
  const container = await startContainer(
    ctx,
    name,
    appArgs(ctx, { KAFKA_BROKERS: ctx.bootstrapServers, ...env }, image),
  );
  try {
    const deadline = Date.now() + timeoutMs;
    const last = `"received":${count},`;
    while (!(await docker(["logs", "--tail", "20", container])).stdout.includes(last)) {
      if (Date.now() > deadline)
        throw new Error(`${container}: fewer than ${count} events in ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return (await containerLogLines(container)).flatMap((line) => receivedLine(line) ?? []);
  } finally {
    await removeContainers([container]);
  }
}

/** Runs a Kafka tool from the broker image to completion and returns its stdout. */
export async function runKafkaTool(
  ctx: ClientContext,
  name: string,
  command: readonly string[],
  timeoutMs: number,
) {
  const container = await startContainer(ctx, name, [ctx.kafkaImage, ...command]);
  const code = await waitForExit(container, timeoutMs);
  const logs = await run("docker", ["logs", container], { timeoutMs: 60_000 });
  if (code !== 0) throw new Error(`${command[0]} exited with ${code}:\n${logs.stderr}\n${logs.stdout}`);
  return logs.stdout;
}

/** `N records sent, R records/sec (...)`: the last summary line of kafka-producer-perf-test. */
export function parseProducerPerf(output: string): number {
  const lines = output.split("\n").filter((line) => / records sent, [\d.]+ records\/sec/.test(line));
  const match = / records sent, ([\d.]+) records\/sec/.exec(lines[lines.length - 1] ?? "");
  if (match === null) throw new Error(`no summary in kafka-producer-perf-test output:\n${output}`);
  return Number(match[1]);
}

/** kafka-consumer-perf-test's CSV summary as name -> value (e.g. `fetch.nMsg.sec`). */
export function parseConsumerPerf(output: string): Record<string, string> {
  const lines = output.split("\n").map((line) => line.trim());
  const header = lines.findIndex((line) => line.startsWith("start.time"));
  const values = lines[header + 1];
  if (header < 0 || values === undefined)
    throw new Error(`no summary in kafka-consumer-perf-test:\n${output}`);
  const names = (lines[header] ?? "").split(",").map((part) => part.trim());
  const cells = values.split(",").map((part) => part.trim());
  return Object.fromEntries(names.map((field, index) => [field, cells[index] ?? ""]));
}
