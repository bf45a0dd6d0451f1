/**
 * A probe (kafka/healthchecks.ts) as a Docker healthcheck, with the timing Docker needs.
 */
import type * as docker from "@pulumi/docker";

/** When Docker runs a healthcheck's probe, in Go's duration spelling. */
export interface ProbeTiming {
  interval: string;
  timeout: string;
  retries: number;
  startPeriod: string;
}

/**
 * Docker runs every probe as an exec into the container (about 0.1 s of CPU each), for the container's whole
 * life, so the program's servers are probed by Docker every 30 s, for `docker ps` and the status; `pulumi up`
 * asks the probe itself while it waits (container-health.ts). Docker 20.10 has no faster start interval, so
 * its status reads `starting` for the first 30 s. Durations are in Go's spelling (1m0s, not 60s), as the
 * provider reads them back, or every refresh drifts.
 */
export const PROBE_TIMING: ProbeTiming = { interval: "30s", timeout: "10s", retries: 3, startPeriod: "1m0s" };

/**
 * Timing for where Docker's health is what is waited for (compose's `service_healthy`, as the bench's compose
 * side does): Docker's first probe comes one interval after the start, so the interval is what a wait loses.
 */
export const WAITED_ON_PROBE_TIMING: ProbeTiming = {
  interval: "1s",
  timeout: "10s",
  retries: 30,
  startPeriod: "1m0s",
};

/** The container's healthcheck running `probe` (an argv) directly, without a shell around it. */
export function dockerHealthcheck(
  probe: readonly string[],
  timing: ProbeTiming = PROBE_TIMING,
): docker.types.input.ContainerHealthcheck {
  return { tests: ["CMD", ...probe], ...timing };
}
