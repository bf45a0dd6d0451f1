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
