/**
 * The producer's work: make events, send them in batches at the configured pace, count
 * what was acknowledged and what failed, and stop on the count limit or on shutdown.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { ProducerSettings } from "../shared/app-config.js";
import type { AppProducer } from "../shared/kafka-client.js";
import { errorFields, type LogFields, type Logger } from "../shared/logger.js";
import { encodeUserEvent, type UserEventFactory } from "../shared/user-event.js";

export interface SendLoopOptions {
  producer: AppProducer;
  events: UserEventFactory;
  topic: string;
  settings: ProducerSettings;
  logger: Logger;
  /** Aborting stops the loop after the batch in flight. */
  signal: AbortSignal;
  now?: () => number;
}

export interface SendStats {
  sent: number;
  failed: number;
  bytes: number;
  elapsedMs: number;
  eventsPerSecond: number;
}

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return;
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    // Aborted: the loop condition sees the signal and ends.
  }
}

export async function runSendLoop(options: SendLoopOptions): Promise<SendStats> {
  const { producer, events, topic, settings, logger, signal } = options;
  const now = options.now ?? Date.now;
  const started = now();
  let sent = 0;
  let failed = 0;
  let bytes = 0;
  const remaining = (): number =>
    settings.count === 0 ? settings.batchSize : Math.min(settings.batchSize, settings.count - sent - failed);

  while (!signal.aborted && remaining() > 0) {
    const batchStarted = now();
    const batch = Array.from({ length: remaining() }, () => events.next());
    const records = batch.map(encodeUserEvent);
    const lastSeq = batch[batch.length - 1]?.seq;
    try {
      const reports = await producer.sendBatch(topic, records);
      sent += records.length;
      const batchBytes = records.reduce((sum, record) => sum + Buffer.byteLength(record.value), 0);
      bytes += batchBytes;
      const fields: LogFields = { seq: lastSeq, records: records.length, bytes: batchBytes, sent, failed };
      const [first] = records;
      const [report] = reports;
      if (records.length === 1 && first !== undefined && report !== undefined) {
        Object.assign(fields, { key: first.key, partition: report.partition, offset: report.baseOffset });
      }
      logger.info("sent", fields);
    } catch (error) {
      failed += records.length;
      logger.error("send failed", {
        seq: lastSeq,
        records: records.length,
        sent,
        failed,
        ...errorFields(error),
      });
    }
    // A fixed rate: the interval runs from one batch's start to the next, acknowledgement included.
    await pause(settings.intervalMs - (now() - batchStarted), signal);
  }

  const elapsedMs = Math.max(now() - started, 1);
  return { sent, failed, bytes, elapsedMs, eventsPerSecond: Math.round((sent * 1000 * 10) / elapsedMs) / 10 };
}
