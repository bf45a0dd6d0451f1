/**
 * The client measurements against a running cluster: producer and consumer throughput of the
 * project's apps next to Kafka's perf tools, and end-to-end latency at a fixed rate. Each returns
 * numbers plus the details printed in the progress lines.
 */
import { BENCH_TOPIC_SETTINGS } from "./workload";
import {
  parseConsumerPerf,
  parseProducerPerf,
  runKafkaTool,
  runProjectConsumer,
  runProjectProducer,
  startProjectConsumer,
  type ClientContext,
} from "./clients";
import { removeContainers } from "../test/support/commands";
import { percentile, round } from "./report";

export interface AppImages {
  producer: string;
  consumer: string;
}

export interface ThroughputResult {
  projectMsgsPerS: number;
  referenceMsgsPerS: number;
  details: string;
}

const { topic, eventSizeBytes } = BENCH_TOPIC_SETTINGS;

/** The project's producer (acks=all, idempotent) vs kafka-producer-perf-test with the same guarantees. */
export async function producerThroughput(
  ctx: ClientContext,
  images: AppImages,
  count: number,
  batchSize: number,
): Promise<{ project: number; details: string }> {
  const summary = await runProjectProducer(
    ctx,
    "producer",
    images.producer,
    {
      KAFKA_TOPIC: topic,
      PRODUCER_INTERVAL_MS: "0",
      PRODUCER_COUNT: String(count),
      PRODUCER_BATCH_SIZE: String(batchSize),
      EVENT_SIZE_BYTES: String(eventSizeBytes),
      LOG_LEVEL: "info",
    },
    300_000,
  );
  if (summary.failed > 0 || summary.sent !== count)
    throw new Error(`producer sent ${summary.sent} of ${count}`);
  const details = `project producer: ${summary.sent} events in ${summary.elapsedMs} ms, batch ${batchSize}`;
  return { project: summary.eventsPerSecond, details };
}

export async function referenceProducer(ctx: ClientContext, count: number): Promise<number> {
  const output = await runKafkaTool(
    ctx,
    "reference-producer",
    [
      ...["kafka-producer-perf-test", "--topic", topic, "--num-records", String(count)],
      ...["--record-size", String(eventSizeBytes), "--throughput", "-1", "--producer-props"],
      ...[`bootstrap.servers=${ctx.bootstrapServers}`, "acks=all", "enable.idempotence=true"],
    ],
    300_000,
  );
  return parseProducerPerf(output);
}

/**
 * The project's consumer from the beginning in a fresh group. It has no stop-after-N setting, so
 * its rate is taken from its own log: the `time` of the first and the Nth `received` line (the
 * group join before the first event is left out, as fetch.nMsg.sec leaves out the rebalance).
 */
export async function consumerThroughput(
  ctx: ClientContext,
  images: AppImages,
  count: number,
): Promise<ThroughputResult> {
  const env = {
    KAFKA_TOPIC: topic,
    CONSUMER_GROUP: `kafka-bench-${Date.now()}`,
    CONSUMER_FROM_BEGINNING: "true",
    LOG_LEVEL: "info",
  };
  const received = await runProjectConsumer(ctx, "consumer", images.consumer, env, count, 300_000);
  const first = received[0]?.time ?? 0;
  const last = received[count - 1]?.time ?? 0;
  const project = round(((count - 1) * 1000) / Math.max(last - first, 1));

  const output = await runKafkaTool(
    ctx,
    "reference-consumer",
    [
      ...["kafka-consumer-perf-test", "--bootstrap-server", ctx.bootstrapServers, "--topic", topic],
      ...["--messages", String(count), "--timeout", "60000"],
    ],
    300_000,
  );
  const perf = parseConsumerPerf(output);
  const reference = Number(perf["fetch.nMsg.sec"]);
  const details =
    `project consumer: events 1..${count} in ${last - first} ms (log times); ` +
    `reference: fetch.nMsg.sec ${perf["fetch.nMsg.sec"]}, nMsg.sec ${perf["nMsg.sec"]}, ` +
    `rebalance ${perf["rebalance.time.ms"]} ms`;
  return { projectMsgsPerS: project, referenceMsgsPerS: round(reference), details };
}

export interface LatencyResult {
  p50Ms: number;
  p99Ms: number;
  /** The rate the producer actually kept during the run. */
  achievedMsgsPerS: number;
  details: string;
}

/**
 * The project's producer at about `rate` events/s for `seconds` (batches of `batchSize` every
 * `intervalMs`), with the project's consumer already in its group at the end of the topic.
 * Latency is what the consumer logs: its receive time minus the event's creation time.
 */
export async function endToEndLatency(
  ctx: ClientContext,
  images: AppImages,
  pace: { count: number; batchSize: number; intervalMs: number },
): Promise<LatencyResult> {
  const consumer = await startProjectConsumer(ctx, "latency-consumer", images.consumer, {
    KAFKA_TOPIC: topic,
    CONSUMER_GROUP: `kafka-bench-latency-${Date.now()}`,
    CONSUMER_FROM_BEGINNING: "false",
    LOG_LEVEL: "info",
  });
  try {
    await Promise.race([consumer.joined, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    const summary = await runProjectProducer(
      ctx,
      "latency-producer",
      images.producer,
      {
        KAFKA_TOPIC: topic,
        PRODUCER_INTERVAL_MS: String(pace.intervalMs),
        PRODUCER_COUNT: String(pace.count),
        PRODUCER_BATCH_SIZE: String(pace.batchSize),
        EVENT_SIZE_BYTES: String(eventSizeBytes),
        LOG_LEVEL: "info",
      },
      180_000,
    );
    await consumer.waitFor(pace.count, 30_000);
    const latencies = consumer.received.slice(0, pace.count).map((line) => line.latencyMs);
    const details =
      `producer ${summary.sent} events at ${summary.eventsPerSecond}/s ` +
      `(batch ${pace.batchSize}, interval ${pace.intervalMs} ms); consumer received ${latencies.length}; ` +
      `max ${Math.max(...latencies)} ms`;
    return {
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      achievedMsgsPerS: summary.eventsPerSecond,
      details,
    };
  } finally {
    await removeContainers([consumer.container]);
  }
}
