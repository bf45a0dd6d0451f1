/**
 * A probe (kafka/healthchecks.ts) as a Docker healthcheck, with the timing Docker needs.
 */
import type * as docker from "@pulumi/docker";

/**
 * Docker 20.10 runs the first probe one `interval` after the start and has no faster start interval, so
 * the interval is what waiting for "healthy" loses at most; the probes cost milliseconds, so 1 s is cheap.
 * Durations are in Go's spelling (1m0s, not 60s), as the provider reads them back, or every refresh drifts.
 */
export const PROBE_TIMING = { interval: "1s", timeout: "10s", retries: 30, startPeriod: "1m0s" } as const;

/** The container's healthcheck running `probe` (an argv) directly, without a shell around it. */
export function dockerHealthcheck(probe: readonly string[]): docker.types.input.ContainerHealthcheck {
  return { tests: ["CMD", ...probe], ...PROBE_TIMING };
}
