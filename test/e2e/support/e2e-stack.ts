/**
 * A stack of the project's own program for the end-to-end suite: the real Pulumi CLI and docker plugin, a
 * scratch local backend, the air-gapped images, and one progress line per stage with its duration.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ConfigMap, OutputMap, Stack, UpResult } from "@pulumi/pulumi/automation";
import yaml from "js-yaml";
import type { DockerIdentity } from "../../../infra/docker/identity.js";
import { projectStack, pulumiUnavailableReason, REPO_ROOT } from "../../engine/pulumi-engine.js";
import { dockerUnavailableReason } from "../../support/commands.js";
import { ensureAirgapImages } from "../../support/airgap-images.js";
import { dockerPluginUnavailableReason } from "./docker-plugin.js";

const PROJECT = "kafka-pulumi";
const suiteStarted = Date.now();

/** Why the suite cannot run here (no Docker, CLI or plugin), or undefined. */
export function e2eUnavailableReason(): string | undefined {
  return dockerUnavailableReason() ?? pulumiUnavailableReason() ?? dockerPluginUnavailableReason();
}

/** Under CI a missing part fails every case; elsewhere the cases are reported as skipped. */
export function e2eSkip(): string | false {
  const reason = e2eUnavailableReason();
  return reason !== undefined && process.env.CI !== "true" ? reason : false;
}

/** Runs one stage and prints `[e2e  <since start>] <name>: <duration>`. */
export async function stage<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const since = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
  try {
    const result = await fn();
    console.log(
      `[e2e ${since(Date.now() - suiteStarted).padStart(7)}] ${name}: ${since(Date.now() - started)}`,
    );
    return result;
  } catch (error) {
    console.log(
      `[e2e ${since(Date.now() - suiteStarted).padStart(7)}] ${name}: FAILED after ${since(Date.now() - started)}`,
    );
    throw error;
  }
}

/** The `kafka-pulumi:` keys of a stack file shipped with the project, as plain strings. */
export function shippedStackConfig(stack: string): Record<string, string> {
  const file = yaml.load(readFileSync(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`), "utf8")) as {
    config: Record<string, unknown>;
  };
  return Object.fromEntries(
    Object.entries(file.config).map(([key, value]) => [key.replace(`${PROJECT}:`, ""), String(value)]),
  );
}

export type ChangeSummary = Record<string, number>;

/** Resource operations of an update other than `same`, e.g. `{ replace: 3 }`. */
export function changes(result: UpResult): ChangeSummary {
  const summary = { ...(result.summary.resourceChanges ?? {}) };
  delete summary["same"];
  return summary;
}

export class E2eStack {
  private constructor(
    readonly stack: Stack,
    private readonly removeStack: () => Promise<void>,
  ) {}

  /** A new, empty stack `e2e-<name>-<id>` with the given settings (keys without the project prefix). */
  static async create(name: string, settings: Record<string, string>): Promise<E2eStack> {
    assert.equal(
      e2eUnavailableReason(),
      undefined,
      "the end-to-end suite needs Docker, the Pulumi CLI and the docker plugin",
    );
    await stage("images/build.sh (air-gapped images)", ensureAirgapImages);
    const stackName = `e2e-${name}-${Date.now().toString(36)}`;
    const { stack, remove } = await projectStack(stackName);
    const e2e = new E2eStack(stack, remove);
    await e2e.configure(settings);
    return e2e;
  }

  get name(): string {
    return this.stack.name;
  }

  /** The project and stack its Docker objects and images are named after. */
  get identity(): DockerIdentity {
    return { project: PROJECT, stack: this.stack.name };
  }

  /** Sets these keys (without the project prefix), leaving the others as they are. */
  async configure(settings: Record<string, string>): Promise<void> {
    const config: ConfigMap = Object.fromEntries(
      Object.entries(settings).map(([key, value]) => [`${PROJECT}:${key}`, { value }]),
    );
    await this.stack.setAllConfig(config);
  }

  /** `pulumi up` (with `--refresh` when asked); fails with the CLI's output when the update fails. */
  async up(options: { refresh?: boolean; expectNoChanges?: boolean } = {}): Promise<UpResult> {
    const lines: string[] = [];
    try {
      return await this.stack.up({ ...options, onOutput: (line) => lines.push(line) });
    } catch (error) {
      throw new Error(
        `pulumi up failed:\n${lines.join("").slice(-6000)}\n${(error as Error).message.slice(-3000)}`,
      );
    }
  }

  async outputs(): Promise<Record<string, unknown>> {
    const outputs: OutputMap = await this.stack.outputs();
    return Object.fromEntries(Object.entries(outputs).map(([key, output]) => [key, output.value]));
  }

  async output<T>(key: string): Promise<T> {
    const value = (await this.outputs())[key];
    assert.notEqual(value, undefined, `stack output ${key}`);
    return value as T;
  }

  async destroy(): Promise<void> {
    const lines: string[] = [];
    try {
      await this.stack.destroy({ onOutput: (line) => lines.push(line) });
    } catch (error) {
      throw new Error(
        `pulumi destroy failed:\n${lines.join("").slice(-6000)}\n${(error as Error).message.slice(-3000)}`,
      );
    }
  }

  /** Destroys whatever is left and removes the stack and its backend. */
  async remove(): Promise<void> {
    await this.destroy().catch((error: Error) => console.log(error.message));
    await this.removeStack();
  }
}
