/**
 * What a settled stack costs while nothing happens: the CPU time each of its containers used over a window,
 * read from the container's own cgroup counter at both ends, as a percentage of one core; and, where the engine
 * runs on this host, the CPU of the engine's own processes (dockerd, containerd and the shims, which run every
 * healthcheck's exec) over the same window. The engine serves every container on it, so its figure includes
 * whatever else runs there.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { docker } from "../test/support/commands";
import { round } from "./report";

export interface IdleCpu {
  seconds: number;
  /** The stack's containers together, % of one core. */
  stackPercent: number;
  /** Each container, % of one core, by name. */
  containers: Record<string, number>;
  /** The engine's processes on this host, % of one core; null when none is visible here. */
  enginePercent: number | null;
}

/** A container's CPU time so far, in ns. */
type CpuCounter = () => Promise<number>;

/** cgroup v2's cpu.stat (usage_usec) or cgroup v1's cpuacct.usage, in ns. */
function parseCpuCounter(text: string, where: string): number {
  const usec = /^usage_usec (\d+)$/m.exec(text);
  const value = usec === null ? Number(text.trim()) : Number(usec[1]) * 1000;
  if (!Number.isFinite(value)) throw new Error(`${where}: no CPU counter in ${text.slice(0, 200)}`);
  return value;
}

// Where the engine's cgroupfs and systemd drivers put a container's counter on this host, cgroup v1 and v2.
const HOST_COUNTER_PATHS = [
  "/sys/fs/cgroup/cpuacct/docker/ID/cpuacct.usage",
  "/sys/fs/cgroup/cpu,cpuacct/docker/ID/cpuacct.usage",
  "/sys/fs/cgroup/cpuacct/system.slice/docker-ID.scope/cpuacct.usage",
  "/sys/fs/cgroup/cpu,cpuacct/system.slice/docker-ID.scope/cpuacct.usage",
  "/sys/fs/cgroup/docker/ID/cpu.stat",
  "/sys/fs/cgroup/system.slice/docker-ID.scope/cpu.stat",
];

/**
 * The container's counter, read on this host when the engine runs here. Otherwise through `docker exec`, whose
 * own process (about 30 ms of CPU) runs in the container's cgroup and is counted: 0.05 % of a core per container
 * over a minute, which the host's file avoids.
 */
async function cpuCounter(container: string): Promise<CpuCounter> {
  const id = (await docker(["inspect", "--format", "{{.Id}}", container])).stdout.trim();
  const file = HOST_COUNTER_PATHS.map((path) => path.replace("ID", id)).find((path) => existsSync(path));
  if (file !== undefined) return async () => parseCpuCounter(readFileSync(file, "utf8"), file);
  const read = "cat /sys/fs/cgroup/cpu.stat 2>/dev/null || cat /sys/fs/cgroup/cpuacct/cpuacct.usage";
  return async () => parseCpuCounter((await docker(["exec", container, "sh", "-c", read])).stdout, container);
}

const ENGINE_PROCESS = /^(dockerd|containerd|containerd-shim.*)$/;

/** CPU time in clock ticks of the engine's processes and their reaped children (the execs), if visible. */
function engineTicks(): number | null {
  let ticks = 0;
  let seen = false;
  for (const pid of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      if (!ENGINE_PROCESS.test(name)) continue;
      // utime, stime, cutime, cstime: fields 14-17, counted after the command name's closing parenthesis.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
      seen = true;
    } catch {
      // The process ended while it was read.
    }
  }
  return seen ? ticks : null;
}

/** Linux's USER_HZ: /proc/<pid>/stat counts in hundredths of a second. */
const TICKS_PER_SECOND = 100;

/** Measures the named containers (and the engine) over `seconds`. */
export async function idleCpu(containers: readonly string[], seconds: number): Promise<IdleCpu> {
  const counters = await Promise.all(containers.map(cpuCounter));
  const before = await Promise.all(counters.map((read) => read()));
  const engineBefore = engineTicks();
  const started = process.hrtime.bigint();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const after = await Promise.all(counters.map((read) => read()));
  const engineAfter = engineTicks();
  const elapsedNs = Number(process.hrtime.bigint() - started);
  const percent = (ns: number) => round((ns / elapsedNs) * 100, 2);
  const used = containers.map((name, index) => [name, (after[index] ?? 0) - (before[index] ?? 0)] as const);
  const engine =
    engineBefore === null || engineAfter === null
      ? null
      : percent(((engineAfter - engineBefore) / TICKS_PER_SECOND) * 1e9);
  return {
    seconds,
    stackPercent: percent(used.reduce((sum, [, ns]) => sum + ns, 0)),
    containers: Object.fromEntries(used.map(([name, ns]) => [name, percent(ns)])),
    // A process that ended during the window takes its ticks away: never report less than nothing.
    enginePercent: engine === null ? null : Math.max(0, engine),
  };
}
