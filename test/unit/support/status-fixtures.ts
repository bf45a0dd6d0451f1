/**
 * Fixed inputs of the status command: a stack `demo` of three brokers on one ZooKeeper node with the apps,
 * its cluster as the admin API describes it, and its members as the platform reports them, healthy
 * unless a test changes them.
 */
import type { ClusterView, PartitionView } from "../../../ops/status/cluster-reader";
import type { LoggedEvent, MemberState } from "../../../ops/status/member-states";
import type { StackView } from "../../../ops/status/stack-outputs";
import type { StatusInputs } from "../../../ops/status/status-report";

export const member = (suffix: string) => `kafka-pulumi-demo-${suffix}`;

export function demoView(): StackView {
  return {
    platform: "docker",
    namespace: undefined,
    bootstrapServers: "localhost:9092,localhost:9093,localhost:9094",
    mode: "zookeeper",
    brokers: ["kafka-1", "kafka-2", "kafka-3"].map(member),
    zookeeper: [member("zookeeper-1")],
    producer: member("producer"),
    consumer: member("consumer"),
  };
}

/** Partition N of a topic on brokers 1-3, led by broker N % 3 + 1, every replica in sync. */
function partition(partition: number): PartitionView {
  return { partition, leader: (partition % 3) + 1, replicas: [1, 2, 3], isr: [1, 2, 3] };
}

export function demoCluster(): ClusterView {
  return {
    clusterId: "demo-cluster",
    controller: 1,
    brokers: [1, 2, 3].map((id) => ({ id, host: "localhost", port: 9091 + id })),
    topics: [
      { name: "__consumer_offsets", minInsyncReplicas: 2, partitions: [0, 1, 2, 3].map(partition) },
      { name: "registred_user", minInsyncReplicas: 2, partitions: [0, 1, 2].map(partition) },
    ],
    groups: [
      {
        groupId: "my_favorite_group",
        state: "Stable",
        members: [
          {
            memberId: "kafka-pulumi-consumer-1a2b",
            clientId: "kafka-pulumi-consumer",
            host: "172.18.0.6",
            assignment: { registred_user: [0, 1, 2] },
          },
        ],
        committed: [
          { topic: "registred_user", partition: 0, offset: 40 },
          { topic: "registred_user", partition: 1, offset: 35 },
        ],
      },
    ],
    endOffsets: { registred_user: { 0: 42, 1: 35, 2: 7 } },
    unreadable: [],
  };
}

export function runningMember(name: string, health: MemberState["health"] = "healthy"): MemberState {
  return {
    name,
    run: "running",
    health,
    restarts: 0,
    startedAt: "2025-01-01T12:00:00Z",
    exitCode: undefined,
  };
}

export function demoMembers(): Map<string, MemberState> {
  const servers = ["zookeeper-1", "kafka-1", "kafka-2", "kafka-3"].map((s) => runningMember(member(s)));
  const apps = ["producer", "consumer"].map((s) => runningMember(member(s), undefined));
  return new Map([...servers, ...apps].map((state) => [state.name, state]));
}

export const consumerEvent: LoggedEvent = {
  time: "2025-01-01T12:00:05.123Z",
  msg: "received",
  fields: { level: "info", app: "consumer", key: "user-7", partition: 0, offset: 39, seq: 7, name: "Ada" },
};

/** The healthy demo stack as the report's inputs; `change` edits them before use. */
export function demoInputs(change: (inputs: StatusInputs) => void = () => undefined): StatusInputs {
  const inputs: StatusInputs = {
    stack: "demo",
    view: demoView(),
    cluster: demoCluster(),
    members: demoMembers(),
    lastEvents: new Map([[member("consumer"), consumerEvent]]),
    readAt: new Date("2025-01-01T12:00:06Z"),
  };
  change(inputs);
  return inputs;
}

/** Broker `id` stopped: its member exited, the cluster lists it no more, and it left every ISR. */
export function stopBroker(inputs: StatusInputs, id: number): void {
  const name = member(`kafka-${id}`);
  inputs.members.set(name, { ...runningMember(name), run: "stopped", health: undefined, exitCode: 143 });
  inputs.cluster.brokers = inputs.cluster.brokers.filter((broker) => broker.id !== id);
  for (const topic of inputs.cluster.topics) {
    for (const p of topic.partitions) {
      p.isr = p.isr.filter((replica) => replica !== id);
      if (p.leader === id) p.leader = p.isr[0] ?? -1;
    }
  }
}
