/**
 * The stack configuration: every key the program reads, its default, and every rule it must
 * satisfy. validateConfig is a pure function over the raw key/value pairs and reports ALL
 * problems at once, before a single resource is declared; loadConfig feeds it from Pulumi.
 * Pulumi.yaml declares the same keys with the same defaults.
 */
import * as pulumi from "@pulumi/pulumi";
import { readAppSettings, type KafkaAppsSettings } from "./apps";
import { ConfigReader, ConfigValidationError, show, type RawConfig } from "./reader";
import type { KafkaClusterArgs } from "../cluster/kafka-cluster";
import type { ClusterMode } from "../kafka/listeners";
import { readPorts } from "./ports";
import { readTopics, TOPICS_RULE } from "./topics";
import { DEFAULTS, DERIVED } from "./defaults";

export { ConfigValidationError } from "./reader";
export { DEFAULTS, DERIVED } from "./defaults";

export interface StackSettings {
  cluster: KafkaClusterArgs;
  /** Undefined when `apps` is false. */
  apps: KafkaAppsSettings | undefined;
  /** Set keys that the chosen mode ignores, one sentence each, for the CLI to show as warnings. */
  unused: string[];
}

export const MODES = ["zookeeper", "kraft"] as const;
export const ZOOKEEPER_NODE_COUNTS = [1, 3, 5] as const;
export const MAX_BROKERS = 9;

export const CONFIG_KEYS = Object.keys(DEFAULTS).sort();

/** Settings that only mean something with ZooKeeper; with mode=kraft they are reported as unused. */
const ZOOKEEPER_ONLY_KEYS = [
  "zookeeperNodes",
  "zookeeperHostPort",
  "zookeeperImage",
  "zookeeperMemory",
  "zookeeperHeap",
] as const;

const IMAGE_REFERENCE =
  /^(?:[A-Za-z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*(?::\w[\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;
const IMAGE_RULE = "an image reference such as confluentinc/cp-kafka:7.9.1";
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
function readMemoryLimit(reader: ConfigReader, key: SizeKey): number {
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
  const hint = ` (${DERIVED} = derived: ${rule.derivation}; at most ${rule.limit})`;
  const value = reader.integer(key, DEFAULTS[key], DERIVED, max, hint);
  return value === DERIVED ? derived : value;
}

function readCluster(reader: ConfigReader, unused: string[]) {
  const mode = reader.oneOf("mode", DEFAULTS.mode, MODES);
  const brokers = reader.integer("brokers", DEFAULTS.brokers, 1, MAX_BROKERS);
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
  const defaultPartitions = reader.integer("defaultPartitions", DEFAULTS.defaultPartitions, 1, 10_000);
  return { mode, brokers, zookeeperNodes, replicationFactor, minInsyncReplicas, defaultPartitions };
}

/** Checks the raw config; returns the settings, or throws ConfigValidationError listing every problem. */
export function validateConfig(raw: RawConfig): StackSettings {
  const reader = new ConfigReader(raw);
  reader.rejectUnknown(CONFIG_KEYS);
  const unused: string[] = [];
  const size = readCluster(reader, unused);
  const autoCreateTopics = reader.boolean("autoCreateTopics", DEFAULTS.autoCreateTopics);
  const ports = readPorts(reader, size.mode, size.brokers, size.zookeeperNodes);
  const brokerMemoryBytes = readMemoryLimit(reader, "brokerMemory");
  const zookeeperMemoryBytes = readMemoryLimit(reader, "zookeeperMemory");
  const topics = readTopics(reader, reader.json("topics", DEFAULTS.topics, TOPICS_RULE), {
    brokers: size.brokers,
    partitions: size.defaultPartitions,
    replicationFactor: size.replicationFactor,
    minInsyncReplicas: size.minInsyncReplicas,
  });
  const cluster: KafkaClusterArgs = {
    ...size,
    ...ports,
    autoCreateTopics,
    clusterId: readClusterId(reader, size.mode, unused),
    kafkaImage: reader.string("kafkaImage", DEFAULTS.kafkaImage, IMAGE_REFERENCE, IMAGE_RULE),
    zookeeperImage: reader.string("zookeeperImage", DEFAULTS.zookeeperImage, IMAGE_REFERENCE, IMAGE_RULE),
    brokerHeap: readHeap(reader, "brokerHeap", "brokerMemory", brokerMemoryBytes),
    brokerMemoryBytes,
    zookeeperHeap: readHeap(reader, "zookeeperHeap", "zookeeperMemory", zookeeperMemoryBytes),
    zookeeperMemoryBytes,
    retainData: reader.boolean("retainData", DEFAULTS.retainData),
    topics,
  };
  // App settings are only checked when the apps run: a stack without them may leave them stale.
  const apps = reader.boolean("apps", DEFAULTS.apps)
    ? readAppSettings(reader, {
        nodeImage: reader.string("nodeImage", DEFAULTS.nodeImage, IMAGE_REFERENCE, IMAGE_RULE),
        memoryBytes: readMemoryLimit(reader, "appMemory"),
        topics: topics.map((topic) => topic.name),
        autoCreateTopics,
      })
    : undefined;
  reader.assertValid();
  return { cluster, apps, unused };
}

/**
 * Reads every key of this project's namespace from the stack config and validates it. Problems are
 * thrown as a pulumi.RunError, which the CLI prints as its message alone, without a stack trace.
 */
export function loadConfig(
  project: string = pulumi.getProject(),
  config: Record<string, string> = pulumi.runtime.allConfig(),
): StackSettings {
  const prefix = `${project}:`;
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith(prefix)) raw[key.slice(prefix.length)] = value;
  }
  try {
    const settings = validateConfig(raw);
    for (const note of settings.unused) void pulumi.log.warn(note);
    return settings;
  } catch (error) {
    if (error instanceof ConfigValidationError) throw new pulumi.RunError(error.message);
    throw error;
  }
}
