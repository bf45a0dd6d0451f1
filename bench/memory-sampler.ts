/**
 * Peak memory per container while the benchmark runs: `docker stats --no-stream` sampled about
 * once a second in the background (a sample itself takes a moment, so the loop waits only for
 * the rest of the second). Containers are keyed by name; short-lived ones appear when a sample
 * caught them.
 */
import { run } from "../test/support/commands";

const UNITS: Record<string, number> = {
  B: 1 / 1024 ** 2,
  KiB: 1 / 1024,
  kB: 1000 / 1024 ** 2,
  MiB: 1,
  MB: 1000 ** 2 / 1024 ** 2,
  GiB: 1024,
  GB: 1000 ** 3 / 1024 ** 2,
};

/** `512.3MiB / 1GiB` -> 512.3 (MiB in use); undefined when unreadable. */
export function parseMemUsage(text: string): number | undefined {
  const match = /^\s*([\d.]+)\s*([A-Za-z]+)\s*\//.exec(text);
  if (match === null) return undefined;
  const factor = UNITS[match[2] ?? ""];
  const value = Number(match[1]);
  return factor === undefined || Number.isNaN(value) ? undefined : value * factor;
}

export class MemorySampler {
  private readonly peaks = new Map<string, number>();
  private running = false;
  private loop: Promise<void> | undefined;
  samples = 0;

  /** Only containers whose name passes `include` are recorded. */
  constructor(private readonly include: (name: string) => boolean) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.sampleLoop();
  }

  private async sampleLoop(): Promise<void> {
    while (this.running) {
      const started = Date.now();
      const stats = await run("docker", ["stats", "--no-stream", "--format", "{{.Name}} {{.MemUsage}}"], {
        timeoutMs: 20_000,
        allowFailure: true,
      }).catch(() => undefined);
      for (const line of stats?.stdout.split("\n") ?? []) {
        const space = line.indexOf(" ");
        if (space <= 0) continue;
        const name = line.slice(0, space);
        const mib = parseMemUsage(line.slice(space + 1));
        if (mib === undefined || !this.include(name)) continue;
        this.peaks.set(name, Math.max(this.peaks.get(name) ?? 0, mib));
      }
      this.samples += 1;
      const rest = 1000 - (Date.now() - started);
      if (rest > 0 && this.running) await new Promise((resolve) => setTimeout(resolve, rest));
    }
  }

  /** Stops sampling (after the sample in flight). */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Peak MiB per container, rounded to 0.1, by name. */
  peakMiB(): Record<string, number> {
    const sorted = [...this.peaks.entries()].sort(([a], [b]) => a.localeCompare(b));
    return Object.fromEntries(sorted.map(([name, mib]) => [name, Math.round(mib * 10) / 10]));
  }
}
