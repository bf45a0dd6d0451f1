/**
 * Kafka clients on the host, connected through the stack's `bootstrapServers` output the way a user's
 * client would: an idempotent acks=all producer, a reader that collects a topic from the beginning, and
 * admin queries for broker settings and the in-sync replica sets.
 */
import assert from "node:assert/strict";
import { ConfigResourceTypes, Kafka, logLevel, Partitioners, type Message } from "kafkajs";
import { withAdmin } from "../../../infra/admin/admin-client";
import { underReplicated, waitUntil } from "../../../infra/cluster/readiness";

export interface KeyedRecord {
  key: string;
  value: string;
}

function client(bootstrapServers: string, clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers: bootstrapServers.split(","),
    logLevel: logLevel.NOTHING,
    retry: { retries: 12, initialRetryTime: 200, maxRetryTime: 3000 },
  });
}

/** `count` records over `keys` keys, each value `<key>:<sequence within the key>`. */
export function keyedRecords(count: number, keys: number, prefix = "key"): KeyedRecord[] {
  const next = new Map<string, number>();
  return Array.from({ length: count }, (_, i) => {
    const key = `${prefix}-${i % keys}`;
    const seq = next.get(key) ?? 0;
    next.set(key, seq + 1);
    return { key, value: `${key}:${seq}` };
  });
}

/**
 * Sends the records in order, `batch` at a time, with acks=all and idempotence; `between` runs after each
 * acknowledged batch (to stop a broker mid-run). Resolves to the number of acknowledged records.
 * Each request carries one partition's records: with several partitions in one request, kafkajs 2.2.4 was
 * seen, while a broker stopped, to resolve a send without one partition's report and to write records twice.
 */
export async function produce(
  bootstrapServers: string,
  topic: string,
  records: KeyedRecord[],
  options: { batch?: number; between?: (acknowledged: number) => Promise<void> } = {},
): Promise<number> {
  const partitions = await withAdmin(bootstrapServers, async (admin) => {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    return topics[0]?.partitions.length ?? 1;
  });
  // Each key keeps one partition, so its records stay in order.
  const partitionOf = new Map<string, number>();
  const partition = (key: string) => {
    if (!partitionOf.has(key)) partitionOf.set(key, partitionOf.size % partitions);
    return partitionOf.get(key) ?? 0;
  };
  const producer = client(bootstrapServers, "e2e-producer").producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  let acknowledged = 0;
  try {
    const batch = options.batch ?? 100;
    for (let start = 0; start < records.length; start += batch) {
      const messages: Message[] = records
        .slice(start, start + batch)
        .map((record) => ({ ...record, partition: partition(record.key) }));
      for (let target = 0; target < partitions; target += 1) {
        const group = messages.filter((message) => message.partition === target);
        if (group.length > 0) await producer.send({ topic, acks: -1, messages: group });
        acknowledged += group.length;
      }
      await options.between?.(acknowledged);
    }
  } finally {
    await producer.disconnect();
  }
  return acknowledged;
}

/**
 * Reads `topic` from the beginning in a fresh group until `expected` records that `keep` accepts arrived
 * (or the time is up); resolves to those records.
 */
export async function readAll(
  bootstrapServers: string,
  topic: string,
  expected: number,
  options: { timeoutMs?: number; keep?: (record: KeyedRecord) => boolean } = {},
): Promise<KeyedRecord[]> {
  const consumer = client(bootstrapServers, "e2e-reader").consumer({
    groupId: `e2e-reader-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`,
  });
  const received: KeyedRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          const record = { key: message.key?.toString() ?? "", value: message.value?.toString() ?? "" };
          if (options.keep === undefined || options.keep(record)) received.push(record);
          if (received.length >= expected) resolve();
        },
      });
    });
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, options.timeoutMs ?? 60_000).unref());
    await Promise.race([done, timeout]);
  } finally {
    await consumer.disconnect();
  }
  return received;
}

/** Asserts that every key's values arrived exactly once and in the order they were sent. */
export function assertInOrderPerKey(sent: KeyedRecord[], received: KeyedRecord[]): void {
  const byKey = (records: KeyedRecord[]) => {
    const groups = new Map<string, string[]>();
    for (const { key, value } of records) groups.set(key, [...(groups.get(key) ?? []), value]);
    return groups;
  };
  assert.equal(received.length, sent.length, "records read back");
  assert.deepEqual(byKey(received), byKey(sent));
}

/** One config value of broker `brokerId` as the broker reports it. */
export async function brokerConfig(
  bootstrapServers: string,
  brokerId: number,
  name: string,
): Promise<string> {
  const described = await withAdmin(bootstrapServers, (admin) =>
    admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.BROKER, name: String(brokerId), configNames: [name] }],
    }),
  );
  const entry = described.resources[0]?.configEntries.find((config) => config.configName === name);
  assert.ok(entry, `broker ${brokerId} reports ${name}`);
  return entry.configValue;
}

/** Replicas per partition (in partition order) and the effective min.insync.replicas of a topic. */
export async function topicLayout(
  bootstrapServers: string,
  topic: string,
): Promise<{ replicas: number[]; minInsyncReplicas: string | undefined }> {
  return withAdmin(bootstrapServers, async (admin) => {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    const partitions = [...(topics[0]?.partitions ?? [])].sort((a, b) => a.partitionId - b.partitionId);
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ["min.insync.replicas"] }],
    });
    return {
      replicas: partitions.map((partition) => partition.replicas.length),
      minInsyncReplicas: described.resources[0]?.configEntries[0]?.configValue,
    };
  });
}

/** Waits until no partition is under-replicated; fails with the ones that stay so. */
export async function waitForFullIsr(bootstrapServers: string, timeoutMs = 90_000): Promise<void> {
  await waitUntil(timeoutMs / 1000, async () => {
    const lagging = await underReplicated(bootstrapServers);
    return lagging.length === 0 ? undefined : `under-replicated: ${lagging.join(", ")}`;
  });
}
