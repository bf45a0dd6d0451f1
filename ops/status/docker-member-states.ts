/**
 * MemberStates on Docker: each member is a container of the stack, read with `docker inspect` (state,
 * health, restart count, restart policy) and `docker logs` (its last structured line), through the
 * project's docker CLI helper.
 */
import { docker, lines } from "../../infra/docker/docker-cli";
import {
  lastLoggedEvent,
  LOG_TAIL_LINES,
  missingMember,
  type LoggedEvent,
  type MemberState,
  type MemberStates,
  type ProbeHealth,
  type RunState,
} from "./member-states";

/** The part of `docker inspect`'s answer the status reads. */
export interface InspectedContainer {
  Name: string;
  RestartCount: number;
  State: {
    Status: string;
    ExitCode: number;
    StartedAt: string;
    Health?: { Status: string };
  };
  HostConfig: { RestartPolicy?: { Name: string } };
  /** The healthcheck the container declares (`CMD`, then the probe's argv). */
  Config?: { Healthcheck?: { Test?: string[] } };
}

/** The year of Docker's zero time, which StartedAt holds for a container that never started. */
const NEVER_STARTED = "0001-";

function runState(container: InspectedContainer): RunState {
  const { Status, ExitCode } = container.State;
  if (Status === "running") return "running";
  if (Status === "restarting") return "restarting";
  // Docker starts an exited container again only under "always" or "unless-stopped", or "on-failure"
  // after a failure: one that exited 0 under any other policy is done, as a producer with a count is.
  const policy = container.HostConfig.RestartPolicy?.Name ?? "no";
  if (Status === "exited" && ExitCode === 0 && (policy === "no" || policy === "on-failure"))
    return "completed";
  return "stopped";
}

function probeHealth(container: InspectedContainer): ProbeHealth | undefined {
  const status = container.State.Health?.Status;
  if (container.State.Status !== "running") return undefined;
  return status === "healthy" || status === "starting" || status === "unhealthy" ? status : undefined;
}

/** One container's MemberState from its `docker inspect` entry. */
export function memberStateOf(container: InspectedContainer): MemberState {
  const startedAt = container.State.StartedAt;
  const exited = container.State.Status === "exited" || container.State.Status === "restarting";
  return {
    name: container.Name.replace(/^\//, ""),
    run: runState(container),
    health: probeHealth(container),
    restarts: container.RestartCount,
    startedAt: startedAt === "" || startedAt.startsWith(NEVER_STARTED) ? undefined : startedAt,
    exitCode: exited ? container.State.ExitCode : undefined,
  };
}

/**
 * Docker runs a server's probe only once a minute (infra/docker/healthcheck.ts), so its status reads `starting`
 * for a while after a start: then the probe the container declares is asked directly, as `pulumi up` does.
 */
async function askedWhileStarting(container: InspectedContainer, state: MemberState): Promise<MemberState> {
  const test = container.Config?.Healthcheck?.Test;
  if (state.health !== "starting" || test?.[0] !== "CMD") return state;
  const answered = await docker(["exec", state.name, ...test.slice(1)]).then(
    () => true,
    () => false,
  );
  return answered ? { ...state, health: "healthy" } : state;
}

export class DockerMemberStates implements MemberStates {
  async read(names: readonly string[]): Promise<Map<string, MemberState>> {
    const states = new Map(names.map((name) => [name, missingMember(name)]));
    if (names.length === 0) return states;
    // Exact names: Docker's name filter is a regular expression over "/<name>"; several filters are or-ed.
    const filters = names.flatMap((name) => ["--filter", `name=^/${name}$`]);
    const ids = lines(await docker(["ps", "-a", "-q", "--no-trunc", ...filters]));
    if (ids.length === 0) return states;
    const inspected = JSON.parse(await docker(["inspect", ...ids])) as InspectedContainer[];
    const read = await Promise.all(
      inspected.map((container) => askedWhileStarting(container, memberStateOf(container))),
    );
    for (const state of read) if (states.has(state.name)) states.set(state.name, state);
    return states;
  }

  async lastEvent(name: string): Promise<LoggedEvent | undefined> {
    const log = await docker(["logs", "--tail", String(LOG_TAIL_LINES), name]).catch(() => "");
    return lastLoggedEvent(log);
  }
}
