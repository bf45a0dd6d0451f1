/**
 * The Pulumi project and stack the benchmark stands in for. @pulumi/pulumi fixes getProject()
 * and getStack() from these environment variables the first time any of its code asks (loading
 * @pulumi/docker is enough), so this module must be imported before anything from infra/: every
 * bench module that renders names imports it first. The infra naming functions (stackScopedName,
 * stackLabels) then give each container, volume and network the name `pulumi up` would.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { readProjectName } from "./yaml";

/** The repository root: the directory above bench/. */
export const REPO_ROOT = path.resolve(__dirname, "..");

/** The project name from Pulumi.yaml. */
export const BENCH_PROJECT = readProjectName(readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8"));

/** The stack whose Pulumi.<stack>.yaml is benchmarked: BENCH_STACK, or `airgap` (no registry needed). */
export const BENCH_STACK = process.env.BENCH_STACK ?? "airgap";

process.env.PULUMI_NODEJS_PROJECT = BENCH_PROJECT;
process.env.PULUMI_NODEJS_STACK = BENCH_STACK;
