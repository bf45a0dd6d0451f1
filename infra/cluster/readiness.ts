/**
 * What "ready" means for the members of a server set, whatever runs them: every member reports healthy at
 * its current revision and, for brokers, every broker is registered and no partition has fewer in-sync
 * replicas than replicas. Where a member's health comes from is the platform's part
 * (docker/container-health.ts on Docker). Used by the readiness gates and rolling turns (in the Pulumi
 * process on the host) and by the end-to-end tests.
 */
import type { Admin } from "kafkajs";
import { withAdmin } from "../admin/admin-client";

/** How often readiness is checked; the bench's emulation of `compose up --wait` polls as often. */
export const READINESS_POLL_MS = 250;

/** How long `pulumi up` waits for a set of members to be ready (readiness-gate.ts) before failing. */
export const WAIT_TIMEOUT_SECONDS = 300;

/**
 * The health of each member by name: `healthy`, or what it is instead (`starting`, `exited`, `an older
 * revision` when `revision` is given and the member carries another one).
 */
export type MemberHealth = (members: readonly string[], revision?: string) => Promise<Record<string, string>>;

/** Partitions (topic-N) whose in-sync replicas are fewer than their replicas. */
async function partitionsUnderReplicated(admin: Admin): Promise<string[]> {
  const { topics } = await admin.fetchTopicMetadata({ topics: await admin.listTopics() });
  return topics.flatMap((topic) =>
    topic.partitions
      .filter((partition) => partition.isr.length < partition.replicas.length)
      .map((partition) => `${topic.name}-${partition.partitionId}`),
  );
}

/** The same, over an admin connection of its own. */
export function underReplicated(bootstrapServers: string): Promise<string[]> {
  return withAdmin(bootstrapServers, partitionsUnderReplicated);
}

/**
 * What keeps a broker set from serving its clients, over one admin connection: brokers of the bootstrap list
 * not registered with the cluster yet (a broker answers requests a moment before the controller lists it, in
 * KRaft, and admin calls addressed to it fail until then), then under-replicated partitions; undefined when none.
 * A broker can still drop out of the metadata for a moment afterwards: such calls retry (retryWhileBrokerMissing).
 */
function brokerSetLag(bootstrapServers: string): Promise<string | undefined> {
  return withAdmin(bootstrapServers, async (admin) => {
    const unregistered = bootstrapServers.split(",").length - (await admin.describeCluster()).brokers.length;
    if (unregistered > 0) return `${unregistered} broker(s) not registered with the cluster yet`;
    const partitions = await partitionsUnderReplicated(admin);
    return partitions.length === 0 ? undefined : `under-replicated: ${partitions.join(", ")}`;
  });
}

/**
 * Calls `lagging` every READINESS_POLL_MS until it reports nothing (undefined); after `timeoutSeconds`
 * throws with its last report. A check that throws counts as lagging, with its message as the report.
 */
export async function waitUntil(
  timeoutSeconds: number,
  lagging: () => Promise<string | undefined>,
): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let report = "";
  while (Date.now() < deadline) {
    const current = await lagging().catch((error: Error) => error.message);
    if (current === undefined) return;
    report = current;
    await new Promise((resolve) => setTimeout(resolve, READINESS_POLL_MS));
  }
  throw new Error(`not ready after ${timeoutSeconds} s: ${report}`);
}

export interface ReadinessTarget {
  /** The members that must be healthy, by the name their health source knows them by. */
  members: string[];
  /** Host-side bootstrap list, when every partition must also be fully in sync. */
  bootstrapServers?: string;
  /** The revision the members must carry (a replaced member is not ready before). */
  revision?: string;
  timeoutSeconds: number;
}

/** Waits until every member is healthy (and, with bootstrapServers, every ISR full); throws with what lags. */
export function waitUntilReady(target: ReadinessTarget, health: MemberHealth): Promise<void> {
  return waitUntil(target.timeoutSeconds, async () => {
    const states = await health(target.members, target.revision);
    const unhealthy = Object.entries(states).filter(([, state]) => state !== "healthy");
    if (unhealthy.length > 0) return unhealthy.map(([member, state]) => `${member} is ${state}`).join(", ");
    if (target.bootstrapServers === undefined) return undefined;
    return brokerSetLag(target.bootstrapServers);
  });
}
