/**
 * Our own thin Kafka client. The apps see only these interfaces, never kafkajs types,
 * so swapping the library (kafkajs has had no release since 2023) touches this file and
 * kafka-settings.ts only.
 */
import { Kafka, type Consumer, type KafkaMessage } from "kafkajs";
import {
  AUTO_COMMIT_INTERVAL_MS,
  buildConsumerConfig,
  buildKafkaConfig,
  buildProducerConfig,
  buildSendRequest,
  CONSUMER_RUN_SETTINGS,
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

function toIncomingRecord(topic: string, partition: number, message: KafkaMessage): IncomingRecord {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key === null ? null : message.key.toString("utf8"),
    value: message.value,
  };
}

interface PartitionOffset {
  topic: string;
  partition: number;
  offset: string;
}

function wrapConsumer(consumer: Consumer, settings: KafkaClientSettings): AppConsumer {
  // Next offset to commit per topic/partition (the offset after the last handled record),
  // and what was last committed, so a commit only sends partitions that moved.
  const handled = new Map<string, PartitionOffset>();
  const committed = new Map<string, string>();
  let commitChain: Promise<void> = Promise.resolve();
  let commitTimer: NodeJS.Timeout | undefined;
  let stopping = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;

  // Commits run one after another so an older commit never lands after a newer one.
  const commit = (): Promise<void> => {
    const next = commitChain.then(async () => {
      const offsets = [...handled.entries()].filter(([key, entry]) => committed.get(key) !== entry.offset);
      if (offsets.length === 0) return;
      await consumer.commitOffsets(offsets.map(([, entry]) => entry));
      for (const [key, entry] of offsets) committed.set(key, entry.offset);
    });
    commitChain = next.catch(() => undefined);
    return next;
  };
  const commitInBackground = (reason: string): void => {
    commit().catch((error: unknown) => {
      // The records stay handled and are committed next time; a new owner re-reads them at worst.
      settings.logger.warn("offset commit failed; retrying with the next commit", {
        reason,
        ...errorFields(error),
      });
    });
  };

  return {
    connect: () => consumer.connect(),
    subscribe: (topic, { fromBeginning }) => consumer.subscribe({ topics: [topic], fromBeginning }),
    run: async (handler) => {
      // kafkajs' autoCommit commits after every batch, a replicated write to __consumer_offsets
      // on the fetch path of every partition; committing on a timer takes it off that path.
      consumer.on(consumer.events.REBALANCING, () => commitInBackground("rebalancing"));
      await consumer.run({
        ...CONSUMER_RUN_SETTINGS,
        autoCommit: false,
        eachBatchAutoResolve: true,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          const last = batch.messages[batch.messages.length - 1];
          if (stopping || last === undefined || !isRunning() || isStale()) return;
          inFlight += 1;
          try {
            const { topic, partition } = batch;
            await handler(batch.messages.map((message) => toIncomingRecord(topic, partition, message)));
            resolveOffset(last.offset);
            const next = (BigInt(last.offset) + 1n).toString();
            handled.set(`${topic}:${partition}`, { topic, partition, offset: next });
          } finally {
            inFlight -= 1;
            if (inFlight === 0) idle?.();
          }
          await heartbeat();
        },
      });
      commitTimer = setInterval(() => commitInBackground("interval"), AUTO_COMMIT_INTERVAL_MS);
      commitTimer.unref();
    },
    commit,
    disconnect: async () => {
      stopping = true;
      clearInterval(commitTimer);
      if (inFlight > 0) await new Promise<void>((resolve) => (idle = resolve));
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
