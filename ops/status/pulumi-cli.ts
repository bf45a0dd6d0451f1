/**
 * The Pulumi CLI as `npm run up` runs it, from the project's folder, for what the status reads of a stack:
 * its outputs and its config.
 */
import { execFile } from "node:child_process";
import path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "../..");

/** `pulumi ARGS`' standard output; rejects with the first line of what the CLI printed as its error. */
export function pulumi(args: string[]): Promise<string> {
  // Sourcing pulumi-env.sh keeps one definition of the CLI's environment (PATH, backend, passphrase).
  const script = '. scripts/pulumi-env.sh && exec pulumi "$@"';
  return new Promise((resolve, reject) => {
    execFile("bash", ["-c", script, "pulumi", ...args], { cwd: REPO_ROOT }, (error, stdout, stderr) => {
      if (error === null) return resolve(stdout);
      const detail = stderr.split("\n").find((line) => line.trim() !== "") ?? error.message;
      reject(new Error(detail.replace(/^error:\s*/, "").trim()));
    });
  });
}
