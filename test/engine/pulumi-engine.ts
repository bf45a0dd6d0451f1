/**
 * Ephemeral Pulumi stacks for the engine tests: the real CLI that `npm run toolchain` installs, a local file
 * backend in a temporary directory, no update checks, no plugin downloads and an empty passphrase, driven
 * through the Automation API with an inline program.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { LocalWorkspace, PulumiCommand, type PulumiFn, type Stack } from "@pulumi/pulumi/automation";

export const REPO_ROOT = path.resolve(__dirname, "../..");
const PULUMI_HOME = process.env.PULUMI_HOME ?? path.join(os.homedir(), ".pulumi");

/** Why the engine tests cannot run here, or undefined when a Pulumi CLI answers. */
export function pulumiUnavailableReason(): string | undefined {
  try {
    execFileSync(path.join(PULUMI_HOME, "bin", "pulumi"), ["version"], { stdio: "pipe", timeout: 30_000 });
    return undefined;
  } catch (error) {
    return `no Pulumi CLI in ${path.join(PULUMI_HOME, "bin")} (${(error as Error).message.split("\n")[0]}); install it with 'npm run toolchain'`;
  }
}

/** One stack on its own local backend; `remove()` deletes the stack and the backend directory. */
export interface EphemeralStack {
  stack: Stack;
  remove(): Promise<void>;
}

/** A fresh local backend in the clone's git-ignored .pulumi/ and the environment that points the CLI at it. */
function scratchBackend(): { dir: string; envVars: Record<string, string> } {
  // Inside the clone, so the dynamic provider resolves @pulumi/pulumi from node_modules.
  const scratch = path.join(REPO_ROOT, ".pulumi");
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(path.join(scratch, "engine-test-"));
  mkdirSync(path.join(dir, "state"));
  const envVars = {
    PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: "",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_HOME,
    PATH: `${path.join(PULUMI_HOME, "bin")}${path.delimiter}${process.env.PATH ?? ""}`,
  };
  return { dir, envVars };
}

function removal(stack: Stack, dir: string): () => Promise<void> {
  return async () => {
    await stack.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
}

/** A stack of an inline program, in a scratch project. */
export async function inlineStack(stackName: string, program: PulumiFn): Promise<EphemeralStack> {
  const { dir, envVars } = scratchBackend();
  const projectName = "kafka-pulumi-engine-test";
  const stack = await LocalWorkspace.createStack(
    { stackName, projectName, program },
    {
      workDir: dir,
      pulumiCommand: await PulumiCommand.get({ root: PULUMI_HOME }),
      projectSettings: { name: projectName, runtime: "nodejs" },
      envVars,
    },
  );
  return { stack, remove: removal(stack, dir) };
}

/**
 * A stack of the project's own program (Pulumi.yaml at the root), or of the project in `workDir`; its stack
 * file is removed with it.
 */
export async function projectStack(stackName: string, workDir = REPO_ROOT): Promise<EphemeralStack> {
  const { dir, envVars } = scratchBackend();
  const stack = await LocalWorkspace.createStack(
    { stackName, workDir },
    { pulumiCommand: await PulumiCommand.get({ root: PULUMI_HOME }), envVars },
  );
  const remove = removal(stack, dir);
  return {
    stack,
    async remove() {
      await remove();
      rmSync(path.join(workDir, `Pulumi.${stackName}.yaml`), { force: true });
    },
  };
}
