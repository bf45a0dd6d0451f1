/**
 * The Kafka admin client of the Pulumi process and of the tools around it (tests, bench, status): one
 * connection per piece of work, through the brokers' host listeners, always disconnected afterwards.
 */
import { Kafka, logLevel, type Admin } from "kafkajs";

/** Runs `work` with an admin client connected to `bootstrapServers`, and disconnects it. */
export type AdminLender = <T>(bootstrapServers: string, work: (admin: Admin) => Promise<T>) => Promise<T>;

export interface AdminClientOptions {
  /** The client id the brokers log; the Pulumi program's by default. */
  clientId?: string;
  /** kafkajs' own log level: errors by default; tests that stop brokers on purpose pass NOTHING. */
  logLevel?: logLevel;
}

const CLIENT_ID = "kafka-pulumi-topics";

/** Runs `work` with a connected admin client and always disconnects. */
export async function withAdmin<T>(
  bootstrapServers: string,
  work: (admin: Admin) => Promise<T>,
  options: AdminClientOptions = {},
): Promise<T> {
  const kafka = new Kafka({
    clientId: options.clientId ?? CLIENT_ID,
    brokers: bootstrapServers.split(","),
    logLevel: options.logLevel ?? logLevel.ERROR,
    // Brokers report healthy before every one has joined the metadata; retry for about a minute.
    retry: { initialRetryTime: 500, retries: 10, maxRetryTime: 10_000 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** How long work addressed to one broker waits for it to be back in the metadata it was routed by. */
const MISSING_BROKER_WAIT_MS = 60_000;

/**
 * Runs `work` again while it fails because a broker is missing from the metadata (kafkajs'
 * KafkaJSBrokerNotFound): in KRaft a broker that has just started can drop out of the brokers' metadata for
 * a moment after it first appears, and calls that must reach that broker (its own configs) fail meanwhile.
 */
export async function retryWhileBrokerMissing<T>(
  work: () => Promise<T>,
  waitMs = MISSING_BROKER_WAIT_MS,
  pauseMs = 250,
): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if ((error as Error).name !== "KafkaJSBrokerNotFound" || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}
