/**
 * The kafkajs settings our apps run with, built by pure functions so tests can check the
 * delivery guarantees without a broker. This file and kafka-client.ts are the only ones
 * that know about kafkajs; replacing the library means rewriting these two.
 */
import {
  Partitioners,
  type ConsumerConfig,
  type KafkaConfig,
  type ProducerBatch,
  type ProducerConfig,
  type RetryOptions,
} from "kafkajs";
import { createKafkaLogCreator, toKafkaLogLevel } from "./kafka-log.js";
import { errorFields, type Logger } from "./logger.js";

export interface KafkaClientSettings {
  brokers: readonly string[];
  clientId: string;
  logger: Logger;
}

export interface OutgoingRecord {
  key: string;
  value: string;
}

/** acks=-1 ("all"): a send succeeds only once every in-sync replica has the record. */
export const PRODUCER_ACKS = -1;
export const SEND_TIMEOUT_MS = 30_000;

/**
 * Exponential backoff from 300 ms up to 30 s per attempt, 20 attempts: a client started
 * before the brokers keeps trying for about seven minutes before giving up, long enough
 * for a cold ZooKeeper + Kafka start.
 */
export const CLUSTER_RETRY: Readonly<Required<Omit<RetryOptions, "restartOnFailure">>> = {
  initialRetryTime: 300,
  maxRetryTime: 30_000,
  factor: 0.2,
  multiplier: 2,
  retries: 20,
};

export function buildKafkaConfig(settings: KafkaClientSettings): KafkaConfig {
  return {
    clientId: settings.clientId,
    brokers: [...settings.brokers],
    connectionTimeout: 10_000,
    requestTimeout: 30_000,
    retry: { ...CLUSTER_RETRY },
    logLevel: toKafkaLogLevel(settings.logger.level),
    logCreator: createKafkaLogCreator(settings.logger),
  };
}

/**
 * Retries of one send: backoff from 300 ms up to 10 s per attempt, 10 attempts, about a
 * minute of waiting in all. During a broker outage the send then fails, so the send loop
 * counts the batch as failed, logs it and goes on, instead of waiting for ever. Connecting
 * at start still uses CLUSTER_RETRY (kafkajs connects with the cluster's retry settings).
 */
export const SEND_RETRY: Readonly<Required<Omit<RetryOptions, "restartOnFailure">>> = {
  initialRetryTime: 300,
  maxRetryTime: 10_000,
  factor: 0.2,
  multiplier: 2,
  retries: 10,
};

/**
 * Hard limit on one sendBatch, connecting a replaced producer included. kafkajs nests the
 * cluster's own retries (metadata, broker connections) inside a send's attempts, so the
 * retry settings alone do not bound its duration.
 */
export const SEND_DEADLINE_MS = 120_000;

/**
 * Idempotent producer: the broker de-duplicates retried batches, which kafkajs only
 * guarantees with acks=-1, one in-flight request per broker and retries > 0. Retries are
 * bounded (SEND_RETRY) so an outage fails sends; after a failed send kafka-client.ts
 * replaces the producer (new producer id), so the next batch, which would reuse the failed
 * batch's sequence numbers, is never mistaken for a duplicate of it. kafkajs warns once per
 * producer that limited retries "may invalidate EoS guarantees"; the replacement is our answer.
 * The partitioner is named explicitly (murmur2, Java-client compatible) so equal keys
 * land on the same partitions as with the Java clients and kafkajs prints no warning.
 */
export function buildProducerConfig(): ProducerConfig {
  return {
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: true,
    retry: { ...SEND_RETRY },
  };
}

export function buildSendRequest(topic: string, records: readonly OutgoingRecord[]): ProducerBatch {
  return {
    acks: PRODUCER_ACKS,
    timeout: SEND_TIMEOUT_MS,
    topicMessages: [{ topic, messages: records.map(({ key, value }) => ({ key, value })) }],
  };
}

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
    // A fetch waits at most this long for data; disconnect waits for the fetch in flight, so this
    // bounds how long `docker stop` takes. With minBytes 1 it never delays data that is there.
    maxWaitTimeInMs: 1_000,
    allowAutoTopicCreation: true,
    retry: {
      ...CLUSTER_RETRY,
      restartOnFailure: async (error: Error) => {
        logger.warn("consumer failed with a retriable error; restarting", errorFields(error));
        return true;
      },
    },
  };
}

/** How often the consumer commits handled offsets while it runs (also on rebalance and on disconnect). */
export const AUTO_COMMIT_INTERVAL_MS = 5_000;

/**
 * How the consumer's fetch loop runs. kafkajs fetches from each broker separately; with one
 * worker (its default) a batch from one broker waits while another broker's batch is handled.
 * One worker per partition of the default 3-partition topic lets them overlap; order within a
 * partition is kept either way.
 */
export const CONSUMER_RUN_SETTINGS = {
  partitionsConsumedConcurrently: 3,
} as const;
