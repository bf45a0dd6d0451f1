/**
 * What "ready" means for a server container: Docker reports its healthcheck healthy and, for brokers,
 * no partition has fewer in-sync replicas than replicas. Used by the readiness gates (in the Pulumi
 * process on the host) and by the end-to-end tests.
 */
import { docker, REVISION_LABEL } from "../docker/docker-cli";
import { withAdmin } from "../topics/admin";

/** How often readiness is checked; the bench's emulation of `compose up --wait` polls as often. */
export const READINESS_POLL_MS = 250;

/** How long `pulumi up` waits for a set of containers to be ready (readiness-gate.ts) before failing. */
export const WAIT_TIMEOUT_SECONDS = 300;

/**
 * Docker's health status of each container (`healthy`, `starting`, `unhealthy`, or `exited` when stopped);
 * `an older revision` when `revision` is given and the container carries another one.
 */
async function healthOf(containers: readonly string[], revision?: string): Promise<Record<string, string>> {
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

/** Partitions (topic-N) whose in-sync replicas are fewer than their replicas. */
export async function underReplicated(bootstrapServers: string): Promise<string[]> {
  return withAdmin(bootstrapServers, async (admin) => {
    const { topics } = await admin.fetchTopicMetadata({ topics: await admin.listTopics() });
    return topics.flatMap((topic) =>
      topic.partitions
        .filter((partition) => partition.isr.length < partition.replicas.length)
        .map((partition) => `${topic.name}-${partition.partitionId}`),
    );
  });
}

export interface ReadinessTarget {
  /** Docker names of the containers that must be healthy. */
  containers: string[];
  /** Host-side bootstrap list, when every partition must also be fully in sync. */
  bootstrapServers?: string;
  /** The `kafka-pulumi.revision` label the containers must carry (a replaced container is not ready before). */
  revision?: string;
  timeoutSeconds: number;
}

/** Waits until every container is healthy (and, with bootstrapServers, every ISR full); throws with what lags. */
export async function waitUntilReady(target: ReadinessTarget): Promise<void> {
  const deadline = Date.now() + target.timeoutSeconds * 1000;
  let lagging = "";
  while (Date.now() < deadline) {
    const health = await healthOf(target.containers, target.revision).catch((error: Error) => ({
      docker: error.message,
    }));
    const unhealthy = Object.entries(health).filter(([, status]) => status !== "healthy");
    if (unhealthy.length > 0) {
      lagging = unhealthy.map(([name, status]) => `${name} is ${status}`).join(", ");
    } else if (target.bootstrapServers !== undefined) {
      const partitions = await underReplicated(target.bootstrapServers).catch((error: Error) => [
        error.message,
      ]);
      if (partitions.length === 0) return;
      lagging = `under-replicated: ${partitions.join(", ")}`;
    } else {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, READINESS_POLL_MS));
  }
  throw new Error(`not ready after ${target.timeoutSeconds} s: ${lagging}`);
}
