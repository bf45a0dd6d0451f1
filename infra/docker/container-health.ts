/**
 * Where a member's health comes from on Docker (the MemberHealth of cluster/readiness.ts): its container's
 * healthcheck status, and its revision label.
 */
import { docker, REVISION_LABEL } from "./docker-cli";

/**
 * Docker's health status of each container (`healthy`, `starting`, `unhealthy`, or `exited` when stopped);
 * `an older revision` when `revision` is given and the container carries another one.
 */
export async function containerHealth(
  containers: readonly string[],
  revision?: string,
): Promise<Record<string, string>> {
  const inspected = JSON.parse(await docker(["inspect", ...containers])) as {
    Name: string;
    State: { Status: string; Health?: { Status: string } };
    Config: { Labels: Record<string, string> | null };
  }[];
  return Object.fromEntries(
    inspected.map((c) => [
      c.Name.replace(/^\//, ""),
      revision !== undefined && c.Config.Labels?.[REVISION_LABEL] !== revision
        ? "an older revision"
        : (c.State.Health?.Status ?? c.State.Status),
    ]),
  );
}
