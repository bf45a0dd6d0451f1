/**
 * The cluster as its brokers describe it through the admin API: the live brokers and the controller,
 * every topic's partitions (leader, replicas, in-sync replicas) and min.insync.replicas, every consumer
 * group's state, members and committed offsets, and the end offsets of the topics the groups read.
 * A part that cannot be read is recorded in `unreadable` rather than failing the whole view.
 */
import { createConnection } from "node:net";
import { AssignerProtocol, ConfigResourceTypes, logLevel, type Admin } from "kafkajs";
import { withAdmin } from "../../infra/admin/admin-client";

export interface PartitionView {
  partition: number;
  /** -1 when the partition has no leader. */
  leader: number;
  replicas: number[];
  isr: number[];
}

export interface TopicView {
  name: string;
  partitions: PartitionView[];
  minInsyncReplicas: number | undefined;
}

export interface GroupMemberView {
  memberId: string;
  clientId: string;
  host: string;
  /** Partitions assigned to the member, by topic. */
  assignment: Record<string, number[]>;
}

export interface GroupView {
  groupId: string;
  /** Kafka's group state: Stable, Empty, PreparingRebalance, CompletingRebalance, Dead. */
  state: string;
  members: GroupMemberView[];
  /** Committed offsets; partitions the group never committed are absent. */
  committed: { topic: string; partition: number; offset: number }[];
}

export interface ClusterView {
  clusterId: string;
  /** The controller the metadata names (in KRaft mode Kafka names any live broker there). */
  controller: number | undefined;
  brokers: { id: number; host: string; port: number }[];
  topics: TopicView[];
  groups: GroupView[];
  /** Log-end offset (high watermark) per partition of each topic a group reads. */
  endOffsets: Record<string, Record<number, number>>;
  /** What could not be read, e.g. `consumer groups: <error>`. */
  unreadable: string[];
}

/** How long one broker address may take to accept a TCP connection before it counts as not answering. */
const CONNECT_PROBE_MS = 1500;

/** The addresses of a bootstrap list that accept a TCP connection now. */
export async function answeringAddresses(bootstrapServers: string): Promise<string[]> {
  const probe = (address: string) =>
    new Promise<boolean>((resolve) => {
      const [host = "", port = ""] = address.split(/:(?=\d+$)/);
      const socket = createConnection({ host, port: Number(port), timeout: CONNECT_PROBE_MS });
      const done = (answered: boolean) => {
        socket.destroy();
        resolve(answered);
      };
      socket.once("connect", () => done(true));
      socket.once("timeout", () => done(false));
      socket.once("error", () => done(false));
    });
  const addresses = bootstrapServers.split(",");
  const answered = await Promise.all(addresses.map(probe));
  return addresses.filter((_, index) => answered[index]);
}

async function readTopics(admin: Admin): Promise<TopicView[]> {
  const { topics } = await admin.fetchTopicMetadata({ topics: await admin.listTopics() });
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: topics.map((topic) => ({
      type: ConfigResourceTypes.TOPIC,
      name: topic.name,
      configNames: ["min.insync.replicas"],
    })),
  });
  const minIsr = new Map(
    described.resources.map((resource) => [resource.resourceName, resource.configEntries[0]?.configValue]),
  );
  return topics
    .map((topic) => ({
      name: topic.name,
      minInsyncReplicas: minIsr.has(topic.name) ? Number(minIsr.get(topic.name)) : undefined,
      partitions: topic.partitions
        .map(({ partitionId, leader, replicas, isr }) => ({ partition: partitionId, leader, replicas, isr }))
        .sort((a, b) => a.partition - b.partition),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function assignmentOf(memberAssignment: Buffer): Record<string, number[]> {
  if (memberAssignment.length === 0) return {};
  return AssignerProtocol.MemberAssignment.decode(memberAssignment)?.assignment ?? {};
}

async function readGroups(admin: Admin): Promise<GroupView[]> {
  const { groups } = await admin.listGroups();
  const ids = groups.filter((group) => group.protocolType === "consumer").map((group) => group.groupId);
  if (ids.length === 0) return [];
  const described = await admin.describeGroups(ids);
  return Promise.all(
    described.groups.map(async (group) => {
      const offsets = await admin.fetchOffsets({ groupId: group.groupId });
      return {
        groupId: group.groupId,
        state: group.state,
        members: group.members.map((member) => ({
          memberId: member.memberId,
          clientId: member.clientId,
          host: member.clientHost.replace(/^\//, ""),
          assignment: assignmentOf(member.memberAssignment),
        })),
        committed: offsets.flatMap(({ topic, partitions }) =>
          partitions
            .filter((partition) => Number(partition.offset) >= 0)
            .map((partition) => ({
              topic,
              partition: partition.partition,
              offset: Number(partition.offset),
            })),
        ),
      };
    }),
  ).then((views) => views.sort((a, b) => a.groupId.localeCompare(b.groupId)));
}

/** The topics a group commits to or is assigned. */
function groupTopics(groups: GroupView[]): string[] {
  const topics = groups.flatMap((group) => [
    ...group.committed.map((offset) => offset.topic),
    ...group.members.flatMap((member) => Object.keys(member.assignment)),
  ]);
  return [...new Set(topics)].sort();
}

async function readEndOffsets(admin: Admin, topics: string[]): Promise<ClusterView["endOffsets"]> {
  const entries = await Promise.all(
    topics.map(async (topic) => {
      const offsets = await admin.fetchTopicOffsets(topic);
      return [topic, Object.fromEntries(offsets.map((o) => [o.partition, Number(o.high)]))] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** Runs one part of the read; a failure leaves `fallback` and a line in `unreadable`. */
async function part<T>(unreadable: string[], what: string, read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    unreadable.push(`${what}: ${(error as Error).message}`);
    return fallback;
  }
}

/** The status reads a cluster that may be degraded: kafkajs' own error lines would land in its output. */
const ADMIN_OPTIONS = { clientId: "kafka-pulumi-status", logLevel: logLevel.NOTHING };

/** Everything the status shows about the cluster, read through the brokers at `bootstrapServers`. */
export async function readCluster(bootstrapServers: string): Promise<ClusterView> {
  return withAdmin(
    bootstrapServers,
    async (admin) => {
      const unreadable: string[] = [];
      const cluster = await admin.describeCluster();
      const topics = await part(unreadable, "topics", () => readTopics(admin), []);
      const groups = await part(unreadable, "consumer groups", () => readGroups(admin), []);
      const endOffsets = await part(
        unreadable,
        "end offsets",
        () => readEndOffsets(admin, groupTopics(groups)),
        {},
      );
      return {
        clusterId: cluster.clusterId,
        controller: cluster.controller ?? undefined,
        brokers: cluster.brokers
          .map((broker) => ({ id: broker.nodeId, host: broker.host, port: broker.port }))
          .sort((a, b) => a.id - b.id),
        topics,
        groups,
        endOffsets,
        unreadable,
      };
    },
    ADMIN_OPTIONS,
  );
}
