/**
 * What the benchmark runs: the bench topic, the event count and sizes, the producer's batching
 * and the pace of the latency run, and the bench topic. Changing a number
 * here changes the benchmark; bench/README.md reports the values used.
 */
import { docker } from "../test/support/commands";

export const BENCH_TOPIC_SETTINGS = {
  topic: "bench-events",
  partitions: 3,
  eventSizeBytes: 1024,
} as const;

/** Events per throughput run (producer and consumer). */
export const THROUGHPUT_EVENTS = Number(process.env.BENCH_EVENTS ?? 50_000);
/** Records per sendBatch call of the project's producer in the throughput run. */
export const PRODUCER_BATCH_SIZE = Number(process.env.BENCH_BATCH_SIZE ?? 1_000);

/**
 * The latency run: 20 events every 20 ms is 1,000 events/s. The producer keeps a fixed rate (batches are
 * due PRODUCER_INTERVAL_MS apart, and one that ran late is made up at once), so the rate holds unless
 * acks=all batches take longer than the interval on average. The achieved rate is reported with the result.
 */
export const LATENCY_PACE = {
  count: Number(process.env.BENCH_LATENCY_EVENTS ?? 30_000),
  batchSize: 20,
  intervalMs: Number(process.env.BENCH_LATENCY_INTERVAL_MS ?? 20),
};

/** Provisioning runs whose median is reported. */
export const PROVISION_RUNS = Number(process.env.BENCH_PROVISION_RUNS ?? 3);

/**
 * The idle measurement of the last provisioned stack: it first settles (the apps join, the JVMs finish their
 * start-up compilation), then every container's CPU is counted over the window.
 */
export const IDLE_PACE = {
  settleSeconds: Number(process.env.BENCH_IDLE_SETTLE_S ?? 60),
  seconds: Number(process.env.BENCH_IDLE_S ?? 60),
};

/** Cold starts of ZooKeeper and the brokers whose per-broker start-to-ready medians are reported. */
export const START_ROUNDS = Number(process.env.BENCH_START_ROUNDS ?? 3);

/**
 * Images to compare the stack's with in the start-to-ready rounds (e.g. the previous build, tagged), both or
 * neither; unset measures the stack's images only.
 */
export const BASELINE_IMAGES =
  process.env.BENCH_BASELINE_KAFKA_IMAGE && process.env.BENCH_BASELINE_ZOOKEEPER_IMAGE
    ? { kafka: process.env.BENCH_BASELINE_KAFKA_IMAGE, zookeeper: process.env.BENCH_BASELINE_ZOOKEEPER_IMAGE }
    : undefined;

/** Creates the bench topic with kafka-topics inside a broker. */
export async function createBenchTopic(
  broker: string,
  bootstrapServers: string,
  replicationFactor: number,
  minInsyncReplicas: number,
): Promise<void> {
  await docker([
    ...["exec", broker, "kafka-topics", "--bootstrap-server", bootstrapServers, "--create"],
    ...["--topic", BENCH_TOPIC_SETTINGS.topic, "--partitions", String(BENCH_TOPIC_SETTINGS.partitions)],
    ...["--replication-factor", String(replicationFactor)],
    ...["--config", `min.insync.replicas=${minInsyncReplicas}`],
  ]);
}
