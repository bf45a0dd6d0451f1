/**
 * What the Docker engine holds for one stack, found by the labels the program puts on everything it creates:
 * containers with their state and health, volumes and networks, and the apps' structured log lines.
 */
import assert from "node:assert/strict";
import { probedHealth, type MemberProbe } from "../../../infra/docker/container-health.js";
import { ROLE_LABEL, STACK_LABEL } from "../../../infra/docker/docker-cli.js";
import { brokerProbe, zookeeperProbe } from "../../../infra/kafka/healthchecks.js";
import { docker, dockerExitCode } from "../../support/commands.js";

export interface ContainerState {
  name: string;
  id: string;
  status: string;
  /** Docker's healthcheck status: its probe runs once a minute, so it reads `starting` for a while after a start. */
  health: string | undefined;
  /** The part the container plays (`broker`, `zookeeper`, `producer`, ...). */
  role: string | undefined;
  /** When the container's process last started (ms since the epoch). */
  startedAt: number;
  restartCount: number;
}

async function labelled(kind: "container" | "volume" | "network", stack: string): Promise<string[]> {
  const filter = ["--filter", `label=${STACK_LABEL}=${stack}`];
  const command = kind === "container" ? ["ps", "-a", "-q", ...filter] : [kind, "ls", "-q", ...filter];
  const { stdout } = await docker(command);
  return stdout.split("\n").filter((line) => line.trim() !== "");
}

/** Every container, volume and network that carries the stack's label. */
export async function stackObjects(
  stack: string,
): Promise<{ containers: string[]; volumes: string[]; networks: string[] }> {
  return {
    containers: await labelled("container", stack),
    volumes: await labelled("volume", stack),
    networks: await labelled("network", stack),
  };
}

/** Name, id, status and health of the stack's containers, keyed by name. */
export async function containerStates(stack: string): Promise<Map<string, ContainerState>> {
  const ids = await labelled("container", stack);
  if (ids.length === 0) return new Map();
  const { stdout } = await docker(["inspect", ...ids]);
  const inspected = JSON.parse(stdout) as {
    Name: string;
    Id: string;
    RestartCount: number;
    State: { Status: string; Health?: { Status: string }; StartedAt: string };
    Config: { Labels: Record<string, string> | null };
  }[];
  const states = inspected.map((container) => ({
    name: container.Name.replace(/^\//, ""),
    id: container.Id,
    status: container.State.Status,
    health: container.State.Health?.Status,
    role: container.Config.Labels?.[ROLE_LABEL],
    startedAt: Date.parse(container.State.StartedAt),
    restartCount: container.RestartCount,
  }));
  return new Map(states.map((state) => [state.name, state]));
}

/** Each named server container's probe, by its role: a broker's or ZooKeeper's, run in the container. */
export function serverProbes(
  states: Map<string, ContainerState>,
  names: string[],
): Record<string, MemberProbe> {
  return Object.fromEntries(
    names.map((name) => [
      name,
      { exec: states.get(name)?.role === "broker" ? brokerProbe() : zookeeperProbe() },
    ]),
  );
}

/**
 * The health of the named server containers (brokers, ZooKeeper nodes) as `pulumi up`'s readiness checks see
 * it: `healthy` when the container runs and its probe answers now, else what it is instead.
 */
export async function serverHealth(states: Map<string, ContainerState>, names: string[]) {
  return probedHealth(serverProbes(states, names))(names);
}

/** Asserts that every named container runs, and that each broker and ZooKeeper node answers its probe. */
export async function assertRunningAndHealthy(stack: string, names: string[]): Promise<void> {
  const states = await containerStates(stack);
  for (const name of names) {
    const state = states.get(name);
    assert.ok(state, `container ${name} exists`);
    assert.equal(state.status, "running", `${name} runs`);
  }
  const servers = names.filter((name) => ["broker", "zookeeper"].includes(states.get(name)?.role ?? ""));
  const health = await serverHealth(states, servers);
  for (const name of servers) assert.equal(health[name], "healthy", `${name} answers its probe`);
}

/** The JSON log lines of a container (stdout and stderr). */
export async function jsonLogLines(container: string): Promise<Record<string, unknown>[]> {
  const { stdout, stderr } = await docker(["logs", container]);
  return `${stdout}\n${stderr}`.split("\n").flatMap((line) => {
    if (!line.startsWith("{")) return [];
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

/** Polls until `check` holds or the time is up; resolves to its last value. */
export async function eventually<T>(
  check: () => Promise<T>,
  holds: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await check();
  while (!holds(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    value = await check();
  }
  return value;
}

/**
 * Removes whatever the stack left on the engine (after a failed case), so later cases start clean, and
 * the app images built for it (destroy keeps built images, as `docker compose down` does).
 */
export async function removeStackObjects(stack: string): Promise<void> {
  const { containers, volumes, networks } = await stackObjects(stack);
  for (const container of containers) await dockerExitCode(["rm", "-f", container]);
  for (const volume of volumes) await dockerExitCode(["volume", "rm", "-f", volume]);
  for (const network of networks) await dockerExitCode(["network", "rm", network]);
  for (const app of ["producer", "consumer"]) await dockerExitCode(["rmi", `kafka-pulumi/${app}:${stack}`]);
}
