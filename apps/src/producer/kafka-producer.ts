/**
 * The producer's Kafka client: a kafkajs producer behind our own AppProducer interface, with a
 * deadline on every send and a fresh producer after a failed one. The rest of the producer sees
 * only AppProducer, so replacing kafkajs (no release since 2023) stays inside the kafka modules.
 */
import type { Kafka, Producer } from "kafkajs";
import { errorFields, type Logger } from "../shared/logger.js";
import {
  buildProducerConfig,
  buildSendRequest,
  SEND_DEADLINE_MS,
  type OutgoingRecord,
} from "./producer-settings.js";

export type { OutgoingRecord } from "./producer-settings.js";

export interface DeliveryReport {
  topic: string;
  partition: number;
  baseOffset: string;
}

export interface AppProducer {
  connect(): Promise<void>;
  /**
   * Resolves once all in-sync replicas acknowledged every record (acks=all); rejects when
   * kafkajs gives up (bounded retries) or after SEND_DEADLINE_MS.
   */
  sendBatch(topic: string, records: readonly OutgoingRecord[]): Promise<DeliveryReport[]>;
  disconnect(): Promise<void>;
}

/** The part of a kafkajs producer that wrapProducer uses. */
export type KafkajsProducer = Pick<Producer, "connect" | "disconnect" | "sendBatch">;

export class SendDeadlineError extends Error {
  constructor(deadlineMs: number) {
    super(`send not acknowledged within ${deadlineMs} ms`);
    this.name = "SendDeadlineError";
  }
}

function withDeadline<T>(work: Promise<T>, deadlineMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SendDeadlineError(deadlineMs)), deadlineMs);
  });
  // The abandoned work may still fail later; that outcome is no longer anyone's business.
  work.catch(() => undefined);
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

/**
 * Wraps a kafkajs producer. A failed send (kafkajs gave up, or the deadline passed) has an
 * unknown outcome: its records may still land. kafkajs advances the idempotent producer's
 * sequence numbers only on success, so the next batch would reuse them and the broker could
 * take it for a retry of the failed one and drop it. Hence after a failure the producer is
 * disconnected in the background and replaced by a new one (new producer id), which connects
 * within the next send's deadline.
 */
export function wrapProducer(
  create: () => KafkajsProducer,
  logger: Logger,
  deadlineMs = SEND_DEADLINE_MS,
): AppProducer {
  let producer = create();
  let replaced = false;
  const replace = (): void => {
    const old = producer;
    producer = create();
    replaced = true;
    old.disconnect().catch((error: unknown) => {
      logger.debug(errorFields(error), "disconnecting the replaced producer failed");
    });
  };
  return {
    connect: () => producer.connect(),
    disconnect: () => producer.disconnect(),
    sendBatch: async (topic, records) => {
      const current = producer;
      const send = async () => {
        if (replaced) {
          await current.connect();
          if (current === producer) replaced = false;
        }
        return current.sendBatch(buildSendRequest(topic, records));
      };
      try {
        const metadata = await withDeadline(send(), deadlineMs);
        return metadata.map((entry) => ({
          topic: entry.topicName,
          partition: entry.partition,
          baseOffset: entry.baseOffset ?? "",
        }));
      } catch (error) {
        if (current === producer) replace();
        throw error;
      }
    },
  };
}

/** The producer the app runs: idempotent, acks=all, bounded retries (see producer-settings.ts). */
export function createAppProducer(kafka: Kafka, logger: Logger): AppProducer {
  return wrapProducer(() => kafka.producer(buildProducerConfig()), logger);
}
