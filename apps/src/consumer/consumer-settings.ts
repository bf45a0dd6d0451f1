/**
 * The kafkajs settings the consumer runs with: group membership timeouts, restarts after
 * retriable failures, how often handled offsets are committed and how many partitions are
 * handled at once. Pure values and functions, so tests can check them without a broker.
 */
import type { ConsumerConfig } from "kafkajs";
import { CLUSTER_RETRY } from "../shared/kafka-connection.js";
import { errorFields, type Logger } from "../shared/logger.js";

/**
 * Consumer group member. kafkajs calls restartOnFailure only for retriable errors
 * (lost coordinator, broken connection, exhausted retries); we always restart those
 * and leave non-retriable ones to the CRASH listener, which exits the process.
 */
export function buildConsumerConfig(groupId: string, logger: Logger): ConsumerConfig {
  return {
    groupId,
    sessionTimeout: 30_000,
    rebalanceTimeout: 60_000,
    heartbeatInterval: 3_000,
    // A fetch waits at most this long for data; with minBytes 1 it never delays data that is there. Every
    // empty answer costs the consumer and its broker: at 1 s, a settled 3-broker stack used about 1 % of a
    // core more than at 3 s. Disconnect waits for the fetch in flight, so `docker stop` takes up to 3 s.
    maxWaitTimeInMs: 3_000,
    allowAutoTopicCreation: true,
    retry: {
      ...CLUSTER_RETRY,
      restartOnFailure: async (error: Error) => {
        logger.warn(errorFields(error), "consumer failed with a retriable error; restarting");
        return true;
      },
    },
  };
}

/**
 * How often handled offsets are committed while the consumer runs. Committing on a timer
 * (and on rebalance and disconnect) instead of after every batch keeps a replicated write
 * to __consumer_offsets off the fetch path.
 */
export const AUTO_COMMIT_INTERVAL_MS = 5_000;

/**
 * kafkajs fetches from each broker separately; with one worker (its default) a batch from one
 * broker waits while another broker's batch is handled. One worker per partition of the
 * default 3-partition topic lets them overlap; order within a partition is kept either way.
 */
export const CONSUMER_RUN_SETTINGS = {
  partitionsConsumedConcurrently: 3,
} as const;
