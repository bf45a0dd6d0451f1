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
 * Docker runs every probe as an exec into the container (about 50 ms of the container's CPU each, most of it
 * the exec itself), for the container's whole life, so the program's servers are probed by Docker once a
 * minute, for `docker ps`; `pulumi up` asks the probe itself while it waits (container-health.ts), and so
 * does the status while Docker's reads `starting`: Docker 20.10 has no faster start interval. Durations are in
 * Go's spelling (1m0s, not 60s), as the provider reads them back, or every refresh drifts.
 */
export const PROBE_TIMING: ProbeTiming = {
  interval: "1m0s",
  timeout: "10s",
  retries: 3,
  startPeriod: "1m0s",
};

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
