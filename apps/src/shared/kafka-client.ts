/**
 * Our own thin Kafka client. The apps see only these interfaces, never kafkajs types, so
 * swapping the library (kafkajs has had no release since 2023) touches this file,
 * kafka-producer.ts, kafka-consumer.ts and kafka-settings.ts only.
 */
import { Kafka } from "kafkajs";
import { wrapConsumer } from "./kafka-consumer.js";
import { createAppProducer } from "./kafka-producer.js";
import {
  buildConsumerConfig,
  buildKafkaConfig,
  buildProducerConfig,
  type KafkaClientSettings,
  type OutgoingRecord,
} from "./kafka-settings.js";

export { wrapConsumer } from "./kafka-consumer.js";
export { createAppProducer, SendDeadlineError, type KafkaProducer } from "./kafka-producer.js";
export type { KafkaClientSettings, OutgoingRecord } from "./kafka-settings.js";

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

export interface IncomingRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
}

/**
 * Receives every record of one fetched batch (one topic-partition, in offset order) at once.
 * The batch counts as handled when the handler returns; if it throws, none of it does.
 */
export type BatchHandler = (records: readonly IncomingRecord[]) => Promise<void> | void;

export interface CrashReport {
  error: Error;
  /** True when the client restarts itself; false means it has given up. */
  restart: boolean;
}

export interface AppConsumer {
  connect(): Promise<void>;
  subscribe(topic: string, options: { fromBeginning: boolean }): Promise<void>;
  /**
   * Starts consuming whole fetched batches; offsets of handled batches are committed in the
   * background every AUTO_COMMIT_INTERVAL_MS, when the group rebalances and on disconnect.
   */
  run(handler: BatchHandler): Promise<void>;
  /** Commits the offsets of every record handled so far. */
  commit(): Promise<void>;
  /** Commits what was handled, leaves the group and closes connections. */
  disconnect(): Promise<void>;
  onCrash(listener: (report: CrashReport) => void): void;
}

export interface KafkaClient {
  producer(): AppProducer;
  consumer(groupId: string): AppConsumer;
}

export function createKafkaClient(settings: KafkaClientSettings): KafkaClient {
  const kafka = new Kafka(buildKafkaConfig(settings));
  return {
    producer: () => createAppProducer(() => kafka.producer(buildProducerConfig()), settings.logger),
    consumer: (groupId) =>
      wrapConsumer(kafka.consumer(buildConsumerConfig(groupId, settings.logger)), settings),
  };
}
