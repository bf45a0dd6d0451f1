/**
 * Our own thin Kafka client. The apps see only these interfaces, never kafkajs types,
 * so swapping the library (kafkajs has had no release since 2023) touches this file and
 * kafka-settings.ts only.
 */
import { Kafka, type Consumer } from "kafkajs";
import {
  AUTO_COMMIT_INTERVAL_MS,
  buildConsumerConfig,
  buildKafkaConfig,
  buildProducerConfig,
  buildSendRequest,
  type KafkaClientSettings,
  type OutgoingRecord,
} from "./kafka-settings.js";
import { errorFields } from "./logger.js";

export type { KafkaClientSettings, OutgoingRecord } from "./kafka-settings.js";

export interface DeliveryReport {
  topic: string;
  partition: number;
  baseOffset: string;
}

export interface AppProducer {
  connect(): Promise<void>;
  /** Resolves once all in-sync replicas acknowledged every record (acks=all). */
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

export type RecordHandler = (record: IncomingRecord) => Promise<void> | void;

export interface CrashReport {
  error: Error;
  /** True when the client restarts itself; false means it has given up. */
  restart: boolean;
}

export interface AppConsumer {
  connect(): Promise<void>;
  subscribe(topic: string, options: { fromBeginning: boolean }): Promise<void>;
  /** Starts consuming; offsets of handled records are committed automatically. */
  run(handler: RecordHandler): Promise<void>;
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
    producer: () => {
      const producer = kafka.producer(buildProducerConfig());
      return {
        connect: () => producer.connect(),
        disconnect: () => producer.disconnect(),
        sendBatch: async (topic, records) => {
          const metadata = await producer.sendBatch(buildSendRequest(topic, records));
          return metadata.map((entry) => ({
            topic: entry.topicName,
            partition: entry.partition,
            baseOffset: entry.baseOffset ?? "",
          }));
        },
      };
    },
    consumer: (groupId) =>
      wrapConsumer(kafka.consumer(buildConsumerConfig(groupId, settings.logger)), settings),
  };
}

function wrapConsumer(consumer: Consumer, settings: KafkaClientSettings): AppConsumer {
  // Next offset to commit per topic/partition: the offset after the last handled record.
  const handled = new Map<string, { topic: string; partition: number; offset: string }>();

  const commit = async (): Promise<void> => {
    const offsets = [...handled.values()];
    if (offsets.length === 0) return;
    await consumer.commitOffsets(offsets);
  };

  return {
    connect: () => consumer.connect(),
    subscribe: (topic, { fromBeginning }) => consumer.subscribe({ topics: [topic], fromBeginning }),
    run: (handler) =>
      consumer.run({
        autoCommit: true,
        autoCommitInterval: AUTO_COMMIT_INTERVAL_MS,
        eachMessage: async ({ topic, partition, message }) => {
          await handler({
            topic,
            partition,
            offset: message.offset,
            key: message.key === null ? null : message.key.toString("utf8"),
            value: message.value,
          });
          const next = (BigInt(message.offset) + 1n).toString();
          handled.set(`${topic}:${partition}`, { topic, partition, offset: next });
        },
      }),
    commit,
    disconnect: async () => {
      try {
        await commit();
      } catch (error) {
        // After a rebalance the partitions may belong to another member; it resumes from the last commit.
        settings.logger.warn("could not commit offsets before disconnecting", errorFields(error));
      }
      await consumer.disconnect();
    },
    onCrash: (listener) => {
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        listener({ error: payload.error, restart: payload.restart });
      });
    },
  };
}
