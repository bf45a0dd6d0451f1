/**
 * The Pulumi project and stack the benchmark stands in for: the compose file names its containers,
 * volumes and network with them as `pulumi up` would, so the two sides are comparable.
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
