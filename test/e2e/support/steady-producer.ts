/**
 * A steady acks=all producer from the host, for measuring what a change costs writers: Kafka's own
 * VerifiableProducer (the Java client, retrying, one JSON line per acknowledgement) in a container of the
 * stack's Kafka image on the host's network, so it reaches the brokers through their published listeners.
 * Used by the end-to-end rolling case and by the benchmark's rollingChange.
 */
import { docker } from "../../support/commands.js";
import { readAll } from "./host-kafka.js";
import { eventually } from "./stack-containers.js";

/** What the writers saw while the producer ran. */
export interface SteadyRun {
  /** Records the brokers acknowledged. */
  acknowledged: number;
  /** Acknowledged records that could not be read back afterwards. */
  lost: number;
  /** The longest time between two consecutive acknowledgements, in ms. */
  maxStallMs: number;
  /** When that wait began: ms since the epoch. */
  maxStallAt: number;
  /** Sends that failed after the client's retries (not acknowledged, so not lost). */
  failed: number;
}

interface ProducerEvent {
  name: string;
  timestamp: number;
  value?: string;
}

// Retry through leader moves and restarts for up to two minutes, without duplicates. One request in flight
// per partition and a flat 100 ms retry backoff (the client's exponential backoff up to 1 s, and re-sequencing
// after a leader move with 5 in flight, added up to a second of the client's own to each measured wait).
const PRODUCER_PROPERTIES = [
  "enable.idempotence=true",
  "retries=2147483647",
  "delivery.timeout.ms=120000",
  "max.in.flight.requests.per.connection=1",
  "retry.backoff.max.ms=100",
];

export class SteadyProducer {
  private constructor(
    private readonly container: string,
    private readonly bootstrapServers: string,
    private readonly topic: string,
  ) {}

  /** Starts `perSecond` records/s to `topic` and resolves once the first one is acknowledged. */
  static async start(
    image: string,
    bootstrapServers: string,
    topic: string,
    perSecond = 100,
  ): Promise<SteadyProducer> {
    const container = `steady-producer-${Date.now().toString(36)}`;
    const properties = PRODUCER_PROPERTIES.join("\\n");
    const command =
      `printf '${properties}\\n' > /tmp/producer.properties && exec kafka-verifiable-producer ` +
      `--bootstrap-server ${bootstrapServers} --topic ${topic} --acks -1 --throughput ${perSecond} ` +
      `--max-messages -1 --producer.config /tmp/producer.properties`;
    await docker([
      "run",
      "-d",
      "--name",
      container,
      "--network",
      "host",
      "--entrypoint",
      "sh",
      image,
      "-c",
      command,
    ]);
    const producer = new SteadyProducer(container, bootstrapServers, topic);
    await eventually(
      () => producer.events(),
      (events) => events.some((event) => event.name === "producer_send_success"),
      60_000,
    );
    return producer;
  }

  private async events(): Promise<ProducerEvent[]> {
    const { stdout } = await docker(["logs", this.container]);
    return stdout
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as ProducerEvent);
  }

  /** Removes the producer's container, with the anonymous volume its image declares. */
  async discard(): Promise<void> {
    await docker(["rm", "-f", "-v", this.container]).catch(() => undefined);
  }

  /** Stops the producer (it flushes what it sent), reads the topic back and reports. */
  async stop(): Promise<SteadyRun> {
    await docker(["stop", "-t", "60", this.container]);
    const events = await this.events();
    await this.discard();
    const acked = events.filter((event) => event.name === "producer_send_success");
    const times = acked.map((event) => event.timestamp).sort((a, b) => a - b);
    let maxStallMs = 0;
    let maxStallAt = times[0] ?? 0;
    times.forEach((time, i) => {
      const previous = times[i - 1] ?? time;
      if (time - previous > maxStallMs) [maxStallMs, maxStallAt] = [time - previous, previous];
    });
    const values = new Set(acked.map((event) => event.value ?? ""));
    const found = await readAll(this.bootstrapServers, this.topic, values.size, {
      keep: (record) => values.has(record.value),
      timeoutMs: 60_000,
    });
    return {
      acknowledged: acked.length,
      lost: values.size - new Set(found.map((record) => record.value)).size,
      maxStallMs,
      maxStallAt,
      failed: events.filter((event) => event.name === "producer_send_error").length,
    };
  }
}
