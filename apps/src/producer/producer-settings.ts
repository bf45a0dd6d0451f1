/**
 * The kafkajs settings the producer runs with: delivery guarantees (idempotence, acks=all),
 * bounded send retries and a hard deadline per send. Pure values and functions, so tests can
 * check the guarantees without a broker.
 */
import { Partitioners, type ProducerBatch, type ProducerConfig } from "kafkajs";
import type { RetrySettings } from "../shared/kafka-connection.js";

/** A record as the apps hand it to the producer: the key picks the partition. */
export interface OutgoingRecord {
  key: string;
  value: string;
}

/** acks=-1 ("all"): a send succeeds only once every in-sync replica has the record. */
export const PRODUCER_ACKS = -1;
export const SEND_TIMEOUT_MS = 30_000;

/**
 * Retries of one send: backoff from 300 ms up to 10 s per attempt, 10 attempts, about a
 * minute of waiting in all. During a broker outage the send then fails, so the send loop
 * counts the batch as failed, logs it and goes on, instead of waiting for ever. Connecting
 * at start still uses CLUSTER_RETRY (kafkajs connects with the cluster's retry settings).
 */
export const SEND_RETRY: RetrySettings = {
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
 * bounded (SEND_RETRY) so an outage fails sends; after a failed send kafka-producer.ts
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
