/**
 * The stack the benchmark reproduces: Pulumi.<stack>.yaml read as `pulumi config` hands it to
 * the program (project prefix stripped) and checked by the program's own validateConfig.
 */
import { BENCH_PROJECT, BENCH_STACK, REPO_ROOT } from "./pulumi-identity";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { FAILSAFE_SCHEMA, load } from "js-yaml";
import { validateConfig, type StackSettings } from "../infra/config";

/**
 * The `config:` block of a stack file as key/value strings, the way `pulumi config` hands them to
 * the program: the failsafe schema keeps numbers and booleans as text. Only scalar values are
 * supported; anything else is reported rather than misread.
 */
export function readStackConfig(text: string, file: string): Record<string, string> {
  const { config = {} } = load(text, { schema: FAILSAFE_SCHEMA, filename: file }) as { config?: object };
  return Object.fromEntries(
    Object.entries(config).map(([name, value]: [string, unknown]) => {
      if (typeof value !== "string")
        throw new Error(`${file}: ${name} is not a scalar; only scalars are read`);
      return [name, value];
    }),
  );
}

export interface BenchStack {
  project: string;
  stack: string;
  /** The raw config after prefix stripping and overrides, as validated. */
  raw: Record<string, string>;
  settings: StackSettings;
}

/**
 * Reads and validates the stack's config. `overrides` replace raw keys before validation (the
 * benchmark uses it only to move the host ports when the configured ones are taken), so they are
 * checked by the same rules as the file's values.
 */
export function loadBenchStack(overrides: Record<string, string> = {}): BenchStack {
  const fileName = `Pulumi.${BENCH_STACK}.yaml`;
  const file = readStackConfig(readFileSync(path.join(REPO_ROOT, fileName), "utf8"), fileName);
  const prefix = `${BENCH_PROJECT}:`;
  const raw: Record<string, string> = {};
  for (const [name, value] of Object.entries(file)) {
    if (!name.startsWith(prefix)) throw new Error(`Pulumi.${BENCH_STACK}.yaml: ${name} is not in ${prefix}`);
    raw[name.slice(prefix.length)] = value;
  }
  Object.assign(raw, overrides);
  return { project: BENCH_PROJECT, stack: BENCH_STACK, raw, settings: validateConfig(raw) };
}
