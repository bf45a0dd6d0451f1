/**
 * The benchmark's results: their shape (the keys of bench/results/latest.json), the statistics
 * they are made of, the machine they were measured on, and the table printed at the end.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { run } from "../test/support/commands";
import type { IdleCpu } from "./idle-cpu";
import type { KubernetesProvisioning } from "./kubernetes-provision";
import type { ToolFloor } from "./pulumi-floor";
import type { StartToReady } from "./start-to-ready";

export interface BenchResults {
  provision: {
    /** Medians over `runs` interleaved runs of each. */
    pulumiUpS: number;
    composeUpS: number;
    ratioUp: number;
    noopUpS: number;
    pulumiDestroyS: number;
    composeDownS: number;
    ratioDown: number;
    runs: number;
    /** Seconds into the last `pulumi up` at which each stage was ready. */
    upTimeline: Record<string, number>;
    /** Seconds into the last `pulumi destroy` at which each stage was gone. */
    destroyTimeline: Record<string, number>;
  };
  /** Each tool's own start: one container by compose and by Pulumi, and a Pulumi program of nothing. */
  floor: ToolFloor | null;
  producer: { projectMsgsPerS: number | null; referenceMsgsPerS: number | null; ratio: number | null };
  consumer: { projectMsgsPerS: number | null; referenceMsgsPerS: number | null; ratio: number | null };
  latency: { p50Ms: number | null; p99Ms: number | null; achievedMsgsPerS: number | null };
  /** CPU of the last provisioned stack (cluster and apps) while nothing happens, once it settled. */
  idle: IdleCpu | null;
  /**
   * Seconds from each broker's container start to its first answer, medians of `rounds` cold starts, per image
   * set: `stack` (the stack's images) and, when one was given, `baseline`.
   */
  startToReady: { rounds: number; images: Record<string, string>; seconds: StartToReady } | null;
  /** Anonymous volumes that appeared during the run and were still there after its cleanup. */
  leftVolumes: number | null;
  /** A replicationFactor change of the running stack under a steady host producer (100 acks=all/s). */
  rollingChange: { maxStallMs: number; lost: number; durationS: number; acknowledged: number } | null;
  /** The same shape on the local Kubernetes cluster (bench/kubernetes-provision.ts); null when none runs. */
  kubernetes: KubernetesProvisioning | null;
  memory: Record<string, number>;
  machine: { cpus: number; memoryGiB: number; docker: string; kernel: string };
  date: string;
}

export function emptyResults(runs: number): BenchResults {
  return {
    provision: {
      pulumiUpS: 0,
      composeUpS: 0,
      ratioUp: 0,
      noopUpS: 0,
      pulumiDestroyS: 0,
      composeDownS: 0,
      ratioDown: 0,
      runs,
      upTimeline: {},
      destroyTimeline: {},
    },
    floor: null,
    producer: { projectMsgsPerS: null, referenceMsgsPerS: null, ratio: null },
    consumer: { projectMsgsPerS: null, referenceMsgsPerS: null, ratio: null },
    latency: { p50Ms: null, p99Ms: null, achievedMsgsPerS: null },
    idle: null,
    startToReady: null,
    leftVolumes: null,
    rollingChange: null,
    kubernetes: null,
    memory: {},
    machine: { cpus: os.cpus().length, memoryGiB: 0, docker: "", kernel: os.release() },
    date: new Date().toISOString(),
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) throw new Error("median of nothing");
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) throw new Error("percentile of nothing");
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? 0;
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** a / b rounded, or null when either is missing. */
export function ratio(a: number | null, b: number | null): number | null {
  return a === null || b === null || b === 0 ? null : round(a / b, 2);
}

export async function describeMachine(): Promise<BenchResults["machine"]> {
  const version = await run("docker", ["version", "--format", "{{.Server.Version}}"], {
    timeoutMs: 30_000,
    allowFailure: true,
  });
  return {
    cpus: os.cpus().length,
    memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
    docker: version.stdout.trim(),
    kernel: os.release(),
  };
}

function show(value: number | null, unit = ""): string {
  return value === null ? "not measured" : `${value}${unit}`;
}

/** Container names without the prefix they share (`kafka-pulumi-airgap-kafka-1` -> `kafka-1`). */
function shortNames(names: readonly string[]): string[] {
  if (names.length < 2) return [...names];
  let prefix = names[0] ?? "";
  for (const name of names) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const cut = prefix.lastIndexOf("-") + 1;
  return names.map((name) => name.slice(cut));
}

/** `kafka-1 2.1 s, kafka-2 2.3 s`: a measure per container, with short names. */
function perContainer(values: Record<string, number>, unit: string): string {
  const names = Object.keys(values);
  const short = shortNames(names);
  return names.map((name, index) => `${short[index]} ${values[name]}${unit}`).join(", ");
}

