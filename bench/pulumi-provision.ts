/**
 * The Pulumi side of the provisioning comparison: `pulumi up`, a no-change `pulumi up` and `pulumi destroy`
 * of the benchmarked stack's config, run as a user runs them (the real CLI and docker plugin, on a scratch
 * local backend the Automation API set up), timed from start to exit. Each run also records when every
 * resource finished, from the engine's event log, read while the command runs.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import type { EngineEvent, LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { imageTag } from "../infra/docker/identity";
import { dockerPluginUnavailableReason } from "../test/e2e/support/docker-plugin";
import { BENCH_PROJECT } from "./pulumi-identity";
import { projectStack, pulumiUnavailableReason } from "../test/engine/pulumi-engine";

const execFileAsync = promisify(execFile);

/** Seconds from the start of an operation until each resource (by name) was done. */
export type Timeline = Record<string, number>;

export interface TimedRun {
  seconds: number;
  timeline: Timeline;
}

/** Why the Pulumi side cannot be measured here (no CLI or plugin), with the fix; undefined when it can. */
export function pulumiSideUnavailable(): string | undefined {
  return pulumiUnavailableReason() ?? dockerPluginUnavailableReason();
}

function resourceName(urn: string): string {
  return urn.split("::").pop() ?? urn;
}

export class PulumiProvisioner {
  private constructor(
    private readonly stack: Stack,
    private readonly removeStack: () => Promise<void>,
  ) {}

  /**
   * A scratch stack of the project's program, or of the project in `workDir`, with `config` (keys without the
   * project prefix).
   */
  static async create(
    stackName: string,
    config: Record<string, string>,
    workDir?: string,
  ): Promise<PulumiProvisioner> {
    const unavailable = pulumiSideUnavailable();
    if (unavailable !== undefined) throw new Error(`the Pulumi side cannot be measured: ${unavailable}`);
    const { stack, remove } = await projectStack(stackName, workDir);
    const provisioner = new PulumiProvisioner(stack, remove);
    await provisioner.configure(config);
    return provisioner;
  }

  /** The stack's name, which its Docker objects carry in their `pulumi.stack` label. */
  get name(): string {
    return this.stack.name;
  }

  /** Sets config keys (without the project prefix) for the next `up`. */
  async configure(config: Record<string, string>): Promise<void> {
    await this.stack.setAllConfig(
      Object.fromEntries(Object.entries(config).map(([key, value]) => [`kafka-pulumi:${key}`, { value }])),
    );
  }

  /** A stack output of the last `up`. */
  async output(name: string): Promise<unknown> {
    return (await this.stack.outputs())[name]?.value;
  }

  up(): Promise<TimedRun> {
    return this.run(["up", "--yes", "--skip-preview"]);
  }

  /** A second `pulumi up`, which must change nothing. */
  async noopUp(): Promise<number> {
    return (await this.run(["up", "--yes", "--skip-preview", "--expect-no-changes"])).seconds;
  }

  destroy(): Promise<TimedRun> {
    return this.run(["destroy", "--yes", "--skip-preview"]);
  }

  /**
   * `pulumi ARGS` for this stack, timed from start to exit. The Automation API's own `up` also reads the
   * outputs and the history afterwards, which a user's `pulumi up` does not, so the CLI runs directly.
   */
  private async run(args: string[]): Promise<TimedRun> {
    const workspace = this.stack.workspace as LocalWorkspace;
    const dir = mkdtempSync(path.join(os.tmpdir(), "bench-events-"));
    const eventLog = path.join(dir, "events.jsonl");
    const started = Date.now();
    const timeline: Timeline = {};
    let read = 0;
    // Complete lines only; a finished resource is stamped when its event is first seen (within 100 ms).
    const readNew = () => {
      if (!existsSync(eventLog)) return;
      const text = readFileSync(eventLog, "utf8");
      const end = text.lastIndexOf("\n") + 1;
      for (const line of text.slice(read, end).split("\n")) {
        const urn = line === "" ? undefined : (JSON.parse(line) as EngineEvent).resOutputsEvent?.metadata.urn;
        if (urn !== undefined && !urn.endsWith("pulumi:pulumi:Stack")) {
          timeline[resourceName(urn)] = Math.round((Date.now() - started) / 100) / 10;
        }
      }
      read = end;
    };
    const poll = setInterval(readNew, 100);
    try {
      const command = [...args, "--stack", this.stack.name, "--non-interactive", "--event-log", eventLog];
      await execFileAsync(workspace.pulumiCommand.command, command, {
        cwd: workspace.workDir,
        // --event-log is one of the CLI's debug flags, as for the Automation API.
        env: { ...process.env, ...workspace.envVars, PULUMI_DEBUG_COMMANDS: "true" },
        maxBuffer: 64 * 1024 * 1024,
      });
      const seconds = (Date.now() - started) / 1000;
      readNew();
      return { seconds, timeline };
    } finally {
      clearInterval(poll);
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** Destroys what is left and removes the stack with its backend. */
  async remove(): Promise<void> {
    await this.stack.destroy().catch(() => undefined);
    await this.removeStack();
    // destroy keeps the app images it built, as compose down does; a scratch stack's are of no further use.
    const identity = { project: BENCH_PROJECT, stack: this.stack.name };
    const tags = ["producer", "consumer"].map((app) => imageTag(identity, app));
    await execFileAsync("docker", ["rmi", ...tags]).catch(() => undefined);
  }
}

/** The slowest finish time among the resources whose name matches, or undefined if none does. */
function latest(timeline: Timeline, pattern: RegExp): number | undefined {
  const times = Object.entries(timeline)
    .filter(([name]) => pattern.test(name))
    .map(([, seconds]) => seconds);
  return times.length === 0 ? undefined : Math.max(...times);
}

/**
 * An operation's timeline by stage, from the program's resource names: the network, the ZooKeeper and broker
 * containers, the brokers' readiness gate (healthy, in sync), the runtime settings, the topics, the app images and
 * containers, and the stack's teardown. For a destroy the times are when each was removed: the others' deletes
 * are skipped (they are deleted with the teardown), so the teardown's time is when the stack is gone.
 */
export function stageTimeline(timeline: Timeline): Record<string, number> {
  const stages: Record<string, number | undefined> = {
    network: latest(timeline, /^kafka-network$/),
    zookeeperStarted: latest(timeline, /^kafka-zookeeper-\d+$/),
    brokersStarted: latest(timeline, /^kafka-\d+$/),
    brokersReady: latest(timeline, /^kafka-ready$/),
    runtimeConfig: latest(timeline, /^kafka-runtime-config$/),
    topics: latest(timeline, /^kafka-topic-/),
    images: latest(timeline, /^apps-.*-image$/),
    apps: latest(timeline, /^apps-(producer|consumer)$/),
    teardown: latest(timeline, /^teardown$/),
  };
  return Object.fromEntries(
    Object.entries(stages).filter((entry): entry is [string, number] => entry[1] !== undefined),
  );
}
