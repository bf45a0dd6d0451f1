/**
 * What each tool costs before it does anything of the stack's, measured side by side: `docker-compose up` of
 * one container against `pulumi up` of a program that declares the same container (the CLI, the nodejs
 * language host, the SDK and the docker plugin starting), and `pulumi up` of a program that declares nothing.
 * Both programs start the way the project's does (its code cache and deferred SDK modules), so the difference
 * is what no program of the project can remove, and the provisioning ratio can be read against it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { dump } from "js-yaml";
import { REPO_ROOT } from "../test/engine/pulumi-engine";
import { ComposeProject } from "./compose-runner";
import { BENCH_PROJECT } from "./pulumi-identity";
import { PulumiProvisioner } from "./pulumi-provision";
import { median, round } from "./report";

export interface ToolFloor {
  /** Medians over `runs` interleaved rounds, in seconds. */
  composeOneContainerS: number;
  pulumiOneContainerS: number;
  pulumiNothingS: number;
  runs: number;
}

const SERVICE = "floor";

/** The container both tools start: the image's own process replaced by a sleep. */
function floorContainer(image: string) {
  return { name: `${BENCH_PROJECT}-floor`, image, command: ["sleep", "3600"] };
}

/** The scratch Pulumi project and compose file, inside the clone so that Node resolves the SDK from it. */
function writeProjects(dir: string, image: string): string {
  const nodeArgs = ["compile-cache.cjs", "lazy-sdk-modules.cjs"]
    .map((file) => `--require ${path.join(REPO_ROOT, "infra", "pulumi", file)}`)
    .join(" ");
  const project = {
    name: `${BENCH_PROJECT}-floor`,
    runtime: { name: "nodejs", options: { typescript: false, nodeargs: nodeArgs } },
    main: "index.js",
  };
  writeFileSync(path.join(dir, "Pulumi.yaml"), dump(project));
  writeFileSync(
    path.join(dir, "index.js"),
    [
      "// Written by bench/pulumi-floor.ts: one container, or nothing in a stack whose name ends in -empty.",
      'const pulumi = require("@pulumi/pulumi");',
      'if (!pulumi.getStack().endsWith("-empty")) {',
      '  const docker = require("@pulumi/docker");',
      `  new docker.Container("floor", ${JSON.stringify(floorContainer(image))});`,
      "}",
      "",
    ].join("\n"),
  );
  const composeFile = path.join(dir, "compose.yml");
  const { name, ...service } = floorContainer(image);
  const services = { [SERVICE]: { container_name: name, ...service } };
  writeFileSync(composeFile, dump({ version: "2.4", services }));
  return composeFile;
}

/** `runs` interleaved rounds of compose up and down, pulumi up and destroy, and pulumi up of nothing. */
export async function toolFloor(image: string, runs: number): Promise<ToolFloor> {
  const scratch = path.join(REPO_ROOT, ".pulumi");
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(path.join(scratch, "floor-"));
  const compose = new ComposeProject(writeProjects(dir, image), `${BENCH_PROJECT}-floor`);
  const name = `floor-${Date.now().toString(36)}`;
  const oneContainer = await PulumiProvisioner.create(name, {}, dir);
  const nothing = await PulumiProvisioner.create(`${name}-empty`, {}, dir);
  const times = { compose: [] as number[], pulumi: [] as number[], nothing: [] as number[] };
  try {
    for (let index = 0; index < runs; index += 1) {
      times.compose.push(await compose.upAndWait([], [SERVICE], 60_000));
      await compose.down();
      times.pulumi.push((await oneContainer.up()).seconds);
      await oneContainer.destroy();
      times.nothing.push((await nothing.up()).seconds);
    }
  } finally {
    await compose.downQuietly();
    await oneContainer.remove();
    await nothing.remove();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    composeOneContainerS: round(median(times.compose)),
    pulumiOneContainerS: round(median(times.pulumi)),
    pulumiNothingS: round(median(times.nothing)),
    runs,
  };
}
