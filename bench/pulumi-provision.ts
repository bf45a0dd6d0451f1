/**
 * The Pulumi side of the provisioning comparison: `pulumi up`, a no-change `pulumi up` and `pulumi destroy`
 * of the benchmarked stack's config, through the Automation API with the real CLI and docker plugin on a
 * scratch local backend. Each run also records when every resource finished, from the engine's events.
 */
import type { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import { dockerPluginUnavailableReason } from "../test/e2e/support/docker-plugin";
import { projectStack, pulumiUnavailableReason } from "../test/engine/pulumi-engine";

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

/** Runs `operation` with an event handler that stamps each finished resource, and times the whole. */
async function timed(
  operation: (onEvent: (event: EngineEvent) => void) => Promise<unknown>,
): Promise<TimedRun> {
  const started = Date.now();
  const timeline: Timeline = {};
  await operation((event) => {
    const urn = event.resOutputsEvent?.metadata.urn;
    if (urn !== undefined && !urn.endsWith("pulumi:pulumi:Stack")) {
      timeline[resourceName(urn)] = Math.round((Date.now() - started) / 100) / 10;
    }
  });
  return { seconds: (Date.now() - started) / 1000, timeline };
}

export class PulumiProvisioner {
  private constructor(
    private readonly stack: Stack,
    private readonly removeStack: () => Promise<void>,
  ) {}

  /** A scratch stack of the project's program with `config` (keys without the project prefix). */
  static async create(stackName: string, config: Record<string, string>): Promise<PulumiProvisioner> {
    const unavailable = pulumiSideUnavailable();
    if (unavailable !== undefined) throw new Error(`the Pulumi side cannot be measured: ${unavailable}`);
    const { stack, remove } = await projectStack(stackName);
    const provisioner = new PulumiProvisioner(stack, remove);
    await provisioner.configure(config);
    return provisioner;
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
    return timed((onEvent) => this.stack.up({ onEvent }));
  }

  /** A second `pulumi up`, which must change nothing. */
  async noopUp(): Promise<number> {
    return (await timed((onEvent) => this.stack.up({ onEvent, expectNoChanges: true }))).seconds;
  }

  destroy(): Promise<TimedRun> {
    return timed((onEvent) => this.stack.destroy({ onEvent }));
  }

  /** Destroys what is left and removes the stack with its backend. */
  async remove(): Promise<void> {
    await this.stack.destroy().catch(() => undefined);
    await this.removeStack();
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
 * containers, their readiness gates (healthy, in sync), the runtime settings, the topics, the app images and
 * containers. For a destroy the times are when each was removed.
 */
export function stageTimeline(timeline: Timeline): Record<string, number> {
  const stages: Record<string, number | undefined> = {
    network: latest(timeline, /^kafka-network$/),
    zookeeperStarted: latest(timeline, /^kafka-zookeeper-\d+$/),
    brokersStarted: latest(timeline, /^kafka-\d+$/),
    zookeeperReady: latest(timeline, /^kafka-zookeeper-ready$/),
    brokersReady: latest(timeline, /^kafka-ready$/),
    runtimeConfig: latest(timeline, /^kafka-runtime-config$/),
    topics: latest(timeline, /^kafka-topic-/),
    images: latest(timeline, /^apps-.*-image$/),
    apps: latest(timeline, /^apps-(producer|consumer)$/),
  };
  return Object.fromEntries(
    Object.entries(stages).filter((entry): entry is [string, number] => entry[1] !== undefined),
  );
}
