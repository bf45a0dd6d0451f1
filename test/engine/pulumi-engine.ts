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

const REPO_ROOT = path.resolve(__dirname, "../..");
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

export async function ephemeralStack(stackName: string, program: PulumiFn): Promise<EphemeralStack> {
  // Inside the clone (git-ignored), so the dynamic provider resolves @pulumi/pulumi from node_modules.
  const scratch = path.join(REPO_ROOT, ".pulumi");
  mkdirSync(scratch, { recursive: true });
  const workDir = mkdtempSync(path.join(scratch, "engine-test-"));
  const backend = path.join(workDir, "state");
  mkdirSync(backend);
  const pulumiCommand = await PulumiCommand.get({ root: PULUMI_HOME });
  const stack = await LocalWorkspace.createStack(
    { stackName, projectName: "kafka-pulumi-engine-test", program },
    {
      workDir,
      pulumiCommand,
      projectSettings: {
        name: "kafka-pulumi-engine-test",
        runtime: "nodejs",
        backend: { url: `file://${backend}` },
      },
      envVars: {
        PULUMI_CONFIG_PASSPHRASE: "",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_HOME,
        PATH: `${path.join(PULUMI_HOME, "bin")}${path.delimiter}${process.env.PATH ?? ""}`,
      },
    },
  );
  return {
    stack,
    async remove() {
      await stack.workspace.removeStack(stackName).catch(() => undefined);
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
