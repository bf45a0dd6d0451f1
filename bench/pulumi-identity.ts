/**
 * The Pulumi project and stack the benchmark stands in for. @pulumi/pulumi fixes getProject()
 * and getStack() from these environment variables the first time any of its code asks (loading
 * @pulumi/docker is enough), so this module must be imported before anything from infra/: every
 * bench module that renders names imports it first. The infra naming functions (stackScopedName,
 * stackLabels) then give each container, volume and network the name `pulumi up` would.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { load } from "js-yaml";

/** The repository root: the directory above bench/. */
export const REPO_ROOT = path.resolve(__dirname, "..");

function readProjectName(): string {
  const project = load(readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8")) as { name?: unknown };
  if (typeof project.name !== "string") throw new Error("Pulumi.yaml has no top-level name");
  return project.name;
}

/** The project name from Pulumi.yaml. */
export const BENCH_PROJECT = readProjectName();

/** The stack whose Pulumi.<stack>.yaml is benchmarked: BENCH_STACK, or `airgap` (no registry needed). */
export const BENCH_STACK = process.env.BENCH_STACK ?? "airgap";

process.env.PULUMI_NODEJS_PROJECT = BENCH_PROJECT;
process.env.PULUMI_NODEJS_STACK = BENCH_STACK;
