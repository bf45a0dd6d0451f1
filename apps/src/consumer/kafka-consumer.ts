/**
 * The consumer's Kafka client: a kafkajs consumer behind our own AppConsumer interface, handling
 * whole fetched batches and committing handled offsets on a timer, on rebalance and on disconnect.
 * The rest of the consumer sees only AppConsumer, so replacing kafkajs stays inside the kafka modules.
 */
import type { Consumer, Kafka, KafkaMessage } from "kafkajs";
import { errorFields, type Logger } from "../shared/logger.js";
import { AUTO_COMMIT_INTERVAL_MS, buildConsumerConfig, CONSUMER_RUN_SETTINGS } from "./consumer-settings.js";
import {
  isAssigned,
  partitionKey,
  pruneToAssignment,
  type Assignment,
  type PartitionOffset,
} from "./consumer-offsets.js";

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
  /** Commits what was handled, leaves the group and closes connections. */
  disconnect(): Promise<void>;
  onCrash(listener: (report: CrashReport) => void): void;
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

/** Wraps a kafkajs consumer; tests pass a fake one. */
export function wrapConsumer(consumer: Consumer, logger: Logger): AppConsumer {
  // Next offset to commit per topic/partition (the offset after the last handled record),
  // and what was last committed, so a commit only sends partitions that moved.
  const handled = new Map<string, PartitionOffset>();
  const committed = new Map<string, string>();
  // This member's partitions since its last group join; undefined until the first join.
  let assignment: Assignment | undefined;
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
      logger.warn({ reason, ...errorFields(error) }, "offset commit failed; retrying with the next commit");
    });
  };

  return {
    connect: () => consumer.connect(),
    subscribe: (topic, { fromBeginning }) => consumer.subscribe({ topics: [topic], fromBeginning }),
    run: async (handler) => {
      // kafkajs' autoCommit would commit after every batch; see AUTO_COMMIT_INTERVAL_MS.
      consumer.on(consumer.events.REBALANCING, () => commitInBackground("rebalancing"));
      // If the commit at REBALANCING failed, offsets of partitions now owned by another member
      // must not be sent by a later commit (it would carry the new generation and be accepted).
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        assignment = payload.memberAssignment;
        const dropped = pruneToAssignment(assignment, handled, committed);
        if (dropped.length > 0) {
          logger.info({ partitions: dropped }, "dropped offsets of revoked partitions");
        }
      });
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
            // A batch that finished after a rebalance took its partition away is not recorded.
            if (assignment === undefined || isAssigned(assignment, topic, partition)) {
              handled.set(partitionKey(topic, partition), { topic, partition, offset: next });
            }
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
    disconnect: async () => {
      stopping = true;
      clearInterval(commitTimer);
      if (inFlight > 0) await new Promise<void>((resolve) => (idle = resolve));
      try {
        await commit();
      } catch (error) {
        // After a rebalance the partitions may belong to another member; it resumes from the last commit.
        logger.warn(errorFields(error), "could not commit offsets before disconnecting");
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

/** The consumer the app runs: a member of `groupId` that restarts after retriable failures. */
export function createAppConsumer(kafka: Kafka, groupId: string, logger: Logger): AppConsumer {
  return wrapConsumer(kafka.consumer(buildConsumerConfig(groupId, logger)), logger);
}
