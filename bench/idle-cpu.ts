/**
 * What a settled stack costs while nothing happens: the CPU time each of its containers used over a window,
 * read from the container's own cgroup counter at both ends (`docker exec ... cat`, cgroup v2 or v1), as a
 * percentage of one core; and, where the engine runs on this host, the CPU of the engine's own processes
 * (dockerd, containerd and the shims, which run every healthcheck's exec) over the same window. The engine
 * serves every container on it, so its figure includes whatever else runs there.
 */
import { readdirSync, readFileSync } from "node:fs";
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

/** The container's CPU time so far in ns: cgroup v2's cpu.stat usage_usec, or cgroup v1's cpuacct.usage. */
async function cpuNanoseconds(container: string): Promise<number> {
  const read = "cat /sys/fs/cgroup/cpu.stat 2>/dev/null || cat /sys/fs/cgroup/cpuacct/cpuacct.usage";
  const { stdout } = await docker(["exec", container, "sh", "-c", read]);
  const usec = /^usage_usec (\d+)$/m.exec(stdout);
  const value = usec === null ? Number(stdout.trim()) : Number(usec[1]) * 1000;
  if (!Number.isFinite(value)) throw new Error(`${container}: no CPU counter in ${stdout.slice(0, 200)}`);
  return value;
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
  const before = await Promise.all(containers.map(cpuNanoseconds));
  const engineBefore = engineTicks();
  const started = process.hrtime.bigint();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const after = await Promise.all(containers.map(cpuNanoseconds));
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
