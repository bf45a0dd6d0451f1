/**
 * The cluster's settings: mode, size, replication, ports, images, memory and topics, read from the
 * stack config and checked against each other. Keys a mode does not use are noted, not refused, so
 * switching modes is one change.
 */
import type { ClusterMode } from "../kafka/listeners";
import { DEFAULTS, DERIVED } from "./defaults";
import { readPorts, type PortSettings } from "./ports";
import { show, type ConfigReader } from "./reader";
import { MAX_PARTITIONS, readTopics, TOPICS_RULE, type TopicSpec } from "./topics";

/** Everything the cluster is declared from. */
export interface ClusterSettings extends PortSettings {
  /** `zookeeper`: brokers coordinated by ZooKeeper; `kraft`: brokers that are also controllers. */
  mode: ClusterMode;
  /** Number of brokers, 1 to 9. */
  brokers: number;
  /** ZooKeeper ensemble size (1, 3 or 5); unused in KRaft mode. */
  zookeeperNodes: number;
  /** Replicas of new topics and of the offsets and transaction-state topics. */
  replicationFactor: number;
  /** In-sync replicas an acks=all write needs (also for the transaction-state log). */
  minInsyncReplicas: number;
  /** Partitions of topics created without a count (auto-created ones, too). */
  defaultPartitions: number;
  /** Whether the brokers create a topic on first use. */
  autoCreateTopics: boolean;
  /** KRaft cluster id, a base64 UUID; unused in ZooKeeper mode. */
  clusterId: string;
  /** Broker image, cp-kafka or one with the same environment interface. */
  kafkaImage: string;
  /** ZooKeeper image, cp-zookeeper or one with the same environment interface. */
  zookeeperImage: string;
  /** JVM heap of each broker, e.g. `512m`. */
  brokerHeap: string;
  /** Memory limit of each broker container, in bytes. */
  brokerMemoryBytes: number;
  /** JVM heap of each ZooKeeper node. */
  zookeeperHeap: string;
  /** Memory limit of each ZooKeeper container, in bytes. */
  zookeeperMemoryBytes: number;
  /** Keep the data volumes, and the topics in them, on `pulumi destroy`. */
  retainData: boolean;
  /** Topics to create and keep in the declared shape. */
  topics: TopicSpec[];
}

const MODES = ["zookeeper", "kraft"] as const;
const ZOOKEEPER_NODE_COUNTS = [1, 3, 5] as const;
const MAX_BROKERS = 9;

/** Settings that only mean something with ZooKeeper; with mode=kraft they are reported as unused. */
const ZOOKEEPER_ONLY_KEYS = [
  "zookeeperNodes",
  "zookeeperHostPort",
  "zookeeperImage",
  "zookeeperMemory",
  "zookeeperHeap",
] as const;

