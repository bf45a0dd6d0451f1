/**
 * Environment variables of the Confluent images (cp-kafka, cp-zookeeper and the air-gapped images
 * that copy their interface), as pure functions of the settings.
 *
 * cp-kafka turns every `KAFKA_*` variable into a broker property: the prefix is dropped, `___`
 * becomes `-`, `__` becomes `_`, `_` becomes `.`, and the name is lower-cased. Broker settings are
 * therefore written here as property names and converted with kafkaPropertyEnvName.
 */
import {
  controllerQuorumVoters,
  memberNumbers,
  renderBrokerListeners,
  zookeeperAlias,
  zookeeperConnect,
  INTERNAL_LISTENER,
  CONTROLLER_LISTENER,
  ZOOKEEPER_CLIENT_PORT,
  type ListenerLayout,
} from "./listeners";

export type Environment = Record<string, string>;

/** JVM options fixing the heap at `heap` (initial = maximum, so the limit is hit at start, not later). */
function heapOptions(heap: string): string {
  return `-Xms${heap} -Xmx${heap}`;
}

export interface BrokerEnvironmentSettings {
  layout: ListenerLayout;
  /** ZooKeeper ensemble size; ignored in KRaft mode. */
  zookeeperNodes: number;
  /** KRaft cluster id (base64 UUID); ignored in ZooKeeper mode. */
  clusterId: string;
  replicationFactor: number;
  minInsyncReplicas: number;
  defaultPartitions: number;
  autoCreateTopics: boolean;
  /** JVM heap, e.g. `512m`. */
  heap: string;
}

export interface ZookeeperEnvironmentSettings {
  nodes: number;
  heap: string;
}

export const ZOOKEEPER_TICK_TIME_MS = 2000;
export const ZOOKEEPER_PEER_PORT = 2888;
export const ZOOKEEPER_ELECTION_PORT = 3888;

/** `offsets.topic.replication.factor` -> `KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR`. */
export function kafkaPropertyEnvName(property: string): string {
  const escaped = property.replaceAll("_", "__").replaceAll("-", "___").replaceAll(".", "_");
  return `KAFKA_${escaped.toUpperCase()}`;
}

/** The broker properties of broker N, by property name. */
export function brokerProperties(settings: BrokerEnvironmentSettings, broker: number): Environment {
  const listeners = renderBrokerListeners(settings.layout, broker);
  const common: Environment = {
    listeners: listeners.listeners,
    "advertised.listeners": listeners.advertisedListeners,
    "listener.security.protocol.map": listeners.securityProtocolMap,
    "inter.broker.listener.name": INTERNAL_LISTENER,
    "default.replication.factor": String(settings.replicationFactor),
    "offsets.topic.replication.factor": String(settings.replicationFactor),
    "transaction.state.log.replication.factor": String(settings.replicationFactor),
    // Read-only, so tied to the replication factor (whose change restarts brokers anyway) rather than to
    // min.insync.replicas, which is applied at runtime (dynamicBrokerProperties).
    "transaction.state.log.min.isr": String(Math.max(1, settings.replicationFactor - 1)),
    "num.partitions": String(settings.defaultPartitions),
    "auto.create.topics.enable": String(settings.autoCreateTopics),
    // A development cluster: consumers joining a new group start at once instead of after 3 s.
    "group.initial.rebalance.delay.ms": "0",
    // 10 consumer-offsets partitions instead of 50: every broker restart moves their leaders and
    // replicas, and on a small machine 150 of them stall writes for seconds during a rolling change.
    "offsets.topic.num.partitions": "10",
    // When every broker stops at once (destroy with retainData), the last ones cannot hand leadership to anyone;
    // they retry their controlled shutdown 3 times, 5 s apart by default, which alone made destroy 10 s slower.
    "controlled.shutdown.retry.backoff.ms": "500",
    // A follower long-polls its leader for up to this long (Kafka's default, 500 ms). When a broker stops, the
    // partitions whose leadership moves join a poll already in flight, and acks=all writes to them wait for it;
    // 100 ms shortened those waits (median 1.13 s -> 0.72 s) but made every follower poll ten times a second
    // while idle: a settled stack used 9.3 % of a core instead of 7.1 %.
    "replica.fetch.wait.max.ms": "500",
    // Socket threads per listener (Kafka's default 3) and request threads (8): a cluster on one host serves a few
    // clients, and every idle thread wakes a few times a second. With 1 and 2 a settled broker's threads used
    // 1.2-1.5 % of a core instead of 1.6-2.0 %.
    "num.network.threads": "1",
    "num.io.threads": "2",
  };
  if (settings.layout.mode === "kraft") {
    return {
      ...common,
      "process.roles": "broker,controller",
      "node.id": String(broker),
      "controller.quorum.voters": controllerQuorumVoters(settings.layout),
      "controller.listener.names": CONTROLLER_LISTENER,
    };
  }
  return {
    ...common,
    "broker.id": String(broker),
    "zookeeper.connect": zookeeperConnect(settings.zookeeperNodes),
  };
}

