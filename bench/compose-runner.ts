/**
 * docker-compose 1.29 (Debian's package) driving the generated compose file. Compose 1.29 has no
 * `up --wait`, so it is emulated: `up -d`, then `docker inspect` of every container of the project
 * is polled until each service is ready the way `docker compose up --wait` means it: healthy when
 * it has a healthcheck, exited with 0 for a one-shot service (`restart: "no"`), running otherwise.
 */
import { READINESS_POLL_MS } from "../infra/cluster/readiness";
import { docker, dockerMaybe, hasCommand, run } from "../test/support/commands";

/** Installs Debian's docker-compose (1.29) when it is missing; returns its version line. */
export async function ensureDockerCompose(log: (line: string) => void): Promise<string> {
  if (!(await hasCommand("docker-compose"))) {
    log("docker-compose is missing: apt-get install -y docker-compose");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const install = () =>
      run("apt-get", ["install", "-y", "--no-install-recommends", "docker-compose"], {
        timeoutMs: 600_000,
        env,
        allowFailure: true,
      });
    if ((await install()).code !== 0) {
      await run("apt-get", ["update"], { timeoutMs: 300_000, env });
      const retried = await install();
      if (retried.code !== 0) throw new Error(`apt-get install docker-compose failed:\n${retried.stderr}`);
    }
  }
  const version = await run("docker-compose", ["version", "--short"], { timeoutMs: 60_000 });
  return version.stdout.trim();
}

interface ContainerState {
  service: string;
  status: string;
  health: string;
  exitCode: number;
  restartPolicy: string;
}

export class ComposeProject {
  constructor(
    readonly file: string,
    readonly name: string,
  ) {}

  private compose(args: readonly string[], timeoutMs: number) {
    return run("docker-compose", ["-f", this.file, "-p", this.name, ...args], { timeoutMs });
  }

  /** The state of every container of the project, by service. */
  async states(): Promise<ContainerState[]> {
    const ids = await docker(["ps", "-aq", "--filter", `label=com.docker.compose.project=${this.name}`]);
    const list = ids.stdout.split("\n").filter((id) => id.length > 0);
    if (list.length === 0) return [];
    const format = [
      '{{index .Config.Labels "com.docker.compose.service"}}',
      "{{.State.Status}}",
      "{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}",
      "{{.State.ExitCode}}",
      "{{.HostConfig.RestartPolicy.Name}}",
    ].join(" ");
    const inspected = await dockerMaybe(["inspect", "--format", format, ...list]);
    return inspected.stdout
      .split("\n")
      .filter((line) => line.length > 0)
      .map((line) => {
        const [service = "", status = "", health = "", exitCode = "0", restartPolicy = ""] = line.split(" ");
        return { service, status, health, exitCode: Number(exitCode), restartPolicy };
      });
  }

  /** Whether a container is ready in `docker compose up --wait`'s sense; throws when it never will be. */
  private static ready(state: ContainerState): boolean {
    const oneShot = state.restartPolicy === "no" || state.restartPolicy === "";
    if (state.status === "exited" && oneShot) {
      if (state.exitCode !== 0) throw new Error(`service ${state.service} exited with ${state.exitCode}`);
      return true;
    }
    if (state.health === "unhealthy") throw new Error(`service ${state.service} is unhealthy`);
    if (state.health !== "none") return state.health === "healthy";
    return state.status === "running";
  }

  /** `up -d` of `services` (all when empty) and their dependencies, without waiting for them. */
  async upDetached(services: readonly string[], timeoutMs = 300_000): Promise<void> {
    await this.compose(["up", "-d", "--no-build", "--no-color", ...services], timeoutMs);
  }

  /**
   * `up -d` of `services` (all when empty) and their dependencies, then polls until every
   * container of the project is ready; resolves with the seconds from the call to readiness.
   */
  async upAndWait(
    services: readonly string[],
    expected: readonly string[],
    timeoutMs: number,
  ): Promise<number> {
    const started = Date.now();
    await this.upDetached(services, timeoutMs);
    for (;;) {
      const states = await this.states();
      const seen = new Set(states.map((state) => state.service));
      const missing = expected.filter((service) => !seen.has(service));
      if (missing.length === 0 && states.every((state) => ComposeProject.ready(state))) {
        return (Date.now() - started) / 1000;
      }
      if (Date.now() - started > timeoutMs) {
        const waiting = states.filter((state) => !ComposeProject.ready(state)).map((state) => state.service);
        throw new Error(
          `compose services not ready after ${timeoutMs / 1000} s: ${[...missing, ...waiting]}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, READINESS_POLL_MS));
    }
  }

  /** `down -v --remove-orphans`; resolves with its seconds. */
  async down(timeoutMs = 180_000): Promise<number> {
    const started = Date.now();
    await this.compose(["down", "-v", "--remove-orphans"], timeoutMs);
    return (Date.now() - started) / 1000;
  }

  /** `down -v` that never throws, for cleanup. */
  async downQuietly(): Promise<void> {
    await run("docker-compose", ["-f", this.file, "-p", this.name, "down", "-v", "--remove-orphans"], {
      timeoutMs: 180_000,
      allowFailure: true,
    });
  }
}