/** The table printed at the end (also the one in bench/README.md). */
export function resultTable(results: BenchResults): string {
  const {
    provision: p,
    producer,
    consumer,
    latency,
    rollingChange: rolling,
    idle,
    startToReady,
    floor,
  } = results;
  const rows: [string, string, string][] = [
    [`compose up --wait (emulated), median of ${p.runs}`, `${p.composeUpS} s`, ""],
    [`pulumi up, median of ${p.runs}`, `${p.pulumiUpS} s (ratio ${p.ratioUp})`, "ratioUp <= 1.0"],
    ["pulumi up, no changes", `${p.noopUpS} s`, "<= 2 s"],
    [
      `one container: compose up / pulumi up (pulumi up of nothing), median of ${floor?.runs ?? p.runs}`,
      floor === null
        ? "not measured"
        : `${floor.composeOneContainerS} s / ${floor.pulumiOneContainerS} s (${floor.pulumiNothingS} s)`,
      "",
    ],
    [
      `idle CPU of the settled stack over ${idle?.seconds ?? 60} s (its containers; the engine's processes)`,
      idle === null
        ? "not measured"
        : `${idle.stackPercent} % of a core; engine ${show(idle.enginePercent, " %")}`,
      "<= 5 %",
    ],
    ...Object.entries(startToReady?.seconds ?? {}).map(([set, seconds]): [string, string, string] => [
      `broker start to first answer, median of ${startToReady?.rounds} (${set}: ${startToReady?.images[set]})`,
      perContainer(seconds, " s"),
      set === "stack" && "baseline" in (startToReady?.seconds ?? {}) ? "shorter than baseline" : "",
    ]),
    [`compose down -v, median of ${p.runs}`, `${p.composeDownS} s`, ""],
    [
      `pulumi destroy, median of ${p.runs}`,
      `${p.pulumiDestroyS} s (ratio ${p.ratioDown})`,
      "ratioDown <= 1.0",
    ],
    [
      "producer msgs/s: project / reference",
      `${show(producer.projectMsgsPerS)} / ${show(producer.referenceMsgsPerS)}`,
      "",
    ],
    ["producer ratio", show(producer.ratio), ">= 0.5"],
    [
      "consumer msgs/s: project / reference",
      `${show(consumer.projectMsgsPerS)} / ${show(consumer.referenceMsgsPerS)}`,
      "",
    ],
    ["consumer ratio", show(consumer.ratio), ">= 0.5"],
    [
      `latency p50 / p99 at 1,000 msgs/s (achieved ${show(latency.achievedMsgsPerS)}/s)`,
      `${show(latency.p50Ms, " ms")} / ${show(latency.p99Ms, " ms")}`,
      "p99 <= 50 ms",
    ],
    [
      "rolling replicationFactor change: duration",
      rolling === null ? "not measured" : `${rolling.durationS} s`,
      "",
    ],
    [
      "rolling change: longest wait between acks / acknowledged lost",
      rolling === null
        ? "not measured"
        : `${rolling.maxStallMs} ms / ${rolling.lost} of ${rolling.acknowledged}`,
      "<= 2000 ms / 0",
    ],
    [
      "kubernetes: pulumi up (every broker ready and in sync at) / destroy",
      results.kubernetes === null
        ? "not measured"
        : `${round(results.kubernetes.upSeconds)} s (${show(results.kubernetes.brokersReadySeconds ?? null, " s")}) / ` +
          `${round(results.kubernetes.destroySeconds)} s`,
      "",
    ],
    ["anonymous volumes left behind", show(results.leftVolumes), "0"],
    ...Object.entries(results.memory).map(([name, mib]): [string, string, string] => [
      `peak memory ${name}`,
      `${mib} MiB`,
      "",
    ]),
  ];
  const lines = ["| Measure | Result | Target |", "| --- | --- | --- |"];
  for (const [name, value, target] of rows) lines.push(`| ${name} | ${value} | ${target} |`);
  const stages = (timeline: Record<string, number>) =>
    Object.entries(timeline)
      .map(([stage, seconds]) => `${stage} ${seconds} s`)
      .join(", ");
  lines.push(
    "",
    `pulumi up timeline: ${stages(p.upTimeline)}`,
    `pulumi destroy timeline: ${stages(p.destroyTimeline)}`,
  );
  if (idle !== null)
    lines.push(`idle CPU per container (% of a core): ${perContainer(idle.containers, " %")}`);
  const m = results.machine;
  lines.push(
    "",
    `Machine: ${m.cpus} CPUs, ${m.memoryGiB} GiB, Docker ${m.docker}, kernel ${m.kernel}; ${results.date}`,
  );
  return lines.join("\n");
}

/** Writes the results as JSON to `file`, creating its directory. */
export function writeResults(file: string, results: BenchResults): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