/**
 * Broker properties that Kafka updates at runtime, applied through the admin API (DynamicBrokerConfig)
 * so that a change restarts no broker.
 */
export function dynamicBrokerProperties(
  settings: Pick<BrokerEnvironmentSettings, "minInsyncReplicas">,
): Environment {
  return { "min.insync.replicas": String(settings.minInsyncReplicas) };
}

/** Broker properties as the image's `KAFKA_*` variables. */
export function propertyEnvironment(properties: Environment): Environment {
  return Object.fromEntries(
    Object.entries(properties).map(([property, value]) => [kafkaPropertyEnvName(property), value]),
  );
}

/** The container environment of broker N. */
export function brokerEnvironment(settings: BrokerEnvironmentSettings, broker: number): Environment {
  const environment: Environment = {
    KAFKA_HEAP_OPTS: heapOptions(settings.heap),
    ...propertyEnvironment(brokerProperties(settings, broker)),
  };
  if (settings.layout.mode === "kraft") environment["CLUSTER_ID"] = settings.clusterId;
  return environment;
}

/** `server.N=host:2888:3888` entries of an ensemble, in cp-zookeeper's `;`-separated form. */
export function zookeeperServers(nodes: number): string {
  return memberNumbers(nodes)
    .map((node) => `${zookeeperAlias(node)}:${ZOOKEEPER_PEER_PORT}:${ZOOKEEPER_ELECTION_PORT}`)
    .join(";");
}

/** The container environment of ZooKeeper node N; a single node runs standalone. */
export function zookeeperEnvironment(settings: ZookeeperEnvironmentSettings, node: number): Environment {
  const environment: Environment = {
    ZOOKEEPER_CLIENT_PORT: String(ZOOKEEPER_CLIENT_PORT),
    ZOOKEEPER_TICK_TIME: String(ZOOKEEPER_TICK_TIME_MS),
    // cp-zookeeper runs ZooKeeper through Kafka's scripts, which read the heap from this variable.
    KAFKA_HEAP_OPTS: heapOptions(settings.heap),
  };
  if (settings.nodes === 1) return environment;
  return {
    ...environment,
    ZOOKEEPER_SERVER_ID: String(node),
    ZOOKEEPER_SERVERS: zookeeperServers(settings.nodes),
    ZOOKEEPER_INIT_LIMIT: "5",
    ZOOKEEPER_SYNC_LIMIT: "2",
  };
}

/** Docker's `envs` form, sorted so that the same settings always render the same list. */
export function toEnvList(environment: Readonly<Record<string, string | undefined>>): string[] {
  return Object.keys(environment)
    .filter((name) => environment[name] !== undefined)
    .sort()
    .map((name) => `${name}=${environment[name]}`);
}
