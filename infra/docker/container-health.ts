/**
 * Where a member's health comes from on Docker (the MemberHealth of cluster/readiness.ts): its container runs at
 * the wanted revision and its probe answers now, asked by the caller rather than read from Docker's healthcheck
 * status. Docker 20.10 runs a healthcheck first one interval after the start, and every probe it runs costs an
 * exec (about 50 ms of CPU), so the program's healthchecks are rare (healthcheck.ts) and the waits ask directly.
 */
import { execFile } from "node:child_process";
import { brokerAnswers } from "./published-port-probe";
import { docker, REVISION_LABEL } from "./docker-cli";

/**
 * How a member is asked whether it serves: its probe command run in its container (`docker exec`), or, for a
 * broker whose listener is published on the host, the probe's ApiVersions request sent from the host to that
 * `host:port` (no exec, next to no CPU).
 */
export type MemberProbe = { exec: string[] } | { apiVersions: string };

/** How long one probe may take, as Docker's healthcheck timeout. */
const PROBE_TIMEOUT_MS = 10_000;
/** An exec probe is asked at most this often per member, as Docker's healthcheck used to: each costs CPU. */
const EXEC_PROBE_INTERVAL_MS = 1000;

interface InspectedContainer {
  Id: string;
  Name: string;
  State: { Status: string; StartedAt: string };
  Config: { Labels: Record<string, string> | null };
}

function execAnswers(container: string, command: readonly string[]): Promise<boolean> {
  return new Promise((resolve) => {
    execFile("docker", ["exec", container, ...command], { timeout: PROBE_TIMEOUT_MS }, (error) =>
      resolve(error === null),
    );
  });
}

/**
 * A MemberHealth over containers whose probes are given by name: `healthy` once the container runs at the
 * revision and its probe has answered since the container's process started, `not serving yet` while it runs
 * without an answer, `an older revision`, or Docker's state (`exited`, `restarting`, ...). Each returned function
 * remembers the answers it got, so a member that answered is not asked again until its process restarts, and
 * asks an exec probe at most once per EXEC_PROBE_INTERVAL_MS.
 */
export function probedHealth(
  probes: Readonly<Record<string, MemberProbe>>,
): (members: readonly string[], revision?: string) => Promise<Record<string, string>> {
  const answered = new Set<string>();
  const execAskedAt = new Map<string, number>();
  const answers = async (container: string, run: string, probe: MemberProbe): Promise<boolean> => {
    if (!("exec" in probe)) return brokerAnswers(probe.apiVersions, PROBE_TIMEOUT_MS);
    if (Date.now() - (execAskedAt.get(run) ?? 0) < EXEC_PROBE_INTERVAL_MS) return false;
    execAskedAt.set(run, Date.now());
    return execAnswers(container, probe.exec);
  };
  return async (members, revision) => {
    const inspected = JSON.parse(await docker(["inspect", ...members])) as InspectedContainer[];
    const states = await Promise.all(
      inspected.map(async (container): Promise<[string, string]> => {
        const name = container.Name.replace(/^\//, "");
        if (revision !== undefined && container.Config.Labels?.[REVISION_LABEL] !== revision)
          return [name, "an older revision"];
        if (container.State.Status !== "running") return [name, container.State.Status];
        const run = `${container.Id}@${container.State.StartedAt}`;
        const probe = probes[name];
        if (probe === undefined) throw new Error(`no probe for ${name}`);
        if (!answered.has(run) && (await answers(name, run, probe))) answered.add(run);
        return [name, answered.has(run) ? "healthy" : "not serving yet"];
      }),
    );
    return Object.fromEntries(states);
  };
}
