/**
 * The kafkajs client both apps start from: where the brokers are, how long to keep retrying
 * an unreachable cluster, and kafkajs' own log lines routed through ours. Built by pure
 * functions so tests can check the settings without a broker.
 */
import { Kafka, type KafkaConfig, type RetryOptions } from "kafkajs";
import { quietIdleRequestQueues } from "./idle-request-queues.js";
import { createKafkaLogCreator, toKafkaLogLevel } from "./kafka-log.js";
import type { Logger } from "./logger.js";

export interface KafkaClientSettings {
  brokers: readonly string[];
  clientId: string;
  logger: Logger;
}

/** kafkajs retry settings without restartOnFailure, which only a consumer has. */
export type RetrySettings = Readonly<Required<Omit<RetryOptions, "restartOnFailure">>>;

/**
 * Exponential backoff from 300 ms up to 30 s per attempt, 20 attempts: a client started
 * before the brokers keeps trying for about seven minutes before giving up, long enough
 * for a cold ZooKeeper + Kafka start.
 */
export const CLUSTER_RETRY: RetrySettings = {
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
    logLevel: toKafkaLogLevel(settings.logger),
    logCreator: createKafkaLogCreator(settings.logger),
  };
}

/** Creating the client opens no connection; its producers and consumers connect when asked. */
export function createKafka(settings: KafkaClientSettings): Kafka {
  quietIdleRequestQueues();
  return new Kafka(buildKafkaConfig(settings));
}
