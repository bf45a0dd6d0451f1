/**
 * `npm run status` as a user runs it, against an e2e stack: the stack's backend comes from the stack's
 * workspace environment, and the answer is the exit code, the output and (with --json) the parsed document.
 */
import { execFile, spawn } from "node:child_process";
import type { StatusDocument } from "../../../ops/status/json-renderer.js";
import { REPO_ROOT } from "../../engine/pulumi-engine.js";
import type { E2eStack } from "./e2e-stack.js";

export interface StatusRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run -s status -- STACK ARGS...` with the stack's backend; resolves whatever its exit code. */
export function runStatus(e2e: E2eStack, ...args: string[]): Promise<StatusRun> {
  const env = { ...process.env, ...e2e.stack.workspace.envVars };
  return new Promise((resolve) => {
    execFile(
      "npm",
      ["run", "-s", "status", "--", e2e.name, ...args],
      { cwd: REPO_ROOT, env, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The status as JSON, with its exit code. */
export async function statusDocument(e2e: E2eStack): Promise<{ code: number; document: StatusDocument }> {
  const run = await runStatus(e2e, "--json");
  try {
    return { code: run.code, document: JSON.parse(run.stdout) as StatusDocument };
  } catch {
    throw new Error(`npm run status --json gave no JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}

/** The total lag of one group, or undefined when the status does not list it. */
export function groupLag(document: StatusDocument, groupId: string): number | undefined {
  return document.report?.groups.find((group) => group.groupId === groupId)?.totalLag;
}

/**
 * `status --watch --json` for `durationMs`, then interrupted as a user does (SIGINT): the documents it printed
 * and its exit code. The entry point runs directly, so the signal reaches it without npm in between.
 */
export function watchStatus(
  e2e: E2eStack,
  durationMs: number,
): Promise<{ code: number | null; documents: StatusDocument[] }> {
  const env = { ...process.env, ...e2e.stack.workspace.envVars };
  const child = spawn("node", ["--import", "tsx", "ops/status/main.ts", e2e.name, "--watch", "--json"], {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  setTimeout(() => child.kill("SIGINT"), durationMs);
  return new Promise((resolve) => {
    child.on("exit", (code) => {
      const lines = output.split("\n").filter((line) => line !== "");
      resolve({ code, documents: lines.map((line) => JSON.parse(line) as StatusDocument) });
    });
  });
}
