/**
 * The `docker` CLI, for what the docker provider has no resource for (health and readiness checks, the
 * stack's teardown, the restart warning), and the labels it finds the stack's objects by. Imports only
 * Node built-ins: code that uses it is serialized into dynamic providers, and the Pulumi SDK would come along.
 */
import { execFile } from "node:child_process";
// Only a type: erased from the code that dynamic providers carry.
import type { DockerIdentity } from "./identity";

export const PROJECT_LABEL = "pulumi.project";
export const STACK_LABEL = "pulumi.stack";
/** The part a container or volume plays (identity.ts's Role). */
export const ROLE_LABEL = "kafka-pulumi.role";
/** A digest of everything a server container is created from (server-container.ts): a new value, a new container. */
export const REVISION_LABEL = "kafka-pulumi.revision";

/** `docker ARGS`' standard output. A plain callback: a promisified execFile captures native functions,
 * which cannot be serialized. */
export function docker(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("docker", args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout) =>
      error === null ? resolve(stdout) : reject(error),
    );
  });
}

/** `--filter label=...` arguments selecting one stack's objects, narrowed to `extra` labels (`name=value`). */
export function ownedBy(owner: DockerIdentity, ...extra: string[]): string[] {
  return [`${PROJECT_LABEL}=${owner.project}`, `${STACK_LABEL}=${owner.stack}`, ...extra].flatMap((label) => [
    "--filter",
    `label=${label}`,
  ]);
}

/** The non-empty lines of a command's output (ids or names). */
export function lines(output: string): string[] {
  return output.split("\n").filter((line) => line !== "");
}
