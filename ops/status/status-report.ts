/**
 * The status of one stack, assembled from the stack view (its outputs), the cluster view (admin API) and the members'
 * states (platform): what the renderers print and the verdict judges. Pure, so it is tested over fixed inputs.
 */
import type { ClusterView } from "./cluster-reader";
import type { LoggedEvent, MemberState } from "./member-states";
import type { StackView } from "./stack-outputs";

/** healthy: registered and its probe passes; starting: runs but does not serve yet; down: not running. */
export type ServerState = "healthy" | "starting" | "down";

export interface BrokerStatus {
  id: number;
  member: string;
  state: ServerState;
  /** The address clients on the host use (its advertised EXTERNAL listener). */
  address: string;
  controller: boolean;
  /** Partitions it leads, and partitions it holds a replica of without leading them. */
  led: number;
  followed: number;
  restarts: number;
}

export interface ZookeeperStatus {
  member: string;
  state: ServerState;
  restarts: number;
}

export interface TopicStatus {
  name: string;
  partitions: number;
  replicationFactor: number;
  minInsyncReplicas: number | undefined;
  /** Partitions with fewer in-sync replicas than replicas. */
  underReplicated: number[];
  /** Partitions without a live leader. */
  offline: number[];
}

export interface PartitionLag {
  topic: string;
  partition: number;
  /** Undefined when the group has not committed an offset for the partition. */
  committed: number | undefined;
  end: number | undefined;
  lag: number | undefined;
  /** The client id of the member the partition is assigned to. */
  member: string | undefined;
}

export interface GroupStatus {
  groupId: string;
  state: string;
  members: number;
  partitions: PartitionLag[];
  totalLag: number;
}

export type AppRole = "producer" | "consumer";

export interface AppStatus {
  role: AppRole;
  member: string;
  run: MemberState["run"];
  restarts: number;
  lastEvent: LoggedEvent | undefined;
}

export interface StatusReport {
  stack: string;
  platform: StackView["platform"];
  /** The Kubernetes namespace; undefined on Docker. */
  namespace: string | undefined;
  mode: "zookeeper" | "kraft";
  /** When the report was read (ISO 8601). */
  readAt: string;
  brokers: BrokerStatus[];
  zookeeper: ZookeeperStatus[];
  topics: TopicStatus[];
  groups: GroupStatus[];
  apps: AppStatus[];
  /** Parts of the cluster the admin API did not give. */
  unreadable: string[];
}

export interface StatusInputs {
  stack: string;
  view: StackView;
  cluster: ClusterView;
  members: Map<string, MemberState>;
  lastEvents: Map<string, LoggedEvent | undefined>;
  readAt: Date;
}

/** A server's state from its member state and, for brokers, whether the cluster lists it. */
export function serverState(member: MemberState | undefined, registered = true): ServerState {
  if (member === undefined) return registered ? "healthy" : "down";
  if (member.run !== "running") return "down";
  return member.health !== "starting" && member.health !== "unhealthy" && registered ? "healthy" : "starting";
}

function brokers({ view, cluster, members }: StatusInputs): BrokerStatus[] {
  const addresses = view.bootstrapServers.split(",");
  const registered = new Map(cluster.brokers.map((broker) => [broker.id, broker]));
  const expected = view.brokers.map((member, index) => ({ id: index + 1, member }));
  const unexpected = cluster.brokers
    .filter((broker) => broker.id > expected.length || broker.id < 1)
    .map((broker) => ({ id: broker.id, member: "" }));
  const partitions = cluster.topics.flatMap((topic) => topic.partitions);
  return [...expected, ...unexpected].map(({ id, member }) => {
    const listed = registered.get(id);
    const led = partitions.filter((partition) => partition.leader === id).length;
    const held = partitions.filter((partition) => partition.replicas.includes(id)).length;
    return {
      id,
      member,
      state: serverState(members.get(member), listed !== undefined),
      address: listed !== undefined ? `${listed.host}:${listed.port}` : (addresses[id - 1] ?? ""),
      controller: view.mode === "zookeeper" && cluster.controller === id,
      led,
      followed: held - led,
      restarts: members.get(member)?.restarts ?? 0,
    };
  });
}

function topics({ cluster }: StatusInputs): TopicStatus[] {
  const live = new Set(cluster.brokers.map((broker) => broker.id));
  return cluster.topics.map((topic) => ({
    name: topic.name,
    partitions: topic.partitions.length,
    replicationFactor: topic.partitions[0]?.replicas.length ?? 0,
    minInsyncReplicas: topic.minInsyncReplicas,
    underReplicated: topic.partitions
      .filter((partition) => partition.isr.length < partition.replicas.length)
      .map((partition) => partition.partition),
    offline: topic.partitions
      .filter((partition) => partition.leader < 0 || !live.has(partition.leader))
      .map((partition) => partition.partition),
  }));
}

function groups({ cluster }: StatusInputs): GroupStatus[] {
  return cluster.groups.map((group) => {
    // Like kafka-consumer-groups --describe: the partitions assigned to a member and those with a commit.
    const keys = new Map<string, { topic: string; partition: number }>();
    const owners = new Map<string, string>();
    for (const member of group.members) {
      for (const [topic, assigned] of Object.entries(member.assignment)) {
        for (const partition of assigned) {
          keys.set(`${topic}-${partition}`, { topic, partition });
          owners.set(`${topic}-${partition}`, member.clientId);
        }
      }
    }
    const committed = new Map(group.committed.map((c) => [`${c.topic}-${c.partition}`, c]));
    for (const [key, c] of committed) keys.set(key, c);
    const partitions = [...keys.entries()]
      .map(([key, { topic, partition }]) => {
        const offset = committed.get(key)?.offset;
        const end = cluster.endOffsets[topic]?.[partition];
        const lag = offset !== undefined && end !== undefined ? Math.max(0, end - offset) : undefined;
        return { topic, partition, committed: offset, end, lag, member: owners.get(key) };
      })
      .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
    return {
      groupId: group.groupId,
      state: group.state,
      members: group.members.length,
      partitions,
      totalLag: partitions.reduce((sum, partition) => sum + (partition.lag ?? 0), 0),
    };
  });
}

function apps({ view, members, lastEvents }: StatusInputs): AppStatus[] {
  const declared: [AppRole, string | undefined][] = [
    ["producer", view.producer],
    ["consumer", view.consumer],
  ];
  return declared.flatMap(([role, member]) => {
    if (member === undefined) return [];
    const state = members.get(member);
    return [
      {
        role,
        member,
        run: state?.run ?? "missing",
        restarts: state?.restarts ?? 0,
        lastEvent: lastEvents.get(member),
      },
    ];
  });
}

export function statusReport(inputs: StatusInputs): StatusReport {
  const { view, cluster, members } = inputs;
  return {
    stack: inputs.stack,
    platform: view.platform,
    namespace: view.namespace,
    mode: view.mode,
    readAt: inputs.readAt.toISOString(),
    brokers: brokers(inputs),
    zookeeper: view.zookeeper.map((member) => ({
      member,
      state: serverState(members.get(member)),
      restarts: members.get(member)?.restarts ?? 0,
    })),
    topics: topics(inputs),
    groups: groups(inputs),
    apps: apps(inputs),
    unreadable: cluster.unreadable,
  };
}