export const IMAGE_REFERENCE =
  /^(?:[A-Za-z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*(?::\w[\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;
export const IMAGE_RULE = "an image reference such as confluentinc/cp-kafka:7.9.1";
const CLUSTER_ID = /^[A-Za-z0-9_-]{22}$/;
const CLUSTER_ID_RULE =
  "a base64url-encoded UUID of 22 characters (A-Z a-z 0-9 _ -), e.g. from `kafka-storage random-uuid`";

/** A note for a set key that the chosen mode ignores: it may stay set, so switching modes is one change. */
function unusedSetting(key: string, value: unknown, mode: ClusterMode): string {
  const other = mode === "kraft" ? "zookeeper" : "kraft";
  return `${key}=${show(value)} is unused with mode=${mode}: it applies to mode=${other} only`;
}

function readClusterId(reader: ConfigReader, mode: ClusterMode, unused: string[]): string {
  if (mode === "zookeeper") {
    // ZooKeeper assigns the cluster id in this mode.
    const value = reader.value("clusterId");
    if (value !== undefined && String(value) !== DEFAULTS.clusterId)
      unused.push(unusedSetting("clusterId", value, mode));
    return DEFAULTS.clusterId;
  }
  const id = reader.string("clusterId", DEFAULTS.clusterId, CLUSTER_ID, CLUSTER_ID_RULE);
  if (/^A{21}[A-D]$/.test(id))
    reader.invalid("clusterId", id, `${CLUSTER_ID_RULE}, not the reserved zero UUID`);
  return id;
}

function noteZookeeperSettings(reader: ConfigReader, unused: string[]): void {
  for (const key of ZOOKEEPER_ONLY_KEYS) {
    const value = reader.value(key);
    if (value !== undefined && String(value) !== String(DEFAULTS[key]))
      unused.push(unusedSetting(key, value, "kraft"));
  }
}

type SizeKey = "brokerMemory" | "brokerHeap" | "zookeeperMemory" | "zookeeperHeap" | "appMemory";

/** A container memory limit in bytes. */
export function readMemoryLimit(reader: ConfigReader, key: SizeKey): number {
  const limit = reader.memorySize(key, DEFAULTS[key]);
  if (limit.bytes < 64 * 1024 ** 2)
    reader.invalid(key, limit.text, "at least 64m (Docker and the JVM need room)");
  return limit.bytes;
}

/** A JVM heap, which must leave room below its container's memory limit. */
function readHeap(reader: ConfigReader, key: SizeKey, limitKey: SizeKey, limitBytes: number): string {
  const heap = reader.memorySize(key, DEFAULTS[key]);
  if (heap.bytes >= limitBytes) {
    const limit = String(reader.value(limitKey) ?? DEFAULTS[limitKey]);
    reader.invalid(key, heap.text, `less than ${limitKey}=${limit}: the JVM needs memory beyond its heap`);
  }
  return heap.text;
}

/** A count whose 0 (DERIVED) means "derive it"; `limit` names what bounds it from above. */
function readDerivable(
  reader: ConfigReader,
  key: "replicationFactor" | "minInsyncReplicas",
  derived: number,
  max: number,
  rule: { derivation: string; limit: string },
): number {
  const hint = `${DERIVED} = derived: ${rule.derivation}; at most ${rule.limit}`;
  const value = reader.integer(key, DEFAULTS[key], { min: DERIVED, max, hint });
  return value === DERIVED ? derived : value;
}

function readCluster(reader: ConfigReader, unused: string[]) {
  const mode = reader.oneOf("mode", DEFAULTS.mode as ClusterMode, MODES);
  const brokers = reader.integer("brokers", DEFAULTS.brokers, { min: 1, max: MAX_BROKERS });
  if (mode === "kraft") noteZookeeperSettings(reader, unused);
  const zookeeperNodes = reader.choice("zookeeperNodes", DEFAULTS.zookeeperNodes, ZOOKEEPER_NODE_COUNTS);
  const replicationFactor = readDerivable(reader, "replicationFactor", Math.min(3, brokers), brokers, {
    derivation: "min(3, brokers)",
    limit: "the number of brokers",
  });
  const minInsyncReplicas = readDerivable(
    reader,
    "minInsyncReplicas",
    Math.max(1, replicationFactor - 1),
    replicationFactor,
    { derivation: "replicationFactor - 1, at least 1", limit: "the replication factor" },
  );
  const defaultPartitions = reader.integer("defaultPartitions", DEFAULTS.defaultPartitions, {
    min: 1,
    max: MAX_PARTITIONS,
  });
  return { mode, brokers, zookeeperNodes, replicationFactor, minInsyncReplicas, defaultPartitions };
}

/** Reads and checks the cluster's keys; problems go to the reader, unused keys to `unused`. */
export function readClusterSettings(reader: ConfigReader, unused: string[]): ClusterSettings {
  const size = readCluster(reader, unused);
  const brokerMemoryBytes = readMemoryLimit(reader, "brokerMemory");
  const zookeeperMemoryBytes = readMemoryLimit(reader, "zookeeperMemory");
  return {
    ...size,
    ...readPorts(reader, size.mode, size.brokers, size.zookeeperNodes),
    autoCreateTopics: reader.boolean("autoCreateTopics", DEFAULTS.autoCreateTopics),
    clusterId: readClusterId(reader, size.mode, unused),
    kafkaImage: reader.string("kafkaImage", DEFAULTS.kafkaImage, IMAGE_REFERENCE, IMAGE_RULE),
    zookeeperImage: reader.string("zookeeperImage", DEFAULTS.zookeeperImage, IMAGE_REFERENCE, IMAGE_RULE),
    brokerHeap: readHeap(reader, "brokerHeap", "brokerMemory", brokerMemoryBytes),
    brokerMemoryBytes,
    zookeeperHeap: readHeap(reader, "zookeeperHeap", "zookeeperMemory", zookeeperMemoryBytes),
    zookeeperMemoryBytes,
    retainData: reader.boolean("retainData", DEFAULTS.retainData),
    topics: readTopics(reader, reader.json("topics", DEFAULTS.topics, TOPICS_RULE), {
      brokers: size.brokers,
      partitions: size.defaultPartitions,
      replicationFactor: size.replicationFactor,
      minInsyncReplicas: size.minInsyncReplicas,
    }),
  };
}
